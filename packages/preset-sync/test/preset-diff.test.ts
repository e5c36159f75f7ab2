import { describe, expect, it } from "vitest";
import { changelogBetween, compareVersions, diffPresetVersions, flattenPreset } from "../src/preset-diff.js";

// ROLL's deepspeed_zero2_cpuoffload before and after alibaba/ROLL@ab607583, which added offload_param.
const before = `deepspeed_zero2_cpuoffload:
  zero_optimization:
    stage: 2
    offload_optimizer:
      device: cpu
      pin_memory: true
    allgather_bucket_size: 1.0e+9
`;
const after = `deepspeed_zero2_cpuoffload:
  zero_optimization:
    stage: 2
    offload_optimizer:
      device: cpu
      pin_memory: true
    offload_param:
      device: cpu
      pin_memory: true
    allgather_bucket_size: 1.0e+9
`;

describe("presets diff: semantic, key by key", () => {
  it("flattens the DeepSpeed object under the preset key, printing values as Python does", () => {
    const flat = flattenPreset(before, "x.yaml");
    expect(flat.get("zero_optimization.stage")).toBe("2");
    expect(flat.get("zero_optimization.allgather_bucket_size")).toBe("1000000000.0");
    expect(flat.get("zero_optimization.offload_optimizer.pin_memory")).toBe("True");
  });

  it("marks offload_param added below stage 3 as no runtime effect (DeepSpeed ignores it)", () => {
    const changes = diffPresetVersions(before, after);
    expect(changes.map((c) => [c.kind, c.path, c.effect])).toEqual([
      ["added", "zero_optimization.offload_param.device", "none"],
      ["added", "zero_optimization.offload_param.pin_memory", "none"],
    ]);
  });

  it("marks offload_param as a runtime change once the stage is 3", () => {
    const changes = diffPresetVersions(
      before.replace("stage: 2", "stage: 3"),
      after.replace("stage: 2", "stage: 3"),
    );
    expect(changes.every((c) => c.effect === "runtime")).toBe(true);
  });

  it("marks a changed value as runtime, and int vs float as no change only when Python equal text", () => {
    const changes = diffPresetVersions(before, before.replace("stage: 2", "stage: 3"));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "changed", before: "2", after: "3", effect: "runtime" });
  });

  it("uses DeepSpeed defaults: adding the default value is no change; 'auto' means the default", () => {
    const defaults = (path: string) =>
      path === "zero_optimization.reduce_bucket_size" ? { value: "500000000" } : undefined;
    const a = "p:\n  zero_optimization:\n    reduce_bucket_size: auto\n";
    const b = "p:\n  zero_optimization:\n    reduce_bucket_size: 500000000\n";
    expect(diffPresetVersions(a, b, defaults)[0]).toMatchObject({ effect: "none" });
  });

  it("flags keys whose default changed between DeepSpeed releases", () => {
    const defaults = (path: string) =>
      path === "gradient_clipping" ? { value: "1.0", changedIn: "0.19.3" } : undefined;
    const a = "p:\n  bf16:\n    enabled: true\n";
    const b = "p:\n  bf16:\n    enabled: true\n  gradient_clipping: 1.0\n";
    expect(diffPresetVersions(a, b, defaults)[0]).toMatchObject({ effect: "depends-on-deepspeed" });
    expect(diffPresetVersions(a, b.replace("1.0", "0.5"), defaults)[0]).toMatchObject({ effect: "runtime" });
  });
});

describe("changelog sections", () => {
  const changelog =
    "# @roll/ds-presets\n\n## 2.0.0\n\n### Major Changes\n\n- x\n\n## 1.1.0\n\n- y\n\n## 1.0.0\n\n- z\n";
  it("returns the sections after --from up to --to", () => {
    const s = changelogBetween(changelog, "1.0.0", "2.0.0");
    expect(s.map((x) => x.split("\n")[0])).toEqual(["## 2.0.0", "## 1.1.0"]);
  });
  it("compares versions numerically", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
  });
});
