// Metadata and the issue-8 presets, checked against facts from the DeepSpeed reference
// (config-reference.md, zero-config-fields.json, top-level-fields.json).
import { presetNames, presets } from "@roll/ds-presets";
import { describe, expect, it } from "vitest";

const ROLL = [
  "deepspeed_zero",
  "deepspeed_zero2",
  "deepspeed_zero2_cpuoffload",
  "deepspeed_zero3",
  "deepspeed_zero3_cpuoffload",
] as const;
const OURS = [
  "deepspeed_zero1",
  "deepspeed_zero2_offload_optimizer",
  "deepspeed_zero3_offload_all",
  "deepspeed_zero_infinity",
  "deepspeed_zeropp",
] as const;
const zero = (name: (typeof presetNames)[number]) =>
  presets[name].config.zero_optimization as Record<string, any>;

describe("all presets", () => {
  it("are ROLL's five plus the five roll-config presets", () => {
    expect([...presetNames].sort()).toEqual([...ROLL, ...OURS].sort());
    for (const name of ROLL) expect(presets[name].origin).toBe("roll");
    for (const name of OURS) expect(presets[name].origin).toBe("roll-config");
  });

  it.each(presetNames)(
    "%s: ROLL 0.1/0.2 only (0.3 removed DeepSpeed), cited sources, stage from the config",
    (name) => {
      const preset = presets[name];
      expect(preset.rollReleases).toEqual(["0.1", "0.2"]);
      expect(preset.sources.length).toBeGreaterThan(0);
      for (const source of preset.sources)
        expect(source.ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S+$/);
      expect(preset.stage).toBe(zero(name).stage);
      expect(preset.displayName.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(20);
    },
  );

  it("ROLL's strategies: train needs stage > 0, infer needs stage 3", () => {
    expect(presets.deepspeed_zero.rollStrategies).toEqual([]);
    expect(presets.deepspeed_zero2.rollStrategies).toEqual(["deepspeed_train"]);
    expect(presets.deepspeed_zero3.rollStrategies).toEqual(["deepspeed_train", "deepspeed_infer"]);
  });
});

describe("minimum DeepSpeed version (max `since` over the keys)", () => {
  it.each(ROLL)("%s needs 0.6.0: the bf16 section appeared in v0.6.0", (name) => {
    expect(presets[name].minDeepSpeed).toBe("0.6.0");
    expect(presets[name].minDeepSpeedBecause).toContain("bf16");
  });

  it.each(OURS)("%s needs 0.17.1: bf16.check_grad_overflow was added in v0.17.1", (name) => {
    expect(presets[name].minDeepSpeed).toBe("0.17.1");
    expect(presets[name].minDeepSpeedBecause).toEqual(["bf16.check_grad_overflow"]);
  });
});

describe("offload (what DeepSpeed really does)", () => {
  it("ROLL's zero2_cpuoffload: offload_param is ignored below stage 3, so only the optimizer moves", () => {
    expect(zero("deepspeed_zero2_cpuoffload").offload_param).toEqual({ device: "cpu", pin_memory: true });
    expect(presets.deepspeed_zero2_cpuoffload.offload).toEqual({ optimizer: "cpu", param: "none" });
    expect(presets.deepspeed_zero2_cpuoffload.caveats.join(" ")).toMatch(/offload_param is silently ignored/);
  });

  it.each([
    ["deepspeed_zero", "none", "none"],
    ["deepspeed_zero3_cpuoffload", "cpu", "none"],
    ["deepspeed_zero2_offload_optimizer", "cpu", "none"],
    ["deepspeed_zero3_offload_all", "cpu", "cpu"],
    ["deepspeed_zero_infinity", "nvme", "nvme"],
    ["deepspeed_zeropp", "none", "none"],
  ] as const)("%s offloads optimizer to %s, params to %s", (name, optimizer, param) => {
    expect(presets[name].offload).toEqual({ optimizer, param });
  });
});

describe("roll-config presets pin the defaults that changed between DeepSpeed releases", () => {
  it.each(OURS)("%s sets gradient_clipping, bf16.check_grad_overflow and every pin_memory", (name) => {
    const config = presets[name].config as Record<string, any>;
    expect(config.gradient_clipping).toBe(1);
    expect(presets[name].floatPaths).toContain("gradient_clipping");
    expect(config.bf16).toEqual({ enabled: true, check_grad_overflow: false });
    for (const block of ["offload_optimizer", "offload_param"]) {
      if (zero(name)[block]) expect(typeof zero(name)[block].pin_memory, `${name} ${block}`).toBe("boolean");
    }
    expect(typeof zero(name).overlap_comm).toBe("boolean");
  });

  it("deepspeed_zero2_offload_optimizer is ROLL's zero2_cpuoffload without offload_param", () => {
    const { offload_param, ...rollZero } = zero("deepspeed_zero2_cpuoffload");
    expect(offload_param).toBeDefined();
    expect(zero("deepspeed_zero2_offload_optimizer")).toEqual(rollZero);
    expect(Object.keys(zero("deepspeed_zero2_offload_optimizer"))).toEqual(Object.keys(rollZero));
    // Integers where ROLL wrote 1.0e+9 / 5.0e+8: DeepSpeed's integer fields, safe on every release.
    expect(presets.deepspeed_zero2_offload_optimizer.floatPaths).toEqual(["gradient_clipping"]);
  });

  it("ZeRO-1 is stage 1 with the tutorial's 5e8 buckets", () => {
    expect(zero("deepspeed_zero1")).toMatchObject({
      stage: 1,
      reduce_bucket_size: 5e8,
      allgather_bucket_size: 5e8,
    });
  });

  it("ZeRO-Infinity: NVMe offload, mandatory nvme_path, top-level aio with intra_op_parallelism", () => {
    const config = presets.deepspeed_zero_infinity.config as Record<string, any>;
    expect(zero("deepspeed_zero_infinity").offload_param).toMatchObject({ device: "nvme", nvme_path: "???" });
    expect(zero("deepspeed_zero_infinity").offload_optimizer).toMatchObject({
      device: "nvme",
      nvme_path: "???",
    });
    expect(presets.deepspeed_zero_infinity.mandatoryPaths).toEqual([
      "zero_optimization.offload_optimizer.nvme_path",
      "zero_optimization.offload_param.nvme_path",
    ]);
    expect(config.aio).toMatchObject({ block_size: 262144, queue_depth: 32, intra_op_parallelism: 1 });
    expect(config.aio).not.toHaveProperty("thread_count");
    expect(zero("deepspeed_zero_infinity")).not.toHaveProperty("aio");
  });

  it("ZeRO++ turns on hpZ, qwZ and qgZ, and qgZ's required reduce_scatter", () => {
    expect(zero("deepspeed_zeropp")).toMatchObject({
      stage: 3,
      zero_hpz_partition_size: 8,
      zero_quantized_weights: true,
      zero_quantized_gradients: true,
      reduce_scatter: true,
    });
  });

  it.each(presetNames.filter((n) => presets[n].stage === 3))(
    "%s gathers 16-bit weights on save (ROLL's ZeRO-3 checkpointing needs it)",
    (name) => {
      expect(zero(name).stage3_gather_16bit_weights_on_model_save).toBe(true);
    },
  );
});
