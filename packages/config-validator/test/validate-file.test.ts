// End to end on the ROLL conformance trees: resolve with @roll/config-resolver, validate, and place every
// diagnostic at the YAML line that set the value — through presets and interpolations. Expected lines are
// looked up in the fixture files' text, not taken from the implementation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { explain, validateFile } from "../src/index.js";
import { fixturePath } from "./helpers/fixtures.js";

// The conformance outputs were produced with this time and environment (conformance/roll/README.md).
const RESOLVE = { now: new Date(2025, 0, 2, 3, 4, 5), env: { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" } };
const v02 = (file: string) => join(ROLL_TREES, `v0.2/examples/${file}`);
const v03 = (file: string) => join(ROLL_TREES, `v0.3/examples/${file}`);

/** 1-based line of the first line matching `pattern` after the first line matching `after`. */
function lineOf(file: string, pattern: RegExp, after?: RegExp): number {
  const lines = readFileSync(file, "utf8").split("\n");
  const start = after ? lines.findIndex((l) => after.test(l)) : 0;
  const index = lines.findIndex((l, i) => i >= start && pattern.test(l));
  if (start < 0 || index < 0) throw new Error(`${pattern} not found in ${file}`);
  return index + 1;
}

const OK_CASES = [
  v02("qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml"),
  v02("ascend_examples/qwen3_8b_rlvr_deepspeed.yaml"),
  v02("qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml"),
  v02("wan2.2-14B-reward_fl_ds/reward_fl_config.yaml"),
  v02("qwen2.5-vl-7B-distill/distill_vl_zero3.yaml"),
  v02("qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml"),
  v02("qwen2.5-0.5B-agentic/agentic_val_sokoban_gigpo.yaml"),
  v02("agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml"),
  v02("dpo_examples/qwen2.5-3B_dpo_megatron.yaml"),
  v03("qwen2.5-7B-rlvr_megatron/rlvr_config.yaml"),
  v03("qwen2.5-7B-rlvr_megatron/rlvr_fsdp2_sp2.yaml"),
  v03("qwen3-30BA3B-sft_fsdp2/sft_config.yaml"),
  v03("qwen3-30BA3B-agentic_fsdp2/agentic_val_sokoban_30a3.yaml"),
  v03("qwen3_agentic_gem/gem_math_dapo.yaml"),
  v03("qwen3_agentic_gem/gem_math_hotpotqa_search.yaml"),
  v03("agentic_demo/openreward_endless_terminals_reinforce_qwen35_2b.yaml"),
];

describe("validateFile on the conformance configs", () => {
  it.each(OK_CASES)("%s: no errors, no variable reported as dropped", (file) => {
    const result = validateFile(file, RESOLVE, { roll: file.includes("/v0.2/") ? "0.2" : "0.3" });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Preset keys and interpolation sources are ROLL's variables (config-format.md §b).
    const topLevel = result.diagnostics.filter((d) => d.code === "roll/unknown-key" && !d.path.includes("."));
    expect(topLevel.map((d) => d.path)).not.toEqual(expect.arrayContaining(["deepspeed_zero3"]));
    for (const d of result.diagnostics) expect(d.file).toBeDefined();
  });

  it("the dangling preset at ROLL HEAD is one roll/compose error, not a crash", () => {
    const result = validateFile(v03("agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml"), RESOLVE);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "roll/compose" });
    expect(result.diagnostics[0]!.message).toContain("MissingConfigException");
    expect(result.diagnostics[0]!.message).toContain("deepspeed_zero2");
  });

  it("an unset WANDB_API_KEY is one roll/compose error at the oc.env line; detection still works", () => {
    const file = v03("agentic_demo/openreward_endless_terminals_reinforce_qwen35_2b.yaml");
    const result = validateFile(file, { now: RESOLVE.now, env: {} });
    expect(result.pipeline).toBe("agentic");
    expect(result.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ["roll/compose", file, lineOf(file, /api_key: \$\{oc\.env:WANDB_API_KEY\}/)],
    ]);
    // The failure text of the reference run without the variable (conformance/roll/README.md).
    expect(result.diagnostics[0]!.message).toContain("Environment variable 'WANDB_API_KEY' not found");
  });

  it("an override that cannot be parsed: one roll/compose error naming it; release and pipeline from the files", () => {
    const file = v02("qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const result = validateFile(file, { ...RESOLVE, overrides: ["seed=[1"] }, { releases: false });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "roll/compose" });
    expect(result.diagnostics[0]!.file).toBeUndefined();
    // Hydra 1.3.2's OverrideParseException text (checked with the oracle), behind the override it is about.
    expect(result.diagnostics[0]!.message).toMatch(
      /^command-line override 'seed=\[1': OverrideParseException: no viable alternative at input '\[1'\n/,
    );
    // The files are a ROLL 0.2 RLVR config (DeepSpeed strategies), whatever the broken override says.
    expect([result.roll, result.pipeline]).toEqual(["0.2", "rlvr"]);
  });

  it("frozen lake: the env preset's variables are not reported, the dropped flash_attn-free config is clean", () => {
    const result = validateFile(v02("qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml"), RESOLVE, {
      roll: "0.2",
    });
    const reported = result.diagnostics.filter((d) => d.code === "roll/unknown-key").map((d) => d.path);
    for (const variable of ["max_tokens_per_step", "max_actions_per_traj", "custom_env", "deepspeed_zero3"]) {
      expect(reported).not.toContain(variable);
    }
  });
});

describe("diagnostics at the right file and line", () => {
  it("ascend: model_args.flash_attn (dropped by dacite) at its line in the primary file", () => {
    const file = v02("ascend_examples/qwen3_8b_rlvr_deepspeed.yaml");
    const result = validateFile(file, RESOLVE, { roll: "0.2" });
    const d = result.diagnostics.find((x) => x.path === "actor_train.model_args.flash_attn")!;
    expect([d.code, d.file, d.line]).toEqual([
      "roll/unknown-key",
      file,
      lineOf(file, /flash_attn:/, /^actor_train:/),
    ]);
  });

  it("reward-FL: offload_param below stage 3 at the preset's line, naming the interpolation site", () => {
    const primary = v02("wan2.2-14B-reward_fl_ds/reward_fl_config.yaml");
    const preset = v02("config/deepspeed_zero2_cpuoffload.yaml");
    const result = validateFile(primary, RESOLVE, { roll: "0.2" });
    const d = result.diagnostics.find(
      (x) => x.path === "actor_train.strategy_args.strategy_config.zero_optimization.offload_param",
    )!;
    expect([d.severity, d.file, d.line]).toEqual(["warning", preset, lineOf(preset, /offload_param:/)]);
    expect(d.message).toContain(`:${lineOf(primary, /strategy_config: \$\{deepspeed_zero2_cpuoffload\}/)}:`);
  });

  it("a DeepSpeed example under ROLL 0.3: the removal error at each strategy_name line", () => {
    const file = v02("qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const result = validateFile(file, RESOLVE, { roll: "0.3" });
    const removed = result.diagnostics.filter((d) => d.code === "roll/deepspeed-removed-in-0.3");
    expect(removed.map((d) => [d.file, d.line])).toEqual([
      [file, lineOf(file, /strategy_name: deepspeed_train/)],
      [file, lineOf(file, /strategy_name: deepspeed_infer/)],
    ]);
  });
});

describe("rule fixtures as Hydra trees (test/fixtures/trees)", () => {
  const demo = (file: string) => fixturePath(`trees/examples/demo/${file}`);
  const preset = (file: string) => fixturePath(`trees/examples/config/${file}`);

  it("a key containing a dot is one path segment: findings under rewards['math.v2'] sit on their own lines", () => {
    // Placed by splitting "rewards.math.v2.bogus_field" at every dot, both landed on the `rewards:` line.
    const primary = demo("node_view.yaml");
    const result = validateFile(primary, RESOLVE, { roll: "0.2" });
    const at = (path: string) => result.diagnostics.find((d) => d.path === path)!;
    const after = /^ {2}math\.v2:/;
    expect([
      at("rewards.math.v2.num_gpus_per_worker").code,
      at("rewards.math.v2.num_gpus_per_worker").line,
    ]).toEqual(["roll/schema", lineOf(primary, /num_gpus_per_worker: two/, after)]);
    expect([at("rewards.math.v2.bogus_field").code, at("rewards.math.v2.bogus_field").line]).toEqual([
      "roll/unknown-key",
      lineOf(primary, /bogus_field:/, after),
    ]);
    expect(at("rewards.math.v2.bogus_field").column).toBe(5);
    // explain reads the same tree by the same segments.
    const explanation = explain(result.resolved!, ["rewards", "math.v2", "num_gpus_per_worker"]);
    expect([explanation.key, explanation.value, explanation.steps[0]?.line]).toEqual([
      "rewards.math.v2.num_gpus_per_worker",
      "two",
      lineOf(primary, /num_gpus_per_worker: two/, after),
    ]);
  });

  it("a dropped key whose value is interpolated is reported at the key, not at the interpolated variable", () => {
    // `flash_attn: ${attn}`: placed as a value, the warning went to the `attn: fa2` line.
    const primary = demo("node_view.yaml");
    const result = validateFile(primary, RESOLVE, { roll: "0.2" });
    const d = result.diagnostics.find((x) => x.path === "actor_train.model_args.flash_attn")!;
    expect([d.code, d.file, d.line, d.column]).toEqual([
      "roll/unknown-key",
      primary,
      lineOf(primary, /flash_attn: \$\{attn\}/),
      5,
    ]);
    expect(d.message).not.toContain("reached through");
  });

  it("deepspeed_infer on the zero2 preset: the error sits on the preset's `stage: 2` line", () => {
    const primary = demo("reference_on_zero2.yaml");
    const result = validateFile(primary, RESOLVE);
    const d = result.diagnostics.find((x) => x.code === "roll/deepspeed-infer-stage")!;
    const zero2 = preset("deepspeed_zero2.yaml");
    expect([d.path, d.file, d.line]).toEqual([
      "reference.strategy_args.strategy_config.zero_optimization.stage",
      zero2,
      lineOf(zero2, /stage: 2/),
    ]);
    expect(d.message).toContain(
      `reference_on_zero2.yaml:${lineOf(primary, /strategy_config: \$\{deepspeed_zero2\}/)}:`,
    );
  });

  it("LoRA + ZeRO-3 without disable_gradient_checkpointing points at the worker's model_args", () => {
    const primary = demo("reference_on_zero2.yaml");
    const d = validateFile(primary, RESOLVE).diagnostics.find(
      (x) => x.code === "roll/lora-zero3-gradient-checkpointing",
    )!;
    expect([d.file, d.line]).toEqual([primary, lineOf(primary, /model_args:/, /^actor_train:/)]);
  });

  it("vLLM TP 2 on 7 GPUs at the device_mapping line", () => {
    const primary = demo("reference_on_zero2.yaml");
    const d = validateFile(primary, RESOLVE).diagnostics.find((x) => x.code === "roll/device-mapping-gpus")!;
    expect([d.severity, d.path, d.line]).toEqual([
      "error",
      "actor_infer.device_mapping",
      lineOf(primary, /device_mapping: list\(range\(0,7\)\)/),
    ]);
  });

  it("render_save_dir: ~ (agentic_rollout_sokoban.yaml's latent error) at its line", () => {
    const primary = demo("agentic_rollout_render.yaml");
    const result = validateFile(primary, RESOLVE);
    expect(result.pipeline).toBe("agentic");
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.path, d.file, d.line])).toEqual([
      ["roll/schema", "render_save_dir", primary, lineOf(primary, /^render_save_dir: ~/)],
    ]);
  });
});

describe("explain on the conformance configs", () => {
  it("a ZeRO stage set in the preset and carried by the strategy_config interpolation", () => {
    const primary = v02("qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const preset = v02("config/deepspeed_zero3.yaml");
    const { resolved } = validateFile(primary, RESOLVE, { roll: "0.2" });
    const explanation = explain(
      resolved!,
      "actor_train.strategy_args.strategy_config.zero_optimization.stage",
    );
    expect(explanation.value).toBe(3);
    expect(explanation.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", preset, lineOf(preset, /stage: 3/)],
      ["interpolated", primary, lineOf(primary, /strategy_config: \$\{deepspeed_zero3\}/, /^actor_train:/)],
    ]);
  });

  it("a preset value the primary file overrides (max_tokens_per_step 128 → 64)", () => {
    const primary = v02("qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml");
    const preset = v02("config/traj_envs.yaml");
    const { resolved } = validateFile(primary, RESOLVE, { roll: "0.2" });
    const explanation = explain(resolved!, "max_tokens_per_step");
    expect(explanation.value).toBe(64);
    expect(explanation.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", preset, lineOf(preset, /^max_tokens_per_step:/)],
      ["overrode", primary, lineOf(primary, /^max_tokens_per_step: 64/)],
    ]);
  });
});
