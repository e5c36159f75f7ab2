/** fillAuto against the HF rules in config-reference.md §d.1 (transformers) and §d.2 (accelerate). */
import { describe, expect, it } from "vitest";
import { AutoFillError, DeepSpeedInputError, fillAuto, validateDeepSpeedConfig } from "../src/index.js";

/** Shaped like transformers' tests/deepspeed/ds_config_zero3.json: every HF key "auto" (§f ZeRO-3, §g.2). */
const HF_ZERO3 = {
  fp16: {
    enabled: "auto",
    loss_scale: 0,
    loss_scale_window: 1000,
    initial_scale_power: 16,
    hysteresis: 2,
    min_loss_scale: 1,
  },
  bf16: { enabled: "auto" },
  optimizer: { type: "AdamW", params: { lr: "auto", betas: "auto", eps: "auto", weight_decay: "auto" } },
  scheduler: {
    type: "WarmupDecayLR",
    params: {
      warmup_min_lr: "auto",
      warmup_max_lr: "auto",
      warmup_num_steps: "auto",
      total_num_steps: "auto",
    },
  },
  zero_optimization: {
    stage: 3,
    overlap_comm: true,
    contiguous_gradients: true,
    sub_group_size: 1e9,
    reduce_bucket_size: "auto",
    stage3_prefetch_bucket_size: "auto",
    stage3_param_persistence_threshold: "auto",
    stage3_max_live_parameters: 1e9,
    stage3_max_reuse_distance: 1e9,
    stage3_gather_16bit_weights_on_model_save: true,
  },
  gradient_accumulation_steps: "auto",
  gradient_clipping: "auto",
  train_batch_size: "auto",
  train_micro_batch_size_per_gpu: "auto",
};

const PARAMS = {
  microBatch: 4,
  gradAccum: 8,
  worldSize: 16,
  hiddenSize: 4096,
  lr: 2e-5,
  weightDecay: 0.01,
  betas: [0.9, 0.999] as [number, number],
  eps: 1e-8,
  warmupSteps: 100,
  totalSteps: 1000,
  maxGradNorm: 1.0,
  dtype: "bf16" as const,
};

describe("fillAuto", () => {
  it("fills the bucket sizes with the §d.1 formulas (h = 4096 -> 16,777,216 / 15,099,494 / 40,960)", () => {
    const { config } = fillAuto(HF_ZERO3, PARAMS);
    const zero = config.zero_optimization as Record<string, unknown>;
    expect(zero.reduce_bucket_size).toBe(16_777_216);
    expect(zero.stage3_prefetch_bucket_size).toBe(15_099_494); // int(0.9*h*h), not the old 15099494.4
    expect(zero.stage3_param_persistence_threshold).toBe(40_960);
  });

  it("truncates int(0.9·h²) like Python's int(), e.g. h = 4095 -> 15,092,122 (0.9·h² = 15,092,122.5)", () => {
    const { config } = fillAuto(
      { zero_optimization: { stage: 3, stage3_prefetch_bucket_size: "auto" } },
      { hiddenSize: 4095 },
    );
    expect((config.zero_optimization as Record<string, unknown>).stage3_prefetch_bucket_size).toBe(
      15_092_122,
    );
  });

  it("fills batch sizes, clipping, optimizer, scheduler and precision from the parameters", () => {
    const { config, filled } = fillAuto(HF_ZERO3, PARAMS);
    expect(config.train_micro_batch_size_per_gpu).toBe(4);
    expect(config.gradient_accumulation_steps).toBe(8);
    expect(config.train_batch_size).toBe(16 * 4 * 8); // world_size * per_device * gradient_accumulation
    expect(config.gradient_clipping).toBe(1.0);
    expect(config.optimizer).toEqual({
      type: "AdamW",
      params: { lr: 2e-5, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01 },
    });
    expect((config.scheduler as { params: unknown }).params).toEqual({
      warmup_min_lr: 0,
      warmup_max_lr: 2e-5,
      warmup_num_steps: 100,
      total_num_steps: 1000,
    });
    expect((config.fp16 as { enabled: unknown }).enabled).toBe(false);
    expect((config.bf16 as { enabled: unknown }).enabled).toBe(true);
    expect(filled).toHaveLength(17);
    expect((HF_ZERO3.bf16 as { enabled: unknown }).enabled).toBe("auto"); // input untouched
  });

  it("produces a config the DeepSpeed rules accept at that world size", () => {
    const { config } = fillAuto(HF_ZERO3, PARAMS);
    expect(validateDeepSpeedConfig(config, { worldSize: 16 })).toEqual([]);
  });

  it("derives train_batch_size from concrete micro/GA values in the config", () => {
    const { config } = fillAuto(
      { train_micro_batch_size_per_gpu: 2, gradient_accumulation_steps: 3, train_batch_size: "auto" },
      { worldSize: 4 },
    );
    expect(config.train_batch_size).toBe(24);
  });

  it("accelerate's stage-3 save flag defaults to false (§d.2)", () => {
    const { config } = fillAuto({
      zero_optimization: { stage: 3, stage3_gather_16bit_weights_on_model_save: "auto" },
    });
    expect(
      (config.zero_optimization as Record<string, unknown>).stage3_gather_16bit_weights_on_model_save,
    ).toBe(false);
  });

  it("refuses, listing every unfillable auto with the parameter to pass", () => {
    let error: unknown;
    try {
      fillAuto(
        { ...HF_ZERO3, zero_optimization: { ...HF_ZERO3.zero_optimization, sub_group_size: "auto" } },
        { microBatch: 4 },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AutoFillError);
    const unfilled = (error as AutoFillError).unfilled;
    expect(unfilled).toContainEqual({ path: "train_batch_size", needs: ["worldSize", "gradAccum"] });
    expect(unfilled).toContainEqual({ path: "zero_optimization.reduce_bucket_size", needs: ["hiddenSize"] });
    expect(unfilled).toContainEqual({ path: "zero_optimization.sub_group_size", needs: [] });
    expect(unfilled.map((u) => u.path)).not.toContain("train_micro_batch_size_per_gpu");
    expect((error as Error).message).toContain(
      "- zero_optimization.reduce_bucket_size: pass hiddenSize (--hidden-size)",
    );
    expect((error as Error).message).toContain(
      '- zero_optimization.sub_group_size: no HF rule fills this key; replace "auto" with a value',
    );
  });

  it("rejects invalid parameters with a clear error", () => {
    expect(() => fillAuto(HF_ZERO3, { ...PARAMS, hiddenSize: 40.5 })).toThrow(DeepSpeedInputError);
    expect(() => fillAuto(HF_ZERO3, { ...PARAMS, dtype: "fp8" as "fp16" })).toThrow(/dtype must be one of/);
    expect(() => fillAuto([], PARAMS)).toThrow(/must be a JSON object/);
  });
});
