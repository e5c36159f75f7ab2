import { describe, expect, it } from "vitest";
import { formatJson, formatText } from "../src/format.js";
import type { RollDiagnostic } from "../src/index.js";

const diagnostics: RollDiagnostic[] = [
  {
    severity: "error",
    code: "roll/deepspeed-infer-stage",
    message: "deepspeed_infer needs ZeRO stage 3.",
    path: "reference.strategy_args.strategy_config.zero_optimization.stage",
    file: "/repo/examples/config/deepspeed_zero2.yaml",
    line: 9,
    column: 12,
  },
  { severity: "warning", code: "roll/unknown-key", message: "dropped.", path: "reward_norm" },
];

describe("formatText", () => {
  it("prints file:line:col: severity code: message, relative to cwd, without colour by default", () => {
    const text = formatText(
      { diagnostics, roll: "0.2", rollDetected: true, pipeline: "rlvr", pipelineDetected: false },
      { cwd: "/repo" },
    );
    expect(text).toBe(
      [
        "ROLL 0.2 (detected), pipeline rlvr",
        "examples/config/deepspeed_zero2.yaml:9:12: error roll/deepspeed-infer-stage: deepspeed_infer needs ZeRO stage 3. [reference.strategy_args.strategy_config.zero_optimization.stage]",
        "<reward_norm>: warning roll/unknown-key: dropped.",
        "1 error, 1 warning, 0 info",
        "",
      ].join("\n"),
    );
    expect(text).not.toContain("\x1b[");
  });
  it("colours only when asked", () => {
    expect(formatText({ diagnostics }, { color: true })).toContain("\x1b[31merror\x1b[0m");
  });
});

describe("formatJson", () => {
  it('prints {"diagnostics": [{severity, code, message, path, file, line, column}]}', () => {
    const parsed = JSON.parse(formatJson({ diagnostics }));
    expect(Object.keys(parsed)).toEqual(["diagnostics"]);
    expect(Object.keys(parsed.diagnostics[0])).toEqual([
      "severity",
      "code",
      "message",
      "path",
      "file",
      "line",
      "column",
    ]);
    expect(parsed.diagnostics[1]).toMatchObject({ file: null, line: null, column: null });
  });
});
