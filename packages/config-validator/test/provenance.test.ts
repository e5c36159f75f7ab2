import { toPlain } from "@roll/config-resolver";
// Placing diagnostics and explaining values from the resolver's provenance (pos / overrode / via), on
// hand-built trees that mirror rlvr_zero3_sp2.yaml: `strategy_config: ${deepspeed_zero3}` at line 136 of the
// primary file, `stage: 3` at line 13 of examples/config/deepspeed_zero3.yaml.
import { describe, expect, it } from "vitest";
import { explain, formatExplanation, locator, validateConfig, variablesOf } from "../src/index.js";
import { at, buildTree } from "./helpers/nodes.js";

const PRIMARY = "/repo/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml";
const PRESET = "/repo/examples/config/deepspeed_zero3.yaml";
const SC = "reference.strategy_args.strategy_config";

const resolvedTree = () =>
  buildTree(
    {
      deepspeed_zero3: { zero_optimization: { stage: 2 } },
      num_gpus_per_node: 8,
      sequence_length: 4096,
      reference: {
        strategy_args: {
          strategy_name: "deepspeed_infer",
          strategy_config: { zero_optimization: { stage: 2 } },
        },
        device_mapping: "list(range(0,8))",
      },
    },
    {
      deepspeed_zero3: { keyPos: at(PRESET, 1, 1) },
      num_gpus_per_node: {
        pos: at(PRIMARY, 36, 20),
        overrode: [at(PRESET, 30, 20)],
        keyPos: at(PRESET, 30, 1),
      },
      sequence_length: { pos: at(PRIMARY, 40, 18), keyPos: at(PRIMARY, 40, 1) },
      reference: { keyPos: at(PRIMARY, 163, 1) },
      "reference.strategy_args": { keyPos: at(PRIMARY, 172, 3) },
      "reference.strategy_args.strategy_name": { pos: at(PRIMARY, 173, 20) },
      [SC]: { keyPos: at(PRIMARY, 174, 5), via: [at(PRIMARY, 174, 22)] },
      [`${SC}.zero_optimization`]: { keyPos: at(PRESET, 12, 3) },
      [`${SC}.zero_optimization.stage`]: { pos: at(PRESET, 13, 12), keyPos: at(PRESET, 13, 5) },
      "reference.device_mapping": { pos: at(PRIMARY, 175, 19) },
    },
  );

describe("locator", () => {
  const locate = locator(resolvedTree(), PRIMARY);
  it("points a value reached through an interpolation at the preset line, naming the interpolation site", () => {
    expect(locate(`${SC}.zero_optimization.stage`.split("."))).toEqual({
      file: PRESET,
      line: 13,
      column: 12,
      via: [{ file: PRIMARY, line: 174, column: 22 }],
    });
  });
  it("points a missing key at its nearest existing parent", () => {
    expect(
      locate(`${SC}.zero_optimization.stage3_gather_16bit_weights_on_model_save`.split(".")),
    ).toMatchObject({
      file: PRESET,
      line: 12,
      column: 3,
    });
  });
  it("falls back to the top of the primary file", () => {
    expect(locate(["not_there"])).toEqual({ file: PRIMARY, line: 1, column: 1 });
  });
});

describe("validateConfig with a locator", () => {
  it("places roll/deepspeed-infer-stage at the preset's `stage:` line and mentions the interpolation", () => {
    const tree = resolvedTree();
    const result = validateConfig(
      { config: toPlain(tree), locate: locator(tree, PRIMARY) },
      { roll: "0.2", pipeline: "rlvr" },
    );
    const d = result.diagnostics.find((x) => x.code === "roll/deepspeed-infer-stage")!;
    expect([d.file, d.line, d.column]).toEqual([PRESET, 13, 12]);
    expect(d.message).toContain("reached through the interpolation at");
    expect(d.message).toContain(":174:22");
  });
});

describe("variablesOf", () => {
  it("collects interpolation targets and keys first written by a preset", () => {
    const composed = buildTree(
      {
        deepspeed_zero3: { x: 1 },
        max_actions_per_traj: 5,
        exp_name: "e",
        model_name: "${exp_name}-${now:%Y}",
      },
      {
        deepspeed_zero3: { keyPos: at(PRESET, 1, 1) },
        max_actions_per_traj: { keyPos: at(PRESET, 3, 1) },
        exp_name: { keyPos: at(PRIMARY, 2, 1) },
        model_name: { keyPos: at(PRIMARY, 3, 1) },
      },
    );
    expect([...variablesOf(composed, PRIMARY)].sort()).toEqual([
      "deepspeed_zero3",
      "exp_name",
      "max_actions_per_traj",
    ]);
  });
});

describe("explain", () => {
  it("gives the value, where it was set and the interpolation that carried it", () => {
    const explanation = explain({ config: resolvedTree() }, `${SC}.zero_optimization.stage`);
    expect(explanation).toMatchObject({ found: true, value: 2 });
    expect(explanation.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", PRESET, 13],
      ["interpolated", PRIMARY, 174],
    ]);
  });
  it("lists overrides oldest first", () => {
    const explanation = explain({ config: resolvedTree() }, "num_gpus_per_node");
    expect(explanation.steps.map((s) => [s.action, s.file, s.line])).toEqual([
      ["set", PRESET, 30],
      ["overrode", PRIMARY, 36],
    ]);
  });
  it("says when the key does not exist", () => {
    expect(explain({ config: resolvedTree() }, "actor_train.nope")).toEqual({
      key: "actor_train.nope",
      found: false,
      steps: [],
    });
    expect(formatExplanation(explain({ config: resolvedTree() }, "nope"))).toBe(
      "nope: not found in the resolved config\n",
    );
  });
  it("formats one line per step, relative to cwd", () => {
    const text = formatExplanation(explain({ config: resolvedTree() }, "num_gpus_per_node"), {
      cwd: "/repo",
    });
    expect(text).toBe(
      [
        "num_gpus_per_node = 8",
        "  set          examples/config/deepspeed_zero3.yaml:30:20",
        "  overrode     examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml:36:20",
        "",
      ].join("\n"),
    );
  });
});
