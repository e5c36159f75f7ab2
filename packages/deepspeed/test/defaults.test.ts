/** defaultFor against the defaults tables of config-reference.md §b.2/§b.3 and the default changes of §0.7. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CHANGES, defaultAt, defaultFor } from "../src/index.js";

describe("defaultFor", () => {
  it.each([
    ["zero_optimization.reduce_bucket_size", "500000000"],
    ["zero_optimization.stage3_prefetch_bucket_size", "50000000"], // code default 5e7, not the documented 5e8
    ["zero_optimization.prefetch_bucket_size", "50000000"], // the internal spelling
    ["zero_optimization.stage", "0"],
    ["zero_optimization.contiguous_gradients", "True"],
    ["zero_optimization.offload_optimizer.device", "none"],
    ["zero_optimization.offload_param.nvme_path", "None"],
    ["zero_optimization.offload_optimizer.ratio", "1.0"],
    ["zero_optimization.stage3_model_persistence_threshold", "9223372036854775807"],
    ["fp16.initial_scale_power", "16"],
    ["bf16.enabled", "False"],
    ["checkpoint.tag_validation", "Warn"],
  ])("%s -> %s", (path, value) => {
    expect(defaultFor(path)?.value).toBe(value);
  });

  it("marks defaults that changed between DeepSpeed releases (§0.7)", () => {
    expect(defaultFor("gradient_clipping")).toEqual({ value: "1.0", changedIn: "0.19.3" });
    expect(defaultFor("zero_optimization.offload_param.pin_memory")).toEqual({
      value: "True",
      changedIn: "0.19.5",
    });
    expect(defaultFor("bf16.check_grad_overflow")).toEqual({ value: "True", changedIn: "0.19.3" });
  });

  it("has no single default for dynamic, container or unknown keys", () => {
    expect(defaultFor("zero_optimization.overlap_comm")).toBeUndefined(); // null means stage == 3
    expect(defaultFor("zero_optimization")).toBeUndefined();
    expect(defaultFor("zero_optimization.no_such_key")).toBeUndefined();
    expect(defaultFor("no_such_section.enabled")).toBeUndefined();
  });
});

describe("defaultAt: DeepSpeed's defaults by release", () => {
  interface Fixture {
    deepspeed: Record<string, unknown>;
    cases: { id: string; verdicts: { tags: string[]; effective?: Record<string, string> }[] }[];
  }
  const fixture = JSON.parse(
    readFileSync(new URL("./fixtures/deepspeed-verdicts/verdicts.json", import.meta.url), "utf8"),
  ) as Fixture;
  // The recorder reads these from DeepSpeedConfig (scripts/deepspeed-verdicts/run_tag.py EFFECTIVE) for a
  // config that uses each section: bf16 on, and ZeRO-3 with CPU offload.
  const where: Record<string, string> = {
    gradient_clipping: "defaults/nothing-set",
    "bf16.immediate_grad_update": "defaults/bf16",
    "bf16.check_grad_overflow": "defaults/bf16",
    "zero_optimization.offload_param.pin_memory": "defaults/zero3-cpu-offload",
    "zero_optimization.offload_optimizer.pin_memory": "defaults/zero3-cpu-offload",
  };

  it("covers every default change", () => {
    expect(Object.keys(where).sort()).toEqual([...new Set(DEFAULT_CHANGES.map((c) => c.path))].sort());
  });

  it.each(Object.entries(where))("%s equals DeepSpeedConfig's value at every recorded tag", (path, id) => {
    const c = fixture.cases.find((x) => x.id === id);
    let compared = 0;
    for (const verdict of c?.verdicts ?? []) {
      const recorded = verdict.effective?.[path];
      if (recorded === undefined) continue; // the key does not exist at these tags
      for (const tag of verdict.tags) {
        expect(defaultAt(path, tag.replace(/^v/, ""))?.value, `${path} @ ${tag}`).toBe(recorded);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
