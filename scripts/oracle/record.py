#!/usr/bin/python3
"""Records what the real Hydra 1.3.2 + OmegaConf 2.2 give for a fixture's cases (development tool only).

Usage: /usr/bin/python3 scripts/oracle/record.py FIXTURE_DIR [FIXTURE_DIR...]

FIXTURE_DIR holds cases.json: {"cases": [{"id", "name", "overrides", ...}]} with per case
  dir           config dir relative to FIXTURE_DIR (default "configs")
  name          primary config name
  overrides     list of override strings; an override may be a list of [text, count] pieces, joined
                (for the 20,000-deep and 20,000-long inputs); $ROOT stands for FIXTURE_DIR
  resolve       false: OmegaConf.to_container(resolve=False) (default true)
  version_base  "1.1" (ROLL's mode, default) or "none" (1.3 semantics)
  cwd           working directory relative to FIXTURE_DIR (default FIXTURE_DIR): where relative
                file:// search path entries are looked up
  config_dir    an extra directory added as Hydra's `--config-dir DIR` does (relative to cwd)
  hydra         list of dotted hydra.* keys to report from compose(return_hydra_config=True)
  main          true: resolve as under @hydra.main (HydraConfig set to the composed config),
                false (default): as under the compose API, where ${hydra:...} fails
and writes expected.json: {id: {"json": "<json.dumps of the config>", "warnings": [...], "hydra": {...}}
| {"error", "message", "chain": [{"error", "message"}, ...]}} (chain: __cause__/__context__, outermost first).
Absolute paths under FIXTURE_DIR are written as $ROOT.

Hydra is imported from /tmp/hydra-src (HYDRA_SRC) under Debian's /usr/bin/python3, as
/work/shared/oracle/compose.py does (see its README for the set-up).
"""
import json
import math
import os
import sys
import warnings

HYDRA_SRC = os.environ.get("HYDRA_SRC", "/tmp/hydra-src")
SYS_PY = "/usr/bin/python3"
if os.path.realpath(sys.executable) != os.path.realpath(SYS_PY) and os.path.exists(SYS_PY):
    os.execv(SYS_PY, [SYS_PY, os.path.abspath(__file__)] + sys.argv[1:])
sys.path.insert(0, HYDRA_SRC)
sys.setrecursionlimit(1000)  # Python's default: what a Hydra user gets

from hydra._internal.hydra import Hydra  # noqa: E402
from hydra._internal.utils import create_config_search_path  # noqa: E402
from hydra.core.config_search_path import SearchPathQuery  # noqa: E402
from hydra.core.global_hydra import GlobalHydra  # noqa: E402
from hydra.core.hydra_config import HydraConfig  # noqa: E402
from hydra.core.singleton import Singleton  # noqa: E402
from hydra.errors import SearchPathException  # noqa: E402
from hydra import version  # noqa: E402
from hydra.types import RunMode  # noqa: E402
from omegaconf import OmegaConf, open_dict  # noqa: E402


def _key(k):
    # what json.dumps writes for a key (its allow_nan spelling for non-finite floats)
    if isinstance(k, float) and not math.isfinite(k):
        return "NaN" if math.isnan(k) else ("Infinity" if k > 0 else "-Infinity")
    return str(k) if not isinstance(k, bool) and k is not None else json.dumps(k)


def jsonable(v):
    if isinstance(v, dict):
        return {_key(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return {"$repr": repr(v)}


def error_obj(e):
    chain, seen, cur = [], set(), e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        msg = "maximum recursion depth exceeded" if isinstance(cur, RecursionError) else str(cur)
        chain.append({"error": type(cur).__name__, "message": msg})
        cur = cur.__cause__ or cur.__context__  # as /work/shared/oracle/compose.py records chains
    return {"error": type(e).__name__, "message": chain[0]["message"], "chain": chain}


def expand(override):
    if isinstance(override, str):
        return override
    return "".join(text * count for text, count in override)


def compose_case(root, case):
    cwd = os.path.join(root, case.get("cwd", "."))
    os.chdir(cwd)
    config_dir = os.path.abspath(os.path.join(root, case.get("dir", "configs")))
    vb = case.get("version_base", "1.1")
    version.setbase(None if vb == "none" else vb)
    GlobalHydra.instance().clear()
    Singleton._instances.pop(HydraConfig, None)
    csp = create_config_search_path(search_path_dir=config_dir)
    if "config_dir" in case:  # hydra/_internal/utils.py run_hydra(): add_conf_dir()
        extra = os.path.abspath(case["config_dir"])
        if not os.path.isdir(extra):
            raise SearchPathException(f"Additional config directory '{extra}' not found")
        csp.prepend(provider="command-line", path=f"file://{extra}",
                    anchor=SearchPathQuery(provider="schema"))
    Hydra.create_main_hydra2(task_name="app", config_search_path=csp)
    gh = GlobalHydra.instance()
    cfg = gh.hydra.compose_config(config_name=case["name"], overrides=[expand(o).replace("$ROOT", root)
                                             for o in case.get("overrides", [])],
                                  run_mode=RunMode.RUN, from_shell=False,
                                  with_log_configuration=False)
    out = {}
    if case.get("hydra"):
        out["hydra"] = {k: jsonable(OmegaConf.to_container(OmegaConf.select(cfg, k), resolve=False))
                        if OmegaConf.is_config(OmegaConf.select(cfg, k))
                        else jsonable(OmegaConf.select(cfg, k)) for k in case["hydra"]}
    if case.get("main"):
        HydraConfig.instance().set_config(cfg)  # what run_job() does before calling the task
    with open_dict(cfg):
        del cfg["hydra"]
    # Exact text: int vs float and key order are what the differential test compares.
    out["json"] = json.dumps(jsonable(OmegaConf.to_container(cfg, resolve=case.get("resolve", True))),
                             ensure_ascii=False, allow_nan=False, indent=1)
    return out


def record(root):
    root = os.path.realpath(root)
    with open(os.path.join(root, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    results = {}
    for case in cases:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                res = compose_case(root, case)
            except Exception as e:  # noqa: BLE001
                res = error_obj(e)
        if "json" in res:
            res["warnings"] = [str(w.message) for w in caught
                               if "version_base" not in str(w.message)]
        text = json.dumps(res, ensure_ascii=False, allow_nan=False)
        results[case["id"]] = json.loads(text.replace(root, "$ROOT"))
    os.chdir(root)
    with open(os.path.join(root, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{root}: {len(results)} cases recorded")


if __name__ == "__main__":
    for d in [os.path.realpath(a) for a in sys.argv[1:]]:  # record() changes the working directory
        record(d)
