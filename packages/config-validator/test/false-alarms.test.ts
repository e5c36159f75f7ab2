// Findings that real ROLL configs showed to be false alarms, against ROLL's own code:
//  - on-policy distillation: BaseConfig._handle_opd_mapping (roll/configs/base_config.py, v0.2.1 and v0.3.0)
//    sets actor_infer = student_infer before RLVRConfig touches actor_infer.generating_args, and
//    examples/start_onpolicy_distill_pipeline.py forces is_pure_opd = True whatever the YAML says;
//  - num_nodes: BaseConfig.__post_init__ recomputes it from the highest GPU id of the device mappings.
import { describe, expect, it } from "vitest";
import { type RollDiagnostic, validateConfig } from "../src/index.js";
import { ruleFixture } from "./helpers/fixtures.js";

const at = (diagnostics: RollDiagnostic[], code: string) =>
  diagnostics.filter((d) => d.code === code).map((d) => [d.severity, d.path]);

/** The RLVR base as ROLL's qwen3-8B-onpolicy-distill example writes it: student_* and teacher workers. */
function opdConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { actor_train, actor_infer, ...rest } = ruleFixture("known-keys");
  return { ...rest, student_train: actor_train, student_infer: actor_infer, teacher: actor_train, ...extra };
}

describe("on-policy distillation (student_infer runs as actor_infer)", () => {
  for (const release of ["0.2", "0.3"] as const) {
    it(`ROLL ${release}: no roll/generating-args error when student_infer has them`, () => {
      const { diagnostics } = validateConfig({ config: opdConfig() }, { roll: release, pipeline: "rlvr" });
      expect(at(diagnostics, "roll/generating-args")).toEqual([]);
      expect(at(diagnostics, "roll/actor-infer-backend")).toEqual([]);
    });
  }

  it("student_infer without generating_args is the error, at student_infer", () => {
    const config = opdConfig();
    delete (config.student_infer as Record<string, unknown>).generating_args;
    const { diagnostics } = validateConfig({ config }, { roll: "0.2", pipeline: "rlvr" });
    expect(at(diagnostics, "roll/generating-args")).toEqual([["error", "student_infer.generating_args"]]);
  });

  it("is_pure_opd: true maps student_infer even when actor_infer is also written", () => {
    const base = ruleFixture("known-keys");
    const config = { ...base, is_pure_opd: true, student_infer: base.actor_infer, actor_infer: {} };
    const { diagnostics } = validateConfig({ config }, { roll: "0.2", pipeline: "rlvr" });
    expect(at(diagnostics, "roll/generating-args")).toEqual([]);
  });

  it("is_pure_opd: false written in the YAML keeps actor_infer (the RLVR launcher reads it as written)", () => {
    const { diagnostics } = validateConfig(
      { config: opdConfig({ is_pure_opd: false }) },
      { roll: "0.2", pipeline: "rlvr" },
    );
    expect(at(diagnostics, "roll/generating-args")).toEqual([["error", "actor_infer.generating_args"]]);
  });
});

describe("a num_nodes that ROLL recomputes from device_mapping", () => {
  it("is information, not a warning", () => {
    const config: Record<string, unknown> = {
      ...ruleFixture("known-keys"),
      num_nodes: 1,
      num_gpus_per_node: 8,
    };
    (config.actor_train as Record<string, unknown>).device_mapping = "list(range(0,16))";
    const { diagnostics } = validateConfig({ config }, { roll: "0.2", pipeline: "rlvr" });
    const found = diagnostics.filter((d) => d.code === "roll/device-mapping-gpus");
    expect(found.map((d) => [d.severity, d.path])).toEqual([["info", "actor_train.device_mapping"]]);
    expect(found[0]!.message).toContain(
      "ROLL recomputes num_nodes from the device mappings, so the job needs 2 nodes",
    );
    expect(diagnostics.filter((d) => d.severity === "warning" && d.path.endsWith("device_mapping"))).toEqual(
      [],
    );
  });
});
