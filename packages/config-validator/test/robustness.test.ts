// Whatever the YAML holds, validation reports diagnostics and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../src/index.js";
import { deepMerge, ruleFixture } from "./helpers/fixtures.js";

const KEYS = [
  "actor_train",
  "actor_infer",
  "reference",
  "strategy_args",
  "strategy_name",
  "strategy_config",
  "zero_optimization",
  "stage",
  "device_mapping",
  "num_gpus_per_worker",
  "training_args",
  "per_device_train_batch_size",
  "model_args",
  "lora_target",
  "train_env_manager",
  "group_size",
  "tags",
  "rollout_batch_size",
  "sequence_length",
];
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, 0, -1, 2.5, "deepspeed_infer", "vllm", "list(range(0,8))", "[1, 1]", "auto"),
    fc.integer(),
    fc.string(),
    fc.array(tie("any"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("any"), { maxKeys: 4 }),
  ),
})).any;

describe("validateConfig on arbitrary input", () => {
  it("never throws, and every diagnostic has a severity, a code and a path", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
        fc.boolean(),
        (overlay, agentic) => {
          const config = deepMerge(
            ruleFixture("known-keys", agentic ? "agentic-base" : "rlvr-base"),
            overlay,
          );
          for (const roll of ["0.2", "0.3"] as const) {
            const { diagnostics } = validateConfig({ config }, { roll });
            for (const d of diagnostics) {
              expect(["error", "warning", "info"]).toContain(d.severity);
              expect(d.code).toMatch(/^(roll|ds)\//);
              expect(typeof d.path).toBe("string");
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
  it("a config that is not a mapping is one error", () => {
    expect(validateConfig({ config: [1, 2] }).diagnostics.map((d) => d.code)).toEqual(["roll/schema"]);
  });
});
