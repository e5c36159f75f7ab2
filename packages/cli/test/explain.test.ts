import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HYDRA_CASES, ROLL_TREES } from "@roll/test-fixtures";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";

const V02 = join(ROLL_TREES, "v0.2/examples");
const RLVR = join(V02, "qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
const FROZEN_LAKE = join(V02, "qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml");
const ZERO3 = join(V02, "config/deepspeed_zero3.yaml");
const TRAJ_ENVS = join(V02, "config/traj_envs.yaml");

interface Step {
  action: string;
  file: string;
  line: number;
}

async function explainJson(argv: string[]) {
  const r = await run(["explain", ...argv, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { key: string; value: unknown; steps: Step[] };
}

// Line numbers are those of the fixture files (ROLL's own, byte for byte); values are Hydra's
// (conformance resolved.json).
describe("roll-config explain", () => {
  it("a DeepSpeed value reached through the strategy_config interpolation of deepspeed_zero3", async () => {
    const key = "actor_train.strategy_args.strategy_config.zero_optimization.stage";
    const e = await explainJson([RLVR, key]);
    expect(e.value).toBe(3);
    expect(e.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", ZERO3, 13],
      ["interpolated", RLVR, 136],
    ]);
  });

  it("a preset value the primary file overrides", async () => {
    const e = await explainJson([FROZEN_LAKE, "max_tokens_per_step"]);
    expect(e.value).toBe(64);
    expect(e.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", TRAJ_ENVS, 5],
      ["overrode", FROZEN_LAKE, 155],
    ]);
  });

  it("text output: `key = value`, then one line per step with the source line", async () => {
    const r = await run([
      "explain",
      RLVR,
      "actor_train.strategy_args.strategy_config.zero_optimization.stage",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("actor_train.strategy_args.strategy_config.zero_optimization.stage = 3");
    expect(lines[1]).toMatch(
      /\bset\b.*\broll\/v0\.2\/examples\/config\/deepspeed_zero3\.yaml:13:\d+.*stage: 3/,
    );
    expect(lines[2]).toMatch(
      /\binterpolated\b.*rlvr_zero3_sp2\.yaml:136:\d+.*strategy_config: \$\{deepspeed_zero3\}/,
    );
  });

  it("a command-line override changes the value", async () => {
    const e = await explainJson([FROZEN_LAKE, "max_tokens_per_step", "max_tokens_per_step=32"]);
    expect(e.value).toBe(32);
  });

  it("names a command-line override as the origin of the value it set", async () => {
    const e = await explainJson([FROZEN_LAKE, "max_tokens_per_step", "max_tokens_per_step=32"]);
    expect(e.steps.at(-1)).toEqual({
      action: "overrode",
      origin: "command line",
      override: "max_tokens_per_step=32",
    });
    const r = await run(["explain", FROZEN_LAKE, "max_tokens_per_step", "max_tokens_per_step=32"]);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^ {2}overrode {5}command line {2}max_tokens_per_step=32$/,
    );
    const added = await run(["explain", FROZEN_LAKE, "brand_new", "+brand_new=1"]);
    expect(added.stdout).toBe("brand_new = 1\n  set          command line  +brand_new=1\n");
  });

  it("prints floats as Python does (conformance resolved.json: 1000000000.0)", async () => {
    const key = "actor_train.strategy_args.strategy_config.zero_optimization.sub_group_size";
    const r = await run(["explain", RLVR, key]);
    expect(r.stdout.split("\n")[0]).toBe(`${key} = 1000000000.0`);
    const json = await run(["explain", RLVR, key, "--format", "json"]);
    expect(json.stdout).toContain('"value": 1000000000.0');
  });

  it("a key that is not in the config exits 1 with a one-line message", async () => {
    const r = await run(["explain", RLVR, "actor_train.nope"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/'actor_train\.nope' is not in the resolved config\n$/);
  });

  it("a config error exits 1 with FILE:LINE:COL", async () => {
    const file = join(HYDRA_CASES, "i09_missing_key/conf/config.yaml");
    const r = await run(["explain", file, "a"]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`${file}:1:`)).toBe(true);
  });

  it("usage errors exit 2", async () => {
    for (const argv of [["explain"], ["explain", RLVR], ["explain", RLVR, "seed", "--format", "xml"]]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain("Usage: roll-config explain");
    }
  });
});

describe("roll-config explain: a key containing a dot", () => {
  const dir = mkdtempSync(join(tmpdir(), "roll-explain-dotted-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "main.yaml");
  const lines = ["system_envs:", "  a.b: x", "  a:", "    b: y", "envs:", "  NCCL.DEBUG: INFO", ""];
  writeFileSync(file, lines.join("\n"));

  it("the dotted key is read against the keys the config holds; the plain split wins where both exist", async () => {
    const dotted = await explainJson([file, "envs.NCCL.DEBUG"]);
    expect(dotted.value).toBe("INFO");
    expect(dotted.steps.map((s) => [s.action, s.file, s.line])).toEqual([["set", file, 6]]);
    const nested = await explainJson([file, "system_envs.a.b"]);
    expect(nested.value).toBe("y");
    expect(nested.steps.map((s) => s.line)).toEqual([4]);
  });
});
