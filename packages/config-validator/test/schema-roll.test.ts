// ROLL schemas: SchemaStore-style positive and negative fixtures (dacite rules, dataclasses.md §1; latent
// errors of config-format.md §b; strategy_config typed by strategy_name).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type RollFlavour, type RollPipeline, validateRoll } from "../src/index.js";
import { fixturePath, readJsonFixture as readJson } from "./helpers/fixtures.js";

type Release = "0.2" | "0.3";

interface Case {
  pipeline: RollPipeline;
  flavour?: RollFlavour;
}

const POSITIVE: Record<Release, Record<string, Case>> = {
  "0.2": {
    "deepspeed-strategies": { pipeline: "rlvr" },
    "default-strategy-is-deepspeed": { pipeline: "rlvr" },
    "reward-fl": { pipeline: "reward_fl" },
  },
  "0.3": {
    "minimal-rlvr": { pipeline: "rlvr" },
    "optional-null-and-int-for-float": { pipeline: "rlvr" },
    "authoring-interpolations": { pipeline: "rlvr", flavour: "authoring" },
    "sft-fsdp2": { pipeline: "sft" },
    "agentic-minimal": { pipeline: "agentic" },
  },
};

const NEGATIVE: Record<Release, Record<string, Case & { path: string }>> = {
  "0.2": {
    "deepspeed-config-typo": {
      pipeline: "rlvr",
      path: "/actor_train/strategy_args/strategy_config/zero_optimization/stage3_prefetch",
    },
    "deepspeed-auto-not-allowed": {
      pipeline: "rlvr",
      path: "/reference/strategy_args/strategy_config/zero_optimization/sub_group_size",
    },
    // No strategy_name: 0.2's default deepspeed_train applies, so the DeepSpeed schema checks strategy_config.
    "default-strategy-deepspeed-typo": {
      pipeline: "rlvr",
      path: "/actor_train/strategy_args/strategy_config/bf16/enable",
    },
    "agentic-key-in-rlvr-config": { pipeline: "rlvr", path: "/train_env_manager" },
  },
  "0.3": {
    "typo-in-model-args": { pipeline: "rlvr", path: "/actor_train/model_args/dtyp" },
    "wrong-enum-dtype": { pipeline: "rlvr", path: "/actor_train/model_args/dtype" },
    "deepspeed-strategy-removed-in-0.3": {
      pipeline: "rlvr",
      path: "/actor_train/strategy_args/strategy_name",
    },
    "fraction-for-int": { pipeline: "rlvr", path: "/ppo_epochs" },
    "string-for-int": { pipeline: "rlvr", path: "/rollout_batch_size" },
    "null-for-non-optional-float": { pipeline: "rlvr", path: "/reward_clip" },
    "null-for-non-optional-str": { pipeline: "agentic", path: "/render_save_dir" },
    "string-for-float": { pipeline: "rlvr", path: "/use_topr_neg_loss_coef" },
    "system-envs-value-not-string": { pipeline: "rlvr", path: "/system_envs/NCCL_DEBUG" },
    "interpolation-left-in-resolved": { pipeline: "rlvr", path: "/rollout_batch_size" },
    "unknown-top-level-key": { pipeline: "rlvr", path: "/rollout_batch_sise" },
    "device-mapping-wrong-type": { pipeline: "rlvr", path: "/actor_train/device_mapping" },
    "unknown-key-in-reward-worker": { pipeline: "rlvr", path: "/rewards/math_rule/tag_include" },
    "authoring-typo-nested": {
      pipeline: "rlvr",
      flavour: "authoring",
      path: "/actor_train/model_args/flash_attn",
    },
    "authoring-wrong-enum": { pipeline: "rlvr", flavour: "authoring", path: "/actor_train/model_args/dtype" },
  },
};

const fixtureNames = (release: Release, sign: string) =>
  readdirSync(fixturePath("schemastore", `roll-${release}`, sign))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

describe.each(["0.2", "0.3"] as const)("ROLL %s", (release) => {
  it("has an expectation for every fixture", () => {
    expect(fixtureNames(release, "positive")).toEqual(Object.keys(POSITIVE[release]).sort());
    expect(fixtureNames(release, "negative")).toEqual(Object.keys(NEGATIVE[release]).sort());
  });

  it.each(Object.entries(POSITIVE[release]))("positive/%s validates", (name, { pipeline, flavour }) => {
    const config = readJson("schemastore", `roll-${release}`, "positive", `${name}.json`);
    expect(validateRoll(config, { release, pipeline, flavour })).toEqual({ valid: true, errors: [] });
  });

  it.each(Object.entries(NEGATIVE[release]))("negative/%s fails at the right path", (name, expected) => {
    const config = readJson("schemastore", `roll-${release}`, "negative", `${name}.json`);
    const result = validateRoll(config, { release, pipeline: expected.pipeline, flavour: expected.flavour });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual([expected.path]);
  });
});

describe("releases and flavours differ where ROLL did", () => {
  it("accepts DeepSpeed strategies in 0.2 only", () => {
    const config = readJson("schemastore", "roll-0.2", "positive", "deepspeed-strategies.json");
    expect(validateRoll(config, { release: "0.3", pipeline: "rlvr" }).errors.map((e) => e.path)).toEqual([
      "/actor_train/strategy_args/strategy_name",
      "/reference/strategy_args/strategy_name",
    ]);
  });

  it("accepts interpolations, defaults and hydra only in the authoring flavour", () => {
    const config = readJson("schemastore", "roll-0.3", "positive", "authoring-interpolations.json");
    const paths = validateRoll(config, { release: "0.3", pipeline: "rlvr" }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/defaults", "/hydra", "/batch", "/rollout_batch_size", "/reference"]),
    );
  });

  it("without a pipeline, reports the errors of the best-fitting pipeline", () => {
    // rollout_batch_size is a BaseConfig field: every pipeline has it, none has a distinctive key here.
    const result = validateRoll({ rollout_batch_size: "64" }, { release: "0.3" });
    expect(result.errors.map((e) => e.path)).toEqual(["/rollout_batch_size"]);
    expect(
      validateRoll({ sft_train: { world_size: "8" } }, { release: "0.3" }).errors.map((e) => e.path),
    ).toEqual(["/sft_train/world_size"]);
  });

  it("has no reward_fl pipeline in 0.3", () => {
    expect(() => validateRoll({}, { release: "0.3", pipeline: "reward_fl" })).toThrow(
      /no "reward_fl" pipeline/,
    );
  });

  it("reports a clear error for an unknown release", () => {
    expect(() => validateRoll({}, { release: "0.4" as never })).toThrow('Unknown ROLL release "0.4"');
  });
});
