// The 17 ROLL conformance configs: no false errors on what ROLL runs, the documented silently ignored keys
// and latent problems found at the right path (config-format.md §b, §f), release/pipeline detected.
import { describe, expect, it } from "vitest";
import { validateConfig } from "../src/index.js";
import { interpolatedRoots } from "../src/variables.js";
import { type ConformanceCase, conformanceCases, PIPELINE_OF, presetKeys } from "./helpers/conformance.js";

const cases = conformanceCases();
const resolvedCases = cases.filter((c) => c.status === "ok");

// Files whose workers run a DeepSpeed strategy (README table): the only ones detected as ROLL 0.2.
const USES_DEEPSPEED = new Set([
  "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
  "v0.2/examples/ascend_examples/qwen3_8b_rlvr_deepspeed.yaml",
  "v0.2/examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml",
  "v0.2/examples/wan2.2-14B-reward_fl_ds/reward_fl_config.yaml",
  "v0.2/examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml",
  "v0.2/examples/agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml",
]);

const id = (c: ConformanceCase) => `${c.tree}/${c.file}`;
const variablesOf = (c: ConformanceCase) => new Set([...interpolatedRoots(c.composed), ...presetKeys(c)]);
const release = (c: ConformanceCase) => (c.tree === "v0.2" ? "0.2" : "0.3");

describe("ROLL conformance configs", () => {
  it("covers the 17 configs (16 resolved, 1 composition error)", () => {
    expect(cases).toHaveLength(17);
    expect(resolvedCases).toHaveLength(16);
  });

  it.each(resolvedCases.map((c) => [id(c), c] as const))("%s: detected release and pipeline", (name, c) => {
    const result = validateConfig({ config: c.resolved });
    expect(result.pipeline).toBe(PIPELINE_OF[name]);
    expect(result.roll).toBe(USES_DEEPSPEED.has(name) ? "0.2" : "0.3");
    expect([result.rollDetected, result.pipelineDetected]).toEqual([true, true]);
  });

  it.each(resolvedCases.map((c) => [id(c), c] as const))("%s: no errors for its own release", (_, c) => {
    const result = validateConfig({ config: c.resolved, variables: variablesOf(c) }, { roll: release(c) });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it.each(resolvedCases.map((c) => [id(c), c] as const))(
    "%s: interpolation sources and preset keys are not reported as dropped",
    (_, c) => {
      const variables = variablesOf(c);
      const result = validateConfig({ config: c.resolved, variables }, { roll: release(c) });
      const reported = result.diagnostics.filter((d) => d.code === "roll/unknown-key").map((d) => d.path);
      for (const v of variables) expect(reported).not.toContain(v);
    },
  );
});

describe("documented silently ignored keys (config-format.md §b) are found at their path", () => {
  const unknownKeys = (name: string) => {
    const c = resolvedCases.find((x) => id(x) === name)!;
    return validateConfig({ config: c.resolved, variables: variablesOf(c) }, { roll: release(c) })
      .diagnostics.filter((d) => d.code === "roll/unknown-key")
      .map((d) => d.path);
  };

  it("ascend RLVR: model_args.flash_attn, data_args.dataset_dir/interleave_probs, worker-level eval_steps", () => {
    const paths = unknownKeys("v0.2/examples/ascend_examples/qwen3_8b_rlvr_deepspeed.yaml");
    expect(paths).toEqual(
      expect.arrayContaining([
        "actor_train.model_args.flash_attn",
        "actor_infer.model_args.flash_attn",
        "reference.model_args.flash_attn",
        "actor_train.data_args.dataset_dir",
        "actor_train.data_args.interleave_probs",
        "validation.eval_steps",
      ]),
    );
  });
  it("FSDP2 agentic: use_remove_padding is not a WorkerConfig field", () => {
    expect(unknownKeys("v0.3/examples/qwen3-30BA3B-agentic_fsdp2/agentic_val_sokoban_30a3.yaml")).toContain(
      "actor_train.use_remove_padding",
    );
  });
  it("flash_attn gets the did-you-mean attn_implementation", () => {
    const c = resolvedCases.find(
      (x) => id(x) === "v0.2/examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml",
    )!;
    const d = validateConfig({ config: c.resolved }, { roll: "0.2" }).diagnostics.find(
      (x) => x.path === "actor_train.model_args.flash_attn",
    );
    expect(d?.message).toContain('"attn_implementation"');
  });
});

describe("documented DeepSpeed facts on the conformance configs", () => {
  const byName = (name: string) => resolvedCases.find((x) => id(x) === name)!;

  it("reward-FL's zero2_cpuoffload preset: offload_param is ignored below stage 3 (a warning, not an error)", () => {
    const c = byName("v0.2/examples/wan2.2-14B-reward_fl_ds/reward_fl_config.yaml");
    const diagnostics = validateConfig({ config: c.resolved }, { roll: "0.2" }).diagnostics;
    const offload = diagnostics.filter(
      (d) => d.path === "actor_train.strategy_args.strategy_config.zero_optimization.offload_param",
    );
    expect(offload.map((d) => d.severity)).toEqual(["warning"]);
  });
  it("ZeRO-3 presets: the 'auto' bucket sizes nothing fills are reported as info, on both workers", () => {
    const c = byName("v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const diagnostics = validateConfig({ config: c.resolved }, { roll: "0.2" }).diagnostics;
    for (const worker of ["actor_train", "reference"]) {
      const path = `${worker}.strategy_args.strategy_config.zero_optimization.reduce_bucket_size`;
      expect(diagnostics.filter((d) => d.path === path).map((d) => d.severity)).toEqual(["info"]);
    }
  });
  it("the same DeepSpeed example under ROLL 0.3: both DeepSpeed strategies are rejected", () => {
    const c = byName("v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const diagnostics = validateConfig({ config: c.resolved }, { roll: "0.3" }).diagnostics;
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.path])).toEqual([
      ["roll/deepspeed-removed-in-0.3", "actor_train.strategy_args.strategy_name"],
      ["roll/deepspeed-removed-in-0.3", "reference.strategy_args.strategy_name"],
    ]);
  });
});
