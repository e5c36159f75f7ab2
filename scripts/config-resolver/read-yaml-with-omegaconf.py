#!/usr/bin/python3
"""Reads YAML texts (JSON on stdin: {"cases": [{"name", "yaml"}]}) with OmegaConf 2.2's loader, the one
OmegaConf.load uses (PyYAML's SafeLoader with OmegaConf's float and key rules), and writes each case back
with "python": the typed tree it read (see packages/config-resolver/test/helpers/python-view.ts).
Used by scripts/config-resolver/record-yaml-output.ts; run with /usr/bin/python3 (omegaconf 2.2.2, PyYAML 6.0).
"""
import base64
import json
import sys

import omegaconf
import yaml
from omegaconf._utils import get_yaml_loader


def typed(value):
    if value is None:
        return ["None"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, bytes):
        return ["bytes", base64.b64encode(value).decode("ascii")]
    if isinstance(value, list):
        return ["list", [typed(item) for item in value]]
    if isinstance(value, dict):
        return ["dict", [[typed(k), typed(v)] for k, v in value.items()]]
    return ["other", type(value).__name__, str(value)]


def main() -> None:
    data = json.load(sys.stdin)
    for case in data["cases"]:
        try:
            case["python"] = typed(yaml.load(case["yaml"], Loader=get_yaml_loader()))
        except yaml.YAMLError as error:
            case["python"] = ["error", type(error).__name__, str(error)]
    # One case a line: small diffs when the writer changes.
    cases = ",\n".join(json.dumps(case) for case in data["cases"])
    reader = f"omegaconf {omegaconf.__version__}, PyYAML {yaml.__version__}"
    head = json.dumps({"generator": data["generator"], "reader": reader})[:-1]
    sys.stdout.write(f'{head}, "cases": [\n{cases}\n]}}\n')


if __name__ == "__main__":
    main()
