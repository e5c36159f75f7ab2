// Positive and negative fixtures for every ROLL rule. Expected codes, paths and message texts come from
// the ROLL reference (config-format.md, dataclasses.md): the assertion texts are ROLL's own.
import { describe, expect, it } from "vitest";
import { type RollDiagnostic, type ValidateConfigOptions, validateConfig } from "../src/index.js";
import { ruleFixture } from "./helpers/fixtures.js";

function run(
  name: string,
  options: ValidateConfigOptions = { roll: "0.2", pipeline: "rlvr" },
  base = "rlvr-base",
) {
  return validateConfig({ config: ruleFixture(name, base) }, options).diagnostics;
}
const at = (diagnostics: RollDiagnostic[], code: string) =>
  diagnostics.filter((d) => d.code === code).map((d) => [d.severity, d.path]);
// Fixtures merge onto a base, so document order is not the reading order: compare as sets.
const sortedAt = (diagnostics: RollDiagnostic[], code: string) => at(diagnostics, code).sort();
const errors = (diagnostics: RollDiagnostic[]) => diagnostics.filter((d) => d.severity === "error");

describe("the fixture bases", () => {
  it("a minimal RLVR 0.2 config has no errors", () => {
    expect(
      errors(validateConfig({ config: ruleFixture("known-keys") }, { roll: "0.2" }).diagnostics),
    ).toEqual([]);
  });
  it("a minimal agentic 0.3 config has no errors and is detected as agentic 0.3", () => {
    const result = validateConfig({ config: ruleFixture("known-keys", "agentic-base") });
    expect([result.roll, result.pipeline]).toEqual(["0.3", "agentic"]);
    expect(errors(result.diagnostics)).toEqual([]);
  });
});

describe("roll/actor-infer-backend", () => {
  it("rejects an actor_infer that is not vllm or sglang", () => {
    expect(at(run("actor-infer-hf"), "roll/actor-infer-backend")).toEqual([
      ["error", "actor_infer.strategy_args.strategy_name"],
    ]);
  });
  it("accepts sglang", () => {
    expect(at(run("actor-infer-sglang"), "roll/actor-infer-backend")).toEqual([]);
  });
});

describe("roll/generating-args", () => {
  it("RLVR needs actor_infer.generating_args; agentic needs them on actor_infer or train_env_manager", () => {
    const rlvr = ruleFixture("known-keys");
    delete (rlvr.actor_infer as Record<string, unknown>).generating_args;
    const agentic = ruleFixture("known-keys", "agentic-base");
    delete (agentic.actor_infer as Record<string, unknown>).generating_args;
    const codes = (config: Record<string, unknown>) =>
      at(validateConfig({ config }).diagnostics, "roll/generating-args");
    expect(codes(rlvr)).toEqual([["error", "actor_infer.generating_args"]]);
    expect(codes(agentic)).toEqual([["error", "actor_infer.generating_args"]]);
    (agentic.train_env_manager as Record<string, unknown>).generating_args = { max_new_tokens: 128 };
    expect(codes(agentic)).toEqual([]);
    expect(at(run("known-keys"), "roll/generating-args")).toEqual([]);
  });
});

describe("roll/device-mapping-syntax", () => {
  it("reports an unreadable expression with its column", () => {
    const [d] = run("device-mapping-unclosed").filter((x) => x.code === "roll/device-mapping-syntax");
    expect(d).toMatchObject({ severity: "error", path: "actor_train.device_mapping" });
    expect(d!.message).toContain("column 16");
  });
  it("never evaluates code: anything but list/range literals is rejected", () => {
    expect(at(run("device-mapping-code"), "roll/device-mapping-syntax")).toEqual([
      ["error", "actor_train.device_mapping"],
    ]);
  });
  it("reports a YAML list, which passes dacite but makes ROLL's eval() raise TypeError", () => {
    const [d] = run("device-mapping-yaml-list").filter((x) => x.code === "roll/device-mapping-syntax");
    expect(d).toMatchObject({ severity: "error", path: "actor_train.device_mapping" });
    expect(d!.message).toContain("TypeError");
  });
  it("accepts every form ROLL's examples use", () => {
    const diagnostics = run("device-mapping-forms");
    expect(at(diagnostics, "roll/device-mapping-syntax")).toEqual([]);
    expect(at(diagnostics, "roll/device-mapping-gpus")).toEqual([]);
  });
});

