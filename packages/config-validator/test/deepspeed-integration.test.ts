// DeepSpeed's rules run on each DeepSpeed worker's strategy_config after ROLL's fill-ins
// (config-format.md §f.1: micro = per_device_train_batch_size, train_batch = micro × GA × world_size,
// gradient_clipping = max_grad_norm), with paths prefixed by the worker's strategy_config path.
import { describe, expect, it } from "vitest";
import { validateConfig } from "../src/index.js";
import { ruleFixture } from "./helpers/fixtures.js";

const SC = "actor_train.strategy_args.strategy_config";
const run = (name: string) =>
  validateConfig({ config: ruleFixture(name) }, { roll: "0.2", pipeline: "rlvr" }).diagnostics;
const deepspeed = (name: string) => run(name).filter((d) => d.code.startsWith("ds/"));

describe("DeepSpeed rules on ROLL workers", () => {
  it("train_micro_batch_size_per_gpu: auto is filled by ROLL, so it is no error", () => {
    expect(deepspeed("known-keys").filter((d) => d.severity === "error")).toEqual([]);
  });
  it("the batch invariant is checked on the filled config, at the worker's path", () => {
    const errors = deepspeed("ds-ga-mismatch").filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors) expect(d.path.startsWith(SC)).toBe(true);
    // DeepSpeed's own text (config-reference.md), with ROLL's 64 = 1 × 8 × 8 against the preset's GA 4.
    expect(errors.map((d) => d.message).join("\n")).toContain("64 != 1 * 4 * 8");
  });
  it("fp16 together with bf16 is reported under the worker's strategy_config", () => {
    const errors = deepspeed("ds-fp16-bf16").filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.path.startsWith(SC))).toBe(true);
    expect(errors.map((d) => d.message).join("\n")).toContain(
      "bfloat16 and fp16 modes cannot be simultaneously enabled",
    );
  });
  it("values ROLL overwrites are reported as roll/rewritten-at-load", () => {
    const infos = run("ds-train-batch-set").filter((d) => d.code === "roll/rewritten-at-load");
    const byPath = new Map(infos.map((d) => [d.path, d.message]));
    expect(byPath.get(`${SC}.train_batch_size`)).toContain("1 × 8 × 8");
    expect(byPath.get(`${SC}.gradient_clipping`)).toContain("0.5");
  });
  it("a ROLL 0.3 config gets no DeepSpeed rules, only the removal error", () => {
    const diagnostics = validateConfig(
      { config: ruleFixture("ds-fp16-bf16") },
      { roll: "0.3", pipeline: "rlvr" },
    ).diagnostics;
    expect(diagnostics.filter((d) => d.code.startsWith("ds/"))).toEqual([]);
  });
  it("ROLL's own zero3-save-gather error replaces DeepSpeed's generic warning at the same key", () => {
    const diagnostics = run("zero3-no-gather");
    const path = `${SC}.zero_optimization.stage3_gather_16bit_weights_on_model_save`;
    expect(diagnostics.filter((d) => d.path === path).map((d) => d.code)).toEqual(["roll/zero3-save-gather"]);
  });
});
