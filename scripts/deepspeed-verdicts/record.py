"""Record DeepSpeed's own verdict on every case of cases.py at several DeepSpeed tags.

    python3 scripts/deepspeed-verdicts/record.py [--tags v0.16.4,...] [--mirror DIR]

writes packages/deepspeed/test/fixtures/deepspeed-verdicts/verdicts.json. See README.md.
"""
import argparse
import json
import os
import subprocess
import sys
import tarfile
import io
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "packages/deepspeed/test/fixtures/deepspeed-verdicts/verdicts.json")
MIRROR = "/work/.mirror/deepspeedai+DeepSpeed/repo"
# 0.16.4 is what ROLL 0.2 pins, master the newest code; the others are the releases where a rule or default
# changed (0.16.6 compile, 0.17.1 fp16/bf16 models, 0.17.2 torch_autocast, 0.17.5 ZenFlow, 0.17.6 bf16 dtypes and
# Muon, 0.18.0 leaf_module, 0.18.3 bf16 master weights, 0.18.5 Muon under ZeRO, 0.18.8 fp16.loss_scale check,
# 0.19.2 param_dtype, 0.19.3 gradient_clipping default and scheduler ints, 0.19.4 managed_gradient_accumulation,
# 0.19.5 pin_memory default) and one before each.
TAGS = ["v0.16.4", "v0.16.6", "v0.16.9", "v0.17.1", "v0.17.2", "v0.17.5", "v0.17.6", "v0.18.0", "v0.18.3", "v0.18.5",
        "v0.18.8", "v0.18.9", "v0.19.2", "v0.19.3", "v0.19.4", "v0.19.5", "master"]

sys.path.insert(0, HERE)
import cases as case_list  # noqa: E402


def git(mirror, *args):
    return subprocess.run(["git", f"--git-dir={mirror}", *args], check=True, capture_output=True).stdout


def checkout(mirror, tag):
    """deepspeed/ of `tag` under /tmp/ds-verdicts/<tag> (re-extracted when the commit differs)."""
    commit = git(mirror, "rev-parse", f"{tag}^{{commit}}").decode().strip()
    tree = f"/tmp/ds-verdicts/{tag}"
    stamp = os.path.join(tree, ".commit")
    if not (os.path.exists(stamp) and open(stamp).read() == commit):
        subprocess.run(["rm", "-rf", tree], check=True)
        os.makedirs(tree)
        archive = git(mirror, "archive", commit, "deepspeed/", "version.txt")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        open(stamp, "w").write(commit)
    version = open(os.path.join(tree, "version.txt")).read().strip()
    return tree, commit, version


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tags", default=",".join(TAGS))
    parser.add_argument("--mirror", default=MIRROR)
    parser.add_argument("--out", default=OUT)
    parser.add_argument("--probe", help="regex of case ids: print where their verdicts change across --tags "
                        "(e.g. every release tag) instead of writing the fixture")
    args = parser.parse_args()
    cases = case_list.CASES
    if args.probe:
        cases = [c for c in cases if re.search(args.probe, c["id"])]
    payload = json.dumps([{
        "id": c["id"],
        "config": c["config"],
        "world_size": c.get("world_size", 1),
        "effective": c.get("effective", False)
    } for c in cases])
    tags = {}
    by_tag = {}
    for tag in args.tags.split(","):
        tree, commit, version = checkout(args.mirror, tag)
        run = subprocess.run([sys.executable, os.path.join(HERE, "run_tag.py"), tree], input=payload.encode(),
                             capture_output=True, check=False, cwd=tree)  # git_version_info reads ./version.txt
        if run.returncode != 0:
            sys.exit(f"{tag}: run_tag.py failed\n{run.stderr.decode()}")
        verdicts = json.loads(run.stdout)
        broken = {k: v for k, v in verdicts.items() if v["valid"] is None}
        if broken:
            sys.exit(f"{tag}: harness failures (fix dsstub/run_tag, not the cases):\n" +
                     "\n".join(f"  {k}: {v}" for k, v in broken.items()))
        name = "main" if tag == "master" else tag
        tags[name] = {"commit": commit, "version": version}
        by_tag[name] = verdicts
        print(f"{name} ({version}, {commit[:10]}): {sum(v['valid'] for v in verdicts.values())} valid of "
              f"{len(verdicts)}", file=sys.stderr)
    if args.probe:
        for c in cases:
            previous = None
            for name in tags:
                verdict = by_tag[name][c["id"]]
                summary = "valid" if verdict["valid"] else f"{verdict['type']}: {verdict['message'][:100]}"
                if summary != previous:
                    print(f"{c['id']} from {name}: {summary}")
                previous = summary
        return
    records = []
    for c in cases:
        groups = []
        for name in tags:
            verdict = by_tag[name][c["id"]]
            for group in groups:
                if group["verdict"] == verdict:
                    group["tags"].append(name)
                    break
            else:
                groups.append({"tags": [name], "verdict": verdict})
        record = {"id": c["id"], "section": c["section"], "config": json.dumps(c["config"], sort_keys=False)}
        for key in ("world_size", "blame", "silent", "effective"):
            if key in c:
                record[key] = c[key]
        record["verdicts"] = [{"tags": g["tags"], **g["verdict"]} for g in groups]
        records.append(record)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as out:
        json.dump({"generator": "scripts/deepspeed-verdicts/record.py (do not edit; re-run it)",
                   "deepspeed": tags, "cases": records}, out, indent=1)
        out.write("\n")
    print(f"wrote {len(records)} cases x {len(tags)} tags to {os.path.relpath(args.out, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
