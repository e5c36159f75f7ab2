// Expected texts are CPython 3.11's own (json.dumps and repr, run with /usr/bin/python3):
//   json.dumps({"a": [1, 2.0, {}], "é": "x\u2028\"", "n": float("nan")}, indent=N, ensure_ascii=...)
import { describe, expect, it } from "vitest";
import { dumps, floatRepr, jsonFloat, jsonString, yamlFloat } from "../src/index.js";

describe("@roll/python-format", () => {
  const value = { a: [1, 2, {}], é: 'x\u2028"', n: Number.NaN };

  it("dumps like json.dumps(indent=2), ensure_ascii=True, with float-ness from floatPaths", () => {
    expect(dumps(value, { indent: 2, floatPaths: ["a.1"] })).toBe(
      '{\n  "a": [\n    1,\n    2.0,\n    {}\n  ],\n  "\\u00e9": "x\\u2028\\"",\n  "n": NaN\n}',
    );
  });

  it("dumps like json.dumps(indent=0, ensure_ascii=False)", () => {
    expect(dumps(value, { indent: 0, ensureAscii: false, floatPaths: ["a.1"] })).toBe(
      '{\n"a": [\n1,\n2.0,\n{}\n],\n"é": "x\u2028\\"",\n"n": NaN\n}',
    );
  });

  it("writes floats as repr, json.dumps and YAML readers spell them", () => {
    expect([1e-5, 1e16, 1e22, 100, -0].map(floatRepr)).toEqual(["1e-05", "1e+16", "1e+22", "100.0", "-0.0"]);
    expect([Number.NaN, Infinity, -Infinity].map(floatRepr)).toEqual(["nan", "inf", "-inf"]);
    expect([Number.NaN, Infinity, -Infinity].map(jsonFloat)).toEqual(["NaN", "Infinity", "-Infinity"]);
    expect(yamlFloat(1e-7)).toBe("1e-07");
    expect(yamlFloat(1e-7, { reader: "pyyaml" })).toBe("1.0e-07");
    expect(yamlFloat(Number.NaN)).toBe(".nan");
  });

  it("escapes a str as json.dumps does with and without ensure_ascii", () => {
    expect(jsonString("\u0001\u007f😀")).toBe('"\\u0001\\u007f\\ud83d\\ude00"');
    expect(jsonString("\u0001\u007f😀", { ensureAscii: false })).toBe('"\\u0001\u007f😀"');
  });
});
