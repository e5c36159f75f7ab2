/**
 * Expected numbers are printed in DeepSpeed's "Memory Requirements" page
 * (deepspeedai/DeepSpeed docs/code-docs/source/memory.rst): the *_all_cold examples for a 2851M-parameter model
 * (largest layer 32M) on 1 node × 8 GPUs, and the t5-large per-case GPU example. DeepSpeed prints bytes / 2**30
 * with two decimals and calls it "GB".
 */
import { describe, expect, it } from "vitest";
import { DeepSpeedInputError, estimateForPresets, estimateZeroMemory } from "../src/index.js";
import { loadRollPreset, ROLL_PRESET_NAMES } from "./roll-preset-fixtures.js";

const HW = { params: 2851e6, gpusPerNode: 8, nodes: 1 };
const gb = (bytes: number) => (bytes / 2 ** 30).toFixed(2);

describe("estimateZeroMemory: ZeRO-2 (estimate_zero2_model_states_mem_needs_all_cold example)", () => {
  it.each([
    [true, "127.45", "5.31"],
    [false, "127.45", "15.93"],
  ])("offload_optimizer=%s -> %s GB per CPU, %s GB per GPU", (offloadOptimizer, cpu, gpu) => {
    const estimate = estimateZeroMemory({ ...HW, stage: 2, offloadOptimizer, offloadParam: false });
    expect(gb(estimate.perNodeCpuBytes)).toBe(cpu);
    expect(gb(estimate.perGpuBytes)).toBe(gpu);
    expect(estimate.perGpuGiB.toFixed(2)).toBe(gpu);
  });
});

describe("estimateZeroMemory: the General RAM formulas of the same page", () => {
  it("ZeRO-2 optimizer offload on one GPU: params * max(4 * n_gpus, 16) * 1.5", () => {
    const estimate = estimateZeroMemory({
      params: 1e9,
      gpusPerNode: 1,
      nodes: 1,
      stage: 2,
      offloadOptimizer: true,
      offloadParam: false,
    });
    expect(estimate.perNodeCpuBytes).toBe(1e9 * 16 * 1.5);
    expect(estimate.perGpuBytes).toBe(2 * 1e9); // "2 * params"
  });

  it("ZeRO-3 on 2 nodes: gpus_factor = n_gpus / total_gpus = 1/2", () => {
    const estimate = estimateZeroMemory({
      params: 1e9,
      largestLayerParams: 1e8,
      gpusPerNode: 8,
      nodes: 2,
      stage: 3,
      offloadOptimizer: true,
      offloadParam: true,
    });
    expect(estimate.perNodeCpuBytes).toBe(1e9 * 18 * 0.5 * 1.5); // with zero.Init
    expect(estimate.perGpuBytes).toBe(4 * 1e8); // largest_layer_memory
  });
});

describe("estimateZeroMemory: ZeRO-3 (estimate_zero3_model_states_mem_needs_all_cold example)", () => {
  it.each([
    [true, true, true, "71.69", "0.12"],
    [true, true, false, "127.45", "0.12"],
    [false, true, true, "63.72", "0.78"],
    [false, true, false, "127.45", "0.78"],
    [false, false, true, "1.43", "6.09"],
    [false, false, false, "127.45", "6.09"],
  ])(
    "offload_param=%s offload_optimizer=%s zero_init=%s -> %s / %s GB",
    (offloadParam, offloadOptimizer, zeroInit, cpu, gpu) => {
      const estimate = estimateZeroMemory({
        ...HW,
        largestLayerParams: 32e6,
        stage: 3,
        offloadOptimizer,
        offloadParam,
        zeroInit,
      });
      expect(gb(estimate.perNodeCpuBytes)).toBe(cpu);
      expect(gb(estimate.perGpuBytes)).toBe(gpu);
    },
  );

  it("matches the t5-large GPU cases (737.67M params, 32.90M largest layer, 4 GPUs: 3291 / 125 / 477 MB)", () => {
    const base = { params: 737.67e6, largestLayerParams: 32.9e6, gpusPerNode: 4, nodes: 1, stage: 3 };
    const mb = (offloadOptimizer: boolean, offloadParam: boolean) =>
      Math.floor(estimateZeroMemory({ ...base, offloadOptimizer, offloadParam }).perGpuBytes / 2 ** 20);
    expect(mb(false, false)).toBe(3291);
    expect(mb(true, true)).toBe(125);
    expect(mb(true, false)).toBe(477);
  });

  it("notes a missing largest layer instead of guessing it", () => {
    const estimate = estimateZeroMemory({ ...HW, stage: 3, offloadOptimizer: false, offloadParam: false });
    expect(estimate.notes.join(" ")).toMatch(/largestLayerParams not given/);
  });
});

describe("estimateZeroMemory input checks", () => {
  it("rejects bad input with a clear error", () => {
    expect(() =>
      estimateZeroMemory({ ...HW, params: -1, stage: 2, offloadOptimizer: false, offloadParam: false }),
    ).toThrow(DeepSpeedInputError);
    expect(() =>
      estimateZeroMemory({ ...HW, nodes: 1.5, stage: 5, offloadOptimizer: false, offloadParam: false }),
    ).toThrow(/nodes must be a positive integer[\s\S]*stage must be 0, 1, 2 or 3/);
  });
});

describe("estimateForPresets over ROLL's presets (same documented hardware)", () => {
  const presets = Object.fromEntries(ROLL_PRESET_NAMES.map((name) => [name, loadRollPreset(name)]));
  const rows = estimateForPresets(presets, { ...HW, largestLayerParams: 32e6 });
  const row = (name: string) => rows.find((r) => r.preset === name);

  it("reads stage and offload from each config and reuses the documented numbers", () => {
    expect([row("deepspeed_zero2")?.stage, gb(row("deepspeed_zero2")?.perGpuBytes ?? 0)]).toEqual([
      2,
      "15.93",
    ]);
    expect(gb(row("deepspeed_zero2_cpuoffload")?.perGpuBytes ?? 0)).toBe("5.31");
    expect([
      gb(row("deepspeed_zero3")?.perNodeCpuBytes ?? 0),
      gb(row("deepspeed_zero3")?.perGpuBytes ?? 0),
    ]).toEqual(["1.43", "6.09"]);
    expect([
      gb(row("deepspeed_zero3_cpuoffload")?.perNodeCpuBytes ?? 0),
      gb(row("deepspeed_zero3_cpuoffload")?.perGpuBytes ?? 0),
    ]).toEqual(["63.72", "0.78"]);
  });

  it("treats zero2_cpuoffload's offload_param as DeepSpeed does: ignored below stage 3", () => {
    const zero2Offload = row("deepspeed_zero2_cpuoffload");
    expect(zero2Offload?.offloadParam).toBe("cpu");
    expect(zero2Offload?.notes.join(" ")).toMatch(/offload_param is ignored below ZeRO stage 3/);
  });

  it("stage 0 partitions nothing, so it needs more GPU memory than ZeRO-2", () => {
    const zero = row("deepspeed_zero");
    expect(zero?.stage).toBe(0);
    expect(zero?.perGpuBytes).toBeGreaterThan(
      row("deepspeed_zero2")?.perGpuBytes ?? Number.POSITIVE_INFINITY,
    );
    expect(zero?.notes.join(" ")).toMatch(/no stage-0 estimator/);
  });

  it("refuses a preset whose stage is not a number", () => {
    expect(() => estimateForPresets({ hf: { zero_optimization: { stage: "auto" } } }, HW)).toThrow(
      /preset hf: zero_optimization.stage is "auto"/,
    );
  });
});
