/** Properties over many inputs (fast-check): the batch rule and fillAuto against the §c.1 / §d.1 formulas. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillAuto, validateDeepSpeedConfig } from "../src/index.js";

const positive = fc.integer({ min: 1, max: 64 });

describe("properties", () => {
  it("train_batch_size = micro × GA × world passes; any other value fails with DeepSpeed's text", () => {
    fc.assert(
      fc.property(positive, positive, positive, fc.integer({ min: 1, max: 10_000 }), (mb, gas, ws, tb) => {
        const config = {
          train_batch_size: tb,
          train_micro_batch_size_per_gpu: mb,
          gradient_accumulation_steps: gas,
          zero_optimization: { stage: 1 },
        };
        const codes = validateDeepSpeedConfig(config, { worldSize: ws }).map((d) => d.code);
        expect(codes).toEqual(tb === mb * gas * ws ? [] : ["ds/batch-invariant"]);
      }),
    );
  });

  it("fillAuto's HF bucket sizes are integers DeepSpeed >= 0.15 accepts, for any hidden size", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 65_536 }),
        positive,
        positive,
        positive,
        (hidden, mb, gas, ws) => {
          const { config } = fillAuto(
            {
              train_batch_size: "auto",
              train_micro_batch_size_per_gpu: "auto",
              gradient_accumulation_steps: "auto",
              zero_optimization: {
                stage: 3,
                reduce_bucket_size: "auto",
                stage3_prefetch_bucket_size: "auto",
                stage3_param_persistence_threshold: "auto",
                stage3_gather_16bit_weights_on_model_save: true,
              },
            },
            { hiddenSize: hidden, microBatch: mb, gradAccum: gas, worldSize: ws },
          );
          const zero = config.zero_optimization as Record<string, number>;
          expect(zero.reduce_bucket_size).toBe(hidden * hidden);
          expect(zero.stage3_prefetch_bucket_size).toBe(Math.floor(0.9 * hidden * hidden));
          expect(zero.stage3_param_persistence_threshold).toBe(10 * hidden);
          expect(validateDeepSpeedConfig(config, { worldSize: ws, deepspeedVersion: "0.19.5" })).toEqual([]);
        },
      ),
    );
  });
});
