#!/usr/bin/env node
// Records what the real Hydra 1.3.2 + OmegaConf 2.2 stack gives for tests/hostile/fixtures/odd-strings:
// lone surrogates, astral characters, NUL, C1 controls, separators. Development tool (needs the oracle in
// /work/shared/oracle, see its README); the test reads only the recorded expected.json.
//
// Hydra's own output cannot be printed as UTF-8 (a lone surrogate is a UnicodeEncodeError), so the oracle
// runs with PYTHONIOENCODING=utf-8:surrogatepass and the bytes are decoded the same way. Recorded per key:
// `json` = json.dumps(value, ensure_ascii=True) (ASCII, exact) and `code_points` = the Python str's code
// points, which show where Python and JS strings differ (two escaped surrogates stay two in Python).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PYTHON = "/usr/bin/python3";
const ORACLE = process.env.ROLL_ORACLE ?? "/work/shared/oracle/compose.py";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const caseDir = join(root, "tests/hostile/fixtures/odd-strings");

const composed = spawnSync(PYTHON, [ORACLE, join(caseDir, "conf"), "config", "--quiet"], {
  env: { ...process.env, PYTHONIOENCODING: "utf-8:surrogatepass" },
});
if (composed.status !== 0) {
  process.stderr.write(composed.stderr);
  process.stdout.write(composed.stdout);
  throw new Error(`the oracle failed (exit ${composed.status})`);
}
const convert = `
import json, sys
cfg = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
out = {k: {"json": json.dumps(v, ensure_ascii=True), "code_points": [ord(c) for c in v]} for k, v in cfg.items()}
sys.stdout.write(json.dumps({"recorded_with": "Hydra 1.3.2 + OmegaConf 2.2 (shared oracle, compose.py)", "values": out}, indent=1) + "\\n")
`;
const converted = spawnSync(PYTHON, ["-c", convert], { input: composed.stdout });
if (converted.status !== 0) throw new Error(converted.stderr.toString());
writeFileSync(join(caseDir, "expected.json"), converted.stdout);
console.log(`wrote ${join(caseDir, "expected.json")}`);
