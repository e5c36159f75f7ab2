// Python's json.dumps formatting. Expected strings are Python outputs quoted in the reference
// (conformance README "Number format", hydra-omegaconf.md i04b) and CPython's repr rules.
import { pythonFloatRepr, toPythonJson } from "@roll/ds-presets";
import { describe, expect, it } from "vitest";

describe("pythonFloatRepr", () => {
  it.each([
    [1e-6, "1e-06"],
    [1e9, "1000000000.0"],
    [2e-5, "2e-05"],
    [0.1, "0.1"],
    [1.0, "1.0"],
    [1e-5, "1e-05"],
    [100.0, "100.0"],
    [5e8, "500000000.0"],
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [6.02e23, "6.02e+23"],
    [0.00025, "0.00025"],
    [-1.5, "-1.5"],
    [0, "0.0"],
    [-0, "-0.0"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NaN, "NaN"],
  ])("%d -> %s", (value, repr) => {
    expect(pythonFloatRepr(value)).toBe(repr);
  });
});

describe("toPythonJson", () => {
  it("writes json.dumps(indent=2) layout, with floats restored from floatPaths", () => {
    const value = { a: 1000000000, b: { c: 1, d: [], e: {} }, f: ["x", true, null], g: 0.5 };
    expect(toPythonJson(value, { floatPaths: ["a", "b.c"] })).toBe(
      '{\n  "a": 1000000000.0,\n  "b": {\n    "c": 1.0,\n    "d": [],\n    "e": {}\n  },\n  "f": [\n    "x",\n    true,\n    null\n  ],\n  "g": 0.5\n}',
    );
  });

  it("escapes strings as ensure_ascii=True does", () => {
    expect(toPythonJson({ s: 'é"\\\n\u0001~\u007f' })).toBe(
      '{\n  "s": "\\u00e9\\"\\\\\\n\\u0001~\\u007f"\n}',
    );
  });

  it("refuses integers JavaScript cannot hold exactly", () => {
    expect(() => toPythonJson({ big: 2 ** 60 })).toThrow(/exceeds 2\^53/);
  });
});
