/**
 * ROLL 0.2's five DeepSpeed presets (byte-exact copies in @roll/test-fixtures, see its README.md) as ROLL
 * fed them to DeepSpeed 0.16.4: after ROLL's own fill-ins (config-format.md §f.1). The expected findings are
 * the ones the reference documents: config-format.md §a (zero2_cpuoffload's offload_param is "Valid only with
 * stage 3"), §f.2 (ZeRO-3 "auto" buckets dropped -> defaults 5e8 / 5e7 / 1e5), and deepspeed_zero is stage 0,
 * which plain DeepSpeed accepts (ROLL's stage > 0 check belongs to the ROLL rules).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rollFillIns, validateDeepSpeedConfig } from "../src/index.js";
import { loadRollPreset, rollPresetFile } from "./roll-preset-fixtures.js";

/** sha256 of alibaba/ROLL@e98e9f89:examples/config/ (as packages/test-fixtures/reference/roll-presets/SHA256SUMS lists). */
const SOURCE_SHA256: Record<string, string> = {
  deepspeed_zero: "af0fccb7c24ef4ad41e6b9652ba90c48573f7020177b2272fdbd6a7ed9275f22",
  deepspeed_zero2: "35f7ba5bdea9297a2c6b70018d5b42de58f2ec9a6b293317cde09ac015c9f668",
  deepspeed_zero2_cpuoffload: "31327b04a41d374abf5374078857caeb2b45cec7a3676f916b5961e3a5a93101",
  deepspeed_zero3: "3720309e8b7f540c5db91243d86991118a4125c58da783932a4944df9ee97a7b",
  deepspeed_zero3_cpuoffload: "66f4634e6b35d75daac27d32a1b73aa35d4ef87d03c8839e6ed67b67a4e42452",
};

const TRAINING = { perDeviceTrainBatchSize: 2, gradientAccumulationSteps: 4, maxGradNorm: 1.0, worldSize: 8 };
const ROLL_FILLED = ["train_micro_batch_size_per_gpu", "train_batch_size", "gradient_clipping"];

/** DeepSpeed defaults that replace the dropped ZeRO-3 "auto" values (config-format.md §f.2). */
const ZERO3_DROPPED = [
  ["zero_optimization.reduce_bucket_size", 5e8],
  ["zero_optimization.stage3_prefetch_bucket_size", 5e7],
  ["zero_optimization.stage3_param_persistence_threshold", 1e5],
] as const;

const EXPECTED: Record<string, { severity: string; code: string; path: string; text: string }[]> = {
  deepspeed_zero: [],
  deepspeed_zero2: [],
  deepspeed_zero2_cpuoffload: [
    {
      severity: "warning",
      code: "ds/offload-param-below-stage3",
      path: "zero_optimization.offload_param",
      text: "silently ignored at ZeRO stage 2",
    },
  ],
  deepspeed_zero3: ZERO3_DROPPED.map(([path, value]) => ({
    severity: "info",
    code: "ds/auto-dropped",
    path,
    text: `default ${value}`,
  })),
  deepspeed_zero3_cpuoffload: ZERO3_DROPPED.map(([path, value]) => ({
    severity: "info",
    code: "ds/auto-dropped",
    path,
    text: `default ${value}`,
  })),
};

describe("ROLL presets", () => {
  for (const [name, sha] of Object.entries(SOURCE_SHA256)) {
    it(`${name}: fixture is byte-identical to the ROLL source`, () => {
      expect(
        createHash("sha256")
          .update(readFileSync(rollPresetFile(name)))
          .digest("hex"),
      ).toBe(sha);
    });

    it(`${name}: after ROLL's fill-ins, DeepSpeed 0.16.4 findings match the reference`, () => {
      const { config } = rollFillIns(loadRollPreset(name), TRAINING);
      const diagnostics = validateDeepSpeedConfig(config, { worldSize: TRAINING.worldSize });
      const expected = EXPECTED[name] ?? [];
      expect(diagnostics.map(({ severity, code, path }) => ({ severity, code, path }))).toEqual(
        expected.map(({ severity, code, path }) => ({ severity, code, path })),
      );
      diagnostics.forEach((diagnostic, index) => {
        expect(diagnostic.message).toContain(expected[index]?.text);
      });
    });

    it(`${name}: declaring ROLL's keys as caller-filled gives the same findings`, () => {
      const diagnostics = validateDeepSpeedConfig(loadRollPreset(name), { filledByCaller: ROLL_FILLED });
      expect(diagnostics.map((d) => d.code)).toEqual((EXPECTED[name] ?? []).map((d) => d.code));
    });

    it(`${name}: as a raw DeepSpeed config its micro-batch "auto" is an error (reference §d.3)`, () => {
      const unfilled = validateDeepSpeedConfig(loadRollPreset(name)).filter(
        (d) => d.code === "ds/auto-unfilled",
      );
      expect(unfilled.map((d) => [d.severity, d.path])).toEqual([
        ["error", "train_micro_batch_size_per_gpu"],
      ]);
    });
  }
});

describe("rollFillIns (config-format.md §f.1)", () => {
  it("writes micro batch, global batch = micro × GA × world, and clipping; not GA itself", () => {
    const preset = loadRollPreset("deepspeed_zero3");
    const { config, filled, overwritten } = rollFillIns(preset, TRAINING);
    expect(config.train_micro_batch_size_per_gpu).toBe(2);
    expect(config.train_batch_size).toBe(2 * 4 * 8);
    expect(config.gradient_clipping).toBe(1.0);
    expect(config).not.toHaveProperty("gradient_accumulation_steps");
    expect(filled).toEqual(ROLL_FILLED);
    expect(overwritten).toEqual([]);
    expect(preset.train_micro_batch_size_per_gpu).toBe("auto"); // input untouched
  });

  it("overwrites concrete values too, and reports them", () => {
    const { overwritten } = rollFillIns({ train_batch_size: 999, zero_optimization: { stage: 2 } }, TRAINING);
    expect(overwritten).toEqual([{ key: "train_batch_size", from: 999, to: 64 }]);
  });

  it("accepts DistillConfig's max_grad_norm 0 (no clipping)", () => {
    expect(rollFillIns({}, { ...TRAINING, maxGradNorm: 0 }).config.gradient_clipping).toBe(0);
  });

  it("rejects bad input with a clear error", () => {
    expect(() => rollFillIns("deepspeed_zero3", TRAINING)).toThrow(/must be a mapping/);
    expect(() => rollFillIns({}, { ...TRAINING, worldSize: 0 })).toThrow(
      /worldSize must be a positive integer/,
    );
    expect(() => rollFillIns({}, { ...TRAINING, maxGradNorm: -1 })).toThrow(/maxGradNorm/);
  });
});
