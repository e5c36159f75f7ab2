// roll-config migrate on a copy of a ROLL v0.2.1 checkout (@roll/test-fixtures, recorded from ROLL).
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_CHECKOUT_V021 } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const FIXTURE = ROLL_CHECKOUT_V021;
const checkout = scratchDir();
cpSync(FIXTURE, checkout, { recursive: true });

/** Every config of the fixture that runs a DeepSpeed strategy or includes a DeepSpeed preset. */
const DEEPSPEED_CONFIGS = [
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_zero3.yaml",
  "examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml",
  "examples/qwen2.5-1.5B-distill_ds/distill_zero3.yaml",
  "examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml",
  "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
];

const read = (rel: string) => readFileSync(join(checkout, rel), "utf8");
const commentLines = (text: string) => text.split("\n").filter((line) => /(^|\s)#/.test(line));
const entries = (dir: string) => readdirSync(join(checkout, dir)).sort();

describe("roll-config migrate: usage", () => {
  it.each([
    [["migrate", "x.yaml"], /missing --to/],
    [["migrate", "--to", "0.3"], /missing <path>/],
    [["migrate", "x.yaml", "--to", "0.4"], /--to must be one of 0\.3/],
    [["migrate", "x.yaml", "--to", "0.3", "--format", "json"], /--format must be one of diff, yaml/],
  ])("%j is a usage error", async (argv, message) => {
    const r = await run(argv, { cwd: checkout });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("a missing file exits 1 naming it", async () => {
    const r = await run(["migrate", "nope.yaml", "--to", "0.3"], { cwd: checkout });
    expect(r).toMatchObject({ code: 1, stderr: "nope.yaml: no such file\n" });
  });
});

describe("roll-config migrate on a ROLL 0.2 checkout", () => {
  it("without --write prints a unified diff and writes nothing", async () => {
    const rel = DEEPSPEED_CONFIGS[0]!;
    const before = read(rel);
    const dirBefore = entries("examples/qwen2.5-7B-rlvr_megatron");
    const r = await run(["migrate", rel, "--to", "0.3"], { cwd: checkout });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^--- a/${rel}\\n\\+\\+\\+ b/${rel}\\n@@ `));
    expect(r.stdout).toContain("-defaults:\n");
    expect(r.stdout).toContain(
      "-    strategy_name: deepspeed_train\n-    strategy_config: ${deepspeed_zero3}\n",
    );
    expect(r.stdout).toContain(
      "+    strategy_name: fsdp2_train\n+    strategy_config:\n+      fsdp_size: 8\n",
    );
    expect(r.stderr).toContain(
      `${rel}: would migrate to ROLL 0.3 (actor_train deepspeed_train -> fsdp2_train`,
    );
    expect(read(rel)).toBe(before);
    // The validation copy is removed again.
    expect(entries("examples/qwen2.5-7B-rlvr_megatron")).toEqual(dirBefore);
  });

  it("--format yaml prints the migrated file", async () => {
    const rel = DEEPSPEED_CONFIGS[2]!;
    const r = await run(["migrate", rel, "--to", "0.3", "--format", "yaml"], { cwd: checkout });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("hydra:\n")).toBe(true);
    expect(r.stdout).toContain("    strategy_name: fsdp2_infer\n");
    expect(read(rel)).not.toBe(r.stdout);
  });

  it("--write migrates every DeepSpeed config: validate --roll 0.3 accepts each, with its comments intact", async () => {
    const before = Object.fromEntries(DEEPSPEED_CONFIGS.map((rel) => [rel, read(rel)]));
    const r = await run(["migrate", ...DEEPSPEED_CONFIGS, "--to", "0.3", "--write"], { cwd: checkout });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    for (const rel of DEEPSPEED_CONFIGS) {
      const after = read(rel);
      expect(after, rel).not.toBe(before[rel]);
      const content = after.split("\n").filter((line) => !/^\s*#/.test(line));
      expect(
        content.filter((line) => /deepspeed/i.test(line)),
        rel,
      ).toEqual([]);
      expect(commentLines(after), rel).toEqual(commentLines(before[rel]!));
      const validated = await run(["validate", rel, "--roll", "0.3"], { cwd: checkout });
      expect(validated.code, `${rel}\n${validated.stdout}`).toBe(0);
      expect(validated.stdout).toMatch(/^ROLL 0\.3, /);
      expect(validated.stdout).toMatch(/^0 errors, /m);
    }
    // Running it again finds nothing left to do.
    const again = await run(["migrate", ...DEEPSPEED_CONFIGS, "--to", "0.3", "--write"], { cwd: checkout });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr.match(/nothing to migrate/g)).toHaveLength(DEEPSPEED_CONFIGS.length);
  });
});

describe("roll-config migrate refuses what ROLL 0.3 would reject", () => {
  it("does not write a result that fails validate --roll 0.3, names the error, exits 1", async () => {
    const dir = scratchDir();
    cpSync(join(FIXTURE, "examples/config"), join(dir, "examples/config"), { recursive: true });
    const rel = "examples/exp/bad.yaml";
    const text = [
      "defaults:",
      "  - ../config/deepspeed_zero3@_here_",
      "",
      "reward_clip: ~  # not Optional in ROLL: dacite rejects None",
      "actor_train:",
      "  strategy_args:",
      "    strategy_name: deepspeed_train",
      "    strategy_config: ${deepspeed_zero3}",
      "  device_mapping: list(range(0,8))",
      "",
    ].join("\n");
    mkdirSync(join(dir, "examples/exp"));
    writeFileSync(join(dir, "examples/exp/.keep"), "");
    writeFileSync(join(dir, rel), text);
    const r = await run(["migrate", rel, "--to", "0.3", "--write"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${rel}:4:14: error roll/schema: `));
    expect(r.stderr).toContain(
      `${rel}: the migrated config fails validate --roll 0.3 (3 errors); not written\n`,
    );
    expect(readFileSync(join(dir, rel), "utf8")).toBe(text);
    expect(readdirSync(join(dir, "examples/exp")).sort()).toEqual([".keep", "bad.yaml"]);
  });

  it("prints what cannot be mapped as a warning at the setting's file and line", async () => {
    const dir = scratchDir();
    const rel = "examples/exp/zeropp.yaml";
    const text = [
      "actor_train:",
      "  strategy_args:",
      "    strategy_name: deepspeed_train",
      "    strategy_config:",
      "      zero_optimization:",
      "        stage: 3",
      "        zero_hpz_partition_size: 8",
      "  device_mapping: list(range(0,8))",
      "",
    ].join("\n");
    mkdirSync(join(dir, "examples/exp"), { recursive: true });
    writeFileSync(join(dir, rel), text);
    const r = await run(["migrate", rel, "--to", "0.3"], { cwd: dir });
    expect(r.stderr).toContain(
      `${rel}:7:34: warning migrate/no-counterpart: actor_train: zero_optimization.zero_hpz_partition_size: 8 has no counterpart in ROLL 0.3's fsdp2_train; dropped.`,
    );
  });
});
