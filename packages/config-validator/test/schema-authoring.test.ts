// Typed authoring (@roll/config-types/authoring) and the runtime schemas agree: a config that type-checks
// validates (the type-level half is packages/config-types/test/typed-authoring.test.ts).
import { defineDeepSpeedConfig, defineRollConfig } from "@roll/config-types/authoring";
import { describe, expect, it } from "vitest";
import { validateDeepSpeed, validateRoll } from "../src/index.js";

describe("typed configs pass the runtime schemas", () => {
  it("a typed RLVR config validates against ROLL 0.3's schema", () => {
    const config = defineRollConfig("0.3", "rlvr", {
      pretrain: "Qwen/Qwen2.5-7B",
      rollout_batch_size: 64,
      actor_train: { model_args: { dtype: "bf16" }, device_mapping: "list(range(0,8))" },
    });
    expect(validateRoll(config.config, { release: config.release, pipeline: config.pipeline }).valid).toBe(
      true,
    );
  });

  it("a typed DeepSpeed config with auto where HF/ROLL fill it validates", () => {
    const ds = defineDeepSpeedConfig({
      train_micro_batch_size_per_gpu: "auto",
      zero_optimization: { stage: 3, reduce_bucket_size: "auto", offload_optimizer: { device: "cpu" } },
    });
    expect(validateDeepSpeed(ds).valid).toBe(true);
  });
});