describe("roll/device-mapping-gpus", () => {
  it("vLLM needs a multiple of tensor_parallel_size × pipeline_parallel_size GPUs", () => {
    expect(at(run("vllm-tp-mismatch"), "roll/device-mapping-gpus")).toEqual([
      ["error", "actor_infer.device_mapping"],
    ]);
  });
  it("accepts 4 GPUs for TP 2 even when num_gpus_per_worker says 1 (ROLL rewrites it)", () => {
    const diagnostics = run("vllm-tp-match");
    expect(at(diagnostics, "roll/device-mapping-gpus")).toEqual([]);
    expect(at(diagnostics, "roll/rewritten-at-load")).toContainEqual([
      "info",
      "actor_infer.num_gpus_per_worker",
    ]);
  });
  it("hf_infer keeps num_gpus_per_worker: 1 GPU is not a multiple of 2", () => {
    expect(at(run("hf-infer-gpus-mismatch"), "roll/device-mapping-gpus")).toEqual([
      ["error", "reference.device_mapping"],
    ]);
  });
});

describe("DeepSpeed strategies (ROLL's own assertions)", () => {
  it("roll/deepspeed-train-stage0: training needs ZeRO stage > 0", () => {
    const diagnostics = run("train-stage0");
    expect(at(diagnostics, "roll/deepspeed-train-stage0")).toEqual([
      ["error", "actor_train.strategy_args.strategy_config.zero_optimization.stage"],
    ]);
    expect(diagnostics.find((d) => d.code === "roll/deepspeed-train-stage0")!.message).toContain(
      "deepspeed train only supports zero > 0.",
    );
  });
  it("roll/deepspeed-train-stage0: a missing zero_optimization means DeepSpeed's default stage 0", () => {
    expect(at(run("train-no-zero"), "roll/deepspeed-train-stage0")).toEqual([
      ["error", "critic.strategy_args.strategy_config"],
    ]);
  });
  it("roll/deepspeed-train-stage0: stage 2 passes", () => {
    expect(at(run("known-keys"), "roll/deepspeed-train-stage0")).toEqual([]);
  });
  it("roll/deepspeed-infer-stage: inference needs ZeRO-3", () => {
    const diagnostics = run("infer-stage2");
    expect(at(diagnostics, "roll/deepspeed-infer-stage")).toEqual([
      ["error", "reference.strategy_args.strategy_config.zero_optimization.stage"],
    ]);
    expect(diagnostics.find((d) => d.code === "roll/deepspeed-infer-stage")!.message).toContain(
      "deepspeed infer only supports zero = 3.",
    );
    expect(at(run("infer-stage3"), "roll/deepspeed-infer-stage")).toEqual([]);
  });
  it("roll/zero3-save-gather: ZeRO-3 saving needs stage3_gather_16bit_weights_on_model_save", () => {
    expect(at(run("zero3-no-gather"), "roll/zero3-save-gather")).toEqual([
      [
        "error",
        "actor_train.strategy_args.strategy_config.zero_optimization.stage3_gather_16bit_weights_on_model_save",
      ],
    ]);
    expect(at(run("zero3-gather"), "roll/zero3-save-gather")).toEqual([]);
  });
  it("roll/lora-zero3-gradient-checkpointing: LoRA + ZeRO-3 needs disable_gradient_checkpointing", () => {
    expect(at(run("lora-zero3-checkpointing"), "roll/lora-zero3-gradient-checkpointing")).toEqual([
      ["error", "actor_train.model_args.disable_gradient_checkpointing"],
    ]);
    expect(at(run("lora-zero3-no-checkpointing"), "roll/lora-zero3-gradient-checkpointing")).toEqual([]);
  });
  it("roll/diffusion-deepspeed-zero3: diffusion training cannot save under ZeRO-3", () => {
    const diagnostics = run("reward-fl-zero3", { roll: "0.2", pipeline: "reward_fl" }, "known-keys");
    expect(at(diagnostics, "roll/diffusion-deepspeed-zero3")).toEqual([
      ["error", "actor_train.strategy_args.strategy_config.zero_optimization.stage"],
    ]);
    expect(at(run("zero3-gather"), "roll/diffusion-deepspeed-zero3")).toEqual([]);
  });
  it("roll/deepspeed-removed-in-0.3: suggests fsdp2_train or pinning ROLL 0.2", () => {
    const diagnostics = run("known-keys", { roll: "0.3", pipeline: "rlvr" });
    expect(at(diagnostics, "roll/deepspeed-removed-in-0.3")).toEqual([
      ["error", "actor_train.strategy_args.strategy_name"],
    ]);
    const message = diagnostics.find((d) => d.code === "roll/deepspeed-removed-in-0.3")!.message;
    expect(message).toContain("fsdp2_train");
    expect(message).toContain("0.2");
    // One error for the strategy name, not a second one from the 0.3 Literal.
    expect(diagnostics.filter((d) => d.path === "actor_train.strategy_args.strategy_name")).toHaveLength(1);
    expect(at(run("known-keys"), "roll/deepspeed-removed-in-0.3")).toEqual([]);
  });
});

