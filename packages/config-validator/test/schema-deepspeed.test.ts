// DeepSpeed schema: ROLL's presets and SchemaStore-style positive/negative fixtures.
import { readdirSync } from "node:fs";
import { ROLL_PRESETS_DIR } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { validateDeepSpeed } from "../src/index.js";
import { fixturePath, readJsonFixture as readJson, readYamlFixture as readYaml } from "./helpers/fixtures.js";

const PRESETS = [
  "deepspeed_zero",
  "deepspeed_zero2",
  "deepspeed_zero2_cpuoffload",
  "deepspeed_zero3",
  "deepspeed_zero3_cpuoffload",
];

/**
 * Where each negative fixture must fail (config-reference.md: §0 facts 1-4, §b.3 constraints, §d "auto" keys,
 * §g common mistakes, documented_but_rejected in zero-config-fields.json). `unknownKey` marks an unknown key in a
 * pydantic (extra="forbid") section, reported with keyword additionalProperties at the key's own path.
 */
const NEGATIVE: Record<string, { path: string; unknownKey?: true }> = {
  "typo-in-zero-field": { path: "/zero_optimization/stage3_prefetch_bucket", unknownKey: true },
  "aio-inside-zero-optimization": { path: "/zero_optimization/aio", unknownKey: true },
  "documented-but-rejected-grad-hooks": { path: "/zero_optimization/grad_hooks", unknownKey: true },
  "pre-pydantic-cpu-offload-params": { path: "/zero_optimization/cpu_offload_params", unknownKey: true },
  "fp16-keys-in-bf16": { path: "/bf16/loss_scale", unknownKey: true },
  "unknown-key-in-monitor": { path: "/tensorboard/outputpath", unknownKey: true },
  "offload-param-unknown-key": { path: "/zero_optimization/offload_param/ratio", unknownKey: true },
  "offload-device-uppercase": { path: "/zero_optimization/offload_optimizer/device" },
  "stage-out-of-range": { path: "/zero_optimization/stage" },
  "auto-sub-group-size": { path: "/zero_optimization/sub_group_size" },
  "auto-fp16-loss-scale": { path: "/fp16/loss_scale" },
  "auto-max-live-parameters": { path: "/zero_optimization/stage3_max_live_parameters" },
  "auto-on-internal-alias": { path: "/zero_optimization/prefetch_bucket_size" },
  "auto-steps-per-print": { path: "/steps_per_print" },
  "fractional-integer": { path: "/zero_optimization/stage3_prefetch_bucket_size" },
  "number-as-string": { path: "/gradient_accumulation_steps" },
  "alias-and-internal-name": { path: "/zero_optimization" },
  "deprecated-and-replacement": { path: "/zero_optimization" },
  "negative-bucket-size": { path: "/zero_optimization/reduce_bucket_size" },
  "max-grad-norm-in-optimizer-params": { path: "/optimizer/params" },
  "invalid-tag-validation": { path: "/checkpoint/tag_validation" },
  "wrong-type-boolean": { path: "/zero_optimization/reduce_scatter" },
  "offload-ratio-above-one": { path: "/zero_optimization/offload_optimizer/ratio" },
};

const names = (sign: "positive" | "negative") =>
  readdirSync(fixturePath("schemastore", "deepspeed", sign))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

describe("DeepSpeed presets of ROLL", () => {
  it.each(PRESETS)("%s validates (the DeepSpeed config under its wrapper key)", (preset) => {
    const file = readYaml<Record<string, unknown>>(ROLL_PRESETS_DIR, `${preset}.yaml`);
    expect(Object.keys(file)).toEqual([preset]);
    expect(validateDeepSpeed(file[preset])).toEqual({ valid: true, errors: [] });
  });
});

describe("SchemaStore-style fixtures", () => {
  it.each(names("positive"))("positive/%s validates", (name) => {
    expect(validateDeepSpeed(readJson("schemastore", "deepspeed", "positive", `${name}.json`))).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("has an expectation for every negative fixture", () => {
    expect(names("negative")).toEqual(Object.keys(NEGATIVE).sort());
  });

  it.each(Object.entries(NEGATIVE))("negative/%s fails at the right path", (name, expected) => {
    const result = validateDeepSpeed(readJson("schemastore", "deepspeed", "negative", `${name}.json`));
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual([expected.path]);
    if (expected.unknownKey) expect(result.errors[0]!.keyword).toBe("additionalProperties");
    expect(result.errors[0]!.message).not.toBe("");
  });
});

describe("error messages", () => {
  it("names the allowed values and the conflicting keys", () => {
    const device = validateDeepSpeed(
      readJson("schemastore", "deepspeed", "negative", "offload-device-uppercase.json"),
    );
    expect(device.errors[0]!.message).toContain('"cpu"');
    expect(device.errors[0]!.message).toContain('"auto"');
    const both = validateDeepSpeed(
      readJson("schemastore", "deepspeed", "negative", "alias-and-internal-name.json"),
    );
    expect(both.errors[0]!.message).toBe(
      'must not set both "stage3_prefetch_bucket_size" and "prefetch_bucket_size"',
    );
  });

  it("rejects a config that is not an object", () => {
    expect(validateDeepSpeed([1, 2]).errors).toEqual([
      { path: "", keyword: "type", message: "must be object" },
    ]);
  });
});
