import { describe, expect, it } from "vitest";
import { UsageError } from "../src/command.js";
import { fillAutoParams, hasFillAutoValues } from "../src/fill-auto-flags.js";

describe("--fill-auto flags", () => {
  it("map every flag to its fillAuto parameter with the right type", () => {
    const params = fillAutoParams(
      {
        "micro-batch": "4",
        "grad-accum": "2",
        "world-size": "16",
        "hidden-size": "4096",
        lr: "1e-5",
        "weight-decay": "0.01",
        betas: "0.9,0.95",
        eps: "1e-8",
        "warmup-steps": "0",
        "total-steps": "1000",
        "max-grad-norm": "1.0",
        dtype: "bf16",
        "zero-stage": "3",
        "offload-optimizer-device": "cpu",
        "offload-param-device": "nvme",
        "zero3-save-16bit-model": "true",
      },
      "USAGE",
    );
    expect(params).toEqual({
      microBatch: 4,
      gradAccum: 2,
      worldSize: 16,
      hiddenSize: 4096,
      lr: 1e-5,
      weightDecay: 0.01,
      betas: [0.9, 0.95],
      eps: 1e-8,
      warmupSteps: 0,
      totalSteps: 1000,
      maxGradNorm: 1,
      dtype: "bf16",
      zeroStage: 3,
      offloadOptimizerDevice: "cpu",
      offloadParamDevice: "nvme",
      zero3Save16bitModel: true,
    });
  });

  it("leaves out what was not given", () => {
    expect(fillAutoParams({}, "USAGE")).toEqual({});
    expect(hasFillAutoValues({})).toBeUndefined();
    expect(hasFillAutoValues({ lr: "1e-5" })).toBe("lr");
  });

  it("rejects malformed values as usage errors", () => {
    for (const values of [
      { "warmup-steps": "-1" },
      { dtype: "fp8" },
      { "zero-stage": "4" },
      { "offload-param-device": "disk" },
      { "zero3-save-16bit-model": "yes" },
      { lr: "fast" },
      { betas: "0.9,0.99,0.999" },
    ]) {
      expect(() => fillAutoParams(values, "USAGE"), JSON.stringify(values)).toThrow(UsageError);
    }
  });
});