describe("roll/unknown-key (dacite drops it silently)", () => {
  const diagnostics = run("unknown-keys");
  it("reports every dropped key at its path, as a warning", () => {
    expect(sortedAt(diagnostics, "roll/unknown-key")).toEqual([
      ["warning", "actor_train.data_args.interleave_probs"],
      ["warning", "actor_train.eval_steps"],
      ["warning", "actor_train.model_args.flash_attn"],
      ["warning", "positive_loss_coef"],
      ["warning", "reward_norm"],
    ]);
  });
  it("suggests the real field", () => {
    const message = (path: string) => diagnostics.find((d) => d.path === path)!.message;
    expect(message("actor_train.model_args.flash_attn")).toContain('Did you mean "attn_implementation"?');
    expect(message("positive_loss_coef")).toContain('Did you mean "postive_loss_coef"?');
    expect(message("actor_train.data_args.interleave_probs")).toContain('"domain_interleave_probs"');
  });
  it("keeps quiet about real fields and about the top-level variables it is told of", () => {
    expect(at(run("known-keys"), "roll/unknown-key")).toEqual([]);
    const quiet = validateConfig(
      { config: ruleFixture("unknown-keys"), variables: new Set(["reward_norm", "positive_loss_coef"]) },
      { roll: "0.2", pipeline: "rlvr" },
    ).diagnostics;
    expect(sortedAt(quiet, "roll/unknown-key").map(([, path]) => path)).toEqual([
      "actor_train.data_args.interleave_probs",
      "actor_train.eval_steps",
      "actor_train.model_args.flash_attn",
    ]);
  });
  it("says when a key is a field of the other release", () => {
    const config = ruleFixture("known-keys");
    (config.actor_train as Record<string, unknown>).data_args = { video_fps: 2.0 };
    const [d] = validateConfig({ config }, { roll: "0.2", pipeline: "rlvr" }).diagnostics.filter(
      (x) => x.code === "roll/unknown-key",
    );
    expect(d).toMatchObject({ path: "actor_train.data_args.video_fps" });
    expect(d!.message).toContain("ROLL 0.3");
  });
});

describe("roll/schema (dacite's WrongTypeError)", () => {
  it("finds example_topr.yaml's latent errors: a string for a float, null for a non-Optional float", () => {
    expect(sortedAt(run("latent-type-errors"), "roll/schema")).toEqual([
      ["error", "reward_clip"],
      ["error", "use_topr_neg_loss_coef"],
    ]);
  });
  it("accepts ints for floats and null for Optional fields", () => {
    const config = ruleFixture("known-keys");
    Object.assign(config, { reward_clip: 10, value_clip: null, max_grad_norm: 1 });
    expect(at(validateConfig({ config }, { roll: "0.2" }).diagnostics, "roll/schema")).toEqual([]);
  });
});

