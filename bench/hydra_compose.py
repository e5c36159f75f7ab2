#!/usr/bin/python3
"""The Hydra side of `npm run bench`: what ROLL's launchers do (initialize_config_dir without a
version_base, i.e. Hydra 1.1 mode; compose; OmegaConf.to_container(resolve=True)).

  hydra_compose.py CONFIG_DIR CONFIG_NAME            one compose, prints the config as JSON (a cold process)
  hydra_compose.py CONFIG_DIR CONFIG_NAME --warm N   one warm-up, then N composes; prints the median ms

Needs Hydra 1.3 importable from $HYDRA_SRC (default /tmp/hydra-src) and OmegaConf 2.2 (Debian's
python3-omegaconf); bench/run.mjs runs it with /usr/bin/python3 only when both are there.
"""
import json
import os
import sys
import time
import warnings

sys.path.insert(0, os.environ.get("HYDRA_SRC", "/tmp/hydra-src"))
warnings.simplefilter("ignore")  # Hydra's version_base and missing-_self_ warnings

from hydra import compose, initialize_config_dir  # noqa: E402
from omegaconf import OmegaConf  # noqa: E402


def compose_once(config_dir, config_name):
    with initialize_config_dir(config_dir=config_dir, version_base="1.1", job_name="app"):
        return OmegaConf.to_container(compose(config_name=config_name), resolve=True)


def main(argv):
    config_dir, config_name = os.path.abspath(argv[0]), argv[1]
    if "--warm" in argv:
        n = int(argv[argv.index("--warm") + 1])
        compose_once(config_dir, config_name)
        samples = []
        for _ in range(n):
            t = time.perf_counter()
            compose_once(config_dir, config_name)
            samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        print(json.dumps({"n": n, "median_ms": samples[n // 2]}))
    else:
        print(json.dumps(compose_once(config_dir, config_name)))


if __name__ == "__main__":
    main(sys.argv[1:])
