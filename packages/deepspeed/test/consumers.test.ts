/**
 * "auto" as each consumer fills it. Expected behaviour from each consumer's code as the reference records it
 * (packages/deepspeed/src/data/config-reference.md §d.1 transformers HfTrainerDeepSpeedConfig, §d.2
 * accelerate, §d.3 DeepSpeed itself) and ROLL v0.2.1 roll/distributed/strategy/deepspeed_strategy.py
 * DeepSpeedInferStrategy.__init__ (read from the alibaba/ROLL mirror).
 */
import { describe, expect, it } from "vitest";
import { AutoFillError, CONSUMERS, fillAuto, validateDeepSpeedConfig } from "../src/index.js";

/** ROLL 0.2's deepspeed_zero3 preset, plus the HF-style keys a Trainer config carries. */
const ZERO3 = {
  train_micro_batch_size_per_gpu: "auto",
  train_batch_size: "auto",
  gradient_clipping: "auto",
  bf16: { enabled: true },
  zero_optimization: {
    stage: 3,
    reduce_bucket_size: "auto",
    stage3_prefetch_bucket_size: "auto",
    stage3_param_persistence_threshold: "auto",
    stage3_gather_16bit_weights_on_model_save: true,
  },
};
const PARAMS = { microBatch: 2, gradAccum: 4, worldSize: 8, maxGradNorm: 1.0, hiddenSize: 4096 };

const unfilled = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AutoFillError) return error.unfilled.map((u) => u.path);
    throw error;
  }
  return [];
};

describe("consumer profiles", () => {
  it("roll-0.2 fills the batch sizes and clipping; DeepSpeed drops the ZeRO 'auto's (pydantic)", () => {
    const { config, filled, dropped } = fillAuto(ZERO3, PARAMS, { consumer: "roll-0.2" });
    expect(filled).toEqual(["train_micro_batch_size_per_gpu", "train_batch_size", "gradient_clipping"]);
    expect(config).toMatchObject({
      train_micro_batch_size_per_gpu: 2,
      train_batch_size: 64,
      gradient_clipping: 1,
    });
    expect(dropped).toEqual([
      "zero_optimization.reduce_bucket_size",
      "zero_optimization.stage3_prefetch_bucket_size",
      "zero_optimization.stage3_param_persistence_threshold",
    ]);
    expect(config.zero_optimization).not.toHaveProperty("reduce_bucket_size");
    // ROLL does not write gradient_accumulation_steps: a dict.get key DeepSpeed would read as the string.
    expect(
      unfilled(() =>
        fillAuto({ ...ZERO3, gradient_accumulation_steps: "auto" }, PARAMS, { consumer: "roll-0.2" }),
      ),
    ).toEqual(["gradient_accumulation_steps"]);
  });

  it("hf-trainer fills the ZeRO-3 bucket keys only at stage 3 (trainer_config_finalize: is_zero3())", () => {
    const { config } = fillAuto(ZERO3, PARAMS, { consumer: "hf-trainer" });
    expect(config.zero_optimization).toMatchObject({
      reduce_bucket_size: 4096 * 4096,
      stage3_prefetch_bucket_size: Math.trunc(0.9 * 4096 * 4096),
      stage3_param_persistence_threshold: 40960,
    });
    const stage2 = { ...ZERO3, zero_optimization: { ...ZERO3.zero_optimization, stage: 2 } };
    const two = fillAuto(stage2, PARAMS, { consumer: "hf-trainer" });
    expect(two.config.zero_optimization).toMatchObject({ reduce_bucket_size: 4096 * 4096 });
    expect(two.dropped).toEqual([
      "zero_optimization.stage3_prefetch_bucket_size",
      "zero_optimization.stage3_param_persistence_threshold",
    ]);
  });

  it("accelerate fills the stage and its bucket keys at any stage, and refuses an 'auto' it does not know", () => {
    const config = {
      ...ZERO3,
      zero_optimization: { ...ZERO3.zero_optimization, stage: "auto", sub_group_size: "auto" },
    };
    const paths = unfilled(() => fillAuto(config, { ...PARAMS, zeroStage: 3 }, { consumer: "accelerate" }));
    // "`sub_group_size` not found in kwargs" - even though DeepSpeed itself would drop it.
    expect(paths).toEqual(["zero_optimization.sub_group_size"]);
    const ok = fillAuto(
      { ...config, zero_optimization: { ...config.zero_optimization, sub_group_size: 1e9 } },
      { ...PARAMS, zeroStage: 3 },
      { consumer: "accelerate" },
    );
    expect(ok.config.zero_optimization).toMatchObject({
      stage: 3,
      stage3_param_persistence_threshold: 40960,
    });
  });

  it("plain DeepSpeed fills nothing: dict.get 'auto's are errors, pydantic ones dropped", () => {
    const paths = unfilled(() => fillAuto(ZERO3, PARAMS, { consumer: "deepspeed" }));
    expect(paths).toEqual(["train_micro_batch_size_per_gpu", "train_batch_size", "gradient_clipping"]);
    expect(CONSUMERS.deepspeed.fills(ZERO3)).toEqual([]);
  });

  it("validate: 'auto' is an error only where the consumer leaves it", () => {
    const errors = (consumer: keyof typeof CONSUMERS) =>
      validateDeepSpeedConfig(ZERO3, {
        deepspeedVersion: "0.19.5",
        filledByCaller: CONSUMERS[consumer].fills(ZERO3),
      })
        .filter((d) => d.severity === "error")
        .map((d) => `${d.code} ${d.path}`);
    expect(errors("deepspeed")).toEqual([
      "ds/auto-unfilled train_micro_batch_size_per_gpu",
      "ds/auto-unfilled train_batch_size",
      "ds/auto-unfilled gradient_clipping",
    ]);
    expect(errors("roll-0.2")).toEqual([]);
    expect(errors("hf-trainer")).toEqual([]);
    expect(errors("accelerate")).toEqual([]);
  });
});