describe("roll/rewritten-at-load (info)", () => {
  const diagnostics = run("rewritten");
  it("reports the values ROLL replaces at load time", () => {
    expect(at(diagnostics, "roll/rewritten-at-load")).toEqual([
      ["info", "num_gpus_per_node"],
      ["info", "response_length"],
      ["info", "actor_infer.num_gpus_per_worker"],
      ["info", "actor_infer.world_size"],
      ["info", "actor_infer.generating_args.max_new_tokens"],
      ["info", "actor_infer.generating_args.num_return_sequences"],
    ]);
  });
  it("PPOConfig copies pretrain into all three workers when one lacks model_name_or_path", () => {
    const d = run("model-path-partial").filter((x) => x.code === "roll/rewritten-at-load");
    expect(d.map((x) => x.path)).toEqual(["actor_train.model_args.model_name_or_path"]);
    expect(d[0]!.message).toContain("Qwen/Qwen2.5-7B");
  });
  it("DPOConfig doubles the batch sizes it names", () => {
    const d = run("dpo-packing", { roll: "0.3", pipeline: "dpo" }).filter(
      (x) => x.code === "roll/rewritten-at-load" && x.path.endsWith("per_device_train_batch_size"),
    );
    expect(d.map((x) => x.message)).toEqual([
      "actor_train.training_args.per_device_train_batch_size 1 is doubled by DPOConfig to 2 (chosen + rejected pairs).",
    ]);
  });
  it("keeps quiet when the YAML does not set them", () => {
    expect(at(run("known-keys"), "roll/rewritten-at-load")).toEqual([]);
  });
  it("computes the replacement like ROLL: max_new_tokens = sequence_length - prompt_length", () => {
    const d = diagnostics.find((x) => x.path === "actor_infer.generating_args.max_new_tokens")!;
    expect(d.message).toContain("= 3072");
  });
});

describe("the other __post_init__ checks", () => {
  it("roll/sequence-length and roll/val-lengths", () => {
    const diagnostics = run("lengths-missing");
    expect(at(diagnostics, "roll/sequence-length")).toEqual([["error", "sequence_length"]]);
    expect(at(diagnostics, "roll/val-lengths")).toEqual([["error", "val_prompt_length"]]);
    expect(at(run("known-keys"), "roll/sequence-length")).toEqual([]);
  });
  it("roll/megatron-batch-size: rollout_batch_size divisible by DP, GPUs by TP×PP×CP", () => {
    expect(at(run("megatron-batch"), "roll/megatron-batch-size")).toEqual([["error", "rollout_batch_size"]]);
    expect(at(run("megatron-gpus"), "roll/megatron-batch-size")).toEqual([
      ["error", "actor_train.device_mapping"],
    ]);
  });
  it("roll/async-generation", () => {
    expect(at(run("async-generation"), "roll/async-generation")).toEqual([
      ["error", "generate_opt_level"],
      ["error", "async_generation_ratio"],
    ]);
  });
  it("roll/profiler-exclusive and roll/data-prompt-messages", () => {
    const diagnostics = run("profiler-both");
    expect(at(diagnostics, "roll/profiler-exclusive")).toEqual([["error", "profiler_memory"]]);
    expect(at(diagnostics, "roll/data-prompt-messages")).toEqual([
      ["error", "actor_train.data_args.messages"],
    ]);
  });
  it("roll/dpo-sequence-packing", () => {
    const diagnostics = run("dpo-packing", { roll: "0.3", pipeline: "dpo" }, "known-keys");
    expect(at(diagnostics, "roll/dpo-sequence-packing")).toEqual([
      ["error", "actor_train.use_sequence_packing"],
    ]);
  });
  it("agentic: batch sizes, env groups, tags, max_steps", () => {
    const diagnostics = run("agentic-bad", {}, "agentic-base");
    expect(at(diagnostics, "roll/agentic-max-steps")).toEqual([["error", "max_steps"]]);
    expect(at(diagnostics, "roll/agentic-batch-size")).toEqual([["error", "rollout_batch_size"]]);
    expect(at(diagnostics, "roll/agentic-env-groups")).toEqual([
      ["error", "train_env_manager.num_groups_partition"],
      ["error", "custom_envs.FrozenLake.env_type"],
      ["error", "val_env_manager.tags.2"],
    ]);
  });
});
