import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../src/model.js";
import { pyJsonString, toPlain, toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollResolvedCases } from "./helpers/roll-files.js";

// The resolved.json files of conformance/roll (json.dumps(indent=1, ensure_ascii=False) + "\n"). JSON is
// YAML flow syntax, so loading one and printing it again must reproduce it byte for byte: this checks
// float repr, big ints, key order, non-ASCII text and string escaping against Python's own output.
const rollPaths = new Map(rollResolvedCases().map((c) => [`${c.name}.resolved.json`, c.resolved]));
const rollFiles = [...rollPaths.keys()];

describe("toPythonJson reproduces Python's json.dumps", () => {
  it("has the 16 ROLL reference outputs", () => {
    expect(rollFiles).toHaveLength(16);
  });

  it.each(rollFiles)("%s round-trips byte for byte", (name) => {
    const text = readFileSync(rollPaths.get(name)!, "utf8");
    expect(`${toPythonJson(loadYaml(text, name), { nonFinite: "tagged" })}\n`).toBe(text);
  });

  it("prints floats with repr and ints exactly (i04b)", () => {
    const tree = loadYaml(
      "a: 1e-5\nb: 1.0e+9\nc: 0.1\nd: 100.0\ne: 1.0e-6\nf: 123456789012345678901234567890\n",
      "/t.yaml",
    );
    expect(toPythonJson(tree)).toBe(
      '{\n "a": 1e-05,\n "b": 1000000000.0,\n "c": 0.1,\n "d": 100.0,\n "e": 1e-06,\n "f": 123456789012345678901234567890\n}',
    );
  });

  it("stringifies non-string keys like json.dumps (hydra README)", () => {
    const d = dictNode();
    for (const [k, v] of [
      [7n, "a"],
      [2.5, "b"],
      [true, "c"],
      [null, "d"],
      [false, "e"],
    ] as [Scalar, Scalar][]) {
      setEntry(d, k, scalarNode(v));
    }
    expect(toPythonJson(d)).toBe(
      '{\n "7": "a",\n "2.5": "b",\n "true": "c",\n "null": "d",\n "false": "e"\n}',
    );
  });

  it("writes non-finite floats as Python does, or tagged as the conformance files do (m13)", () => {
    const list = listNode([
      scalarNode(Number.NaN),
      scalarNode(Number.POSITIVE_INFINITY),
      scalarNode(Number.NEGATIVE_INFINITY),
    ]);
    expect(toPythonJson(list)).toBe("[\n NaN,\n Infinity,\n -Infinity\n]");
    expect(toPythonJson(list, { nonFinite: "tagged" })).toBe(
      '[\n {\n  "$float": "nan"\n },\n {\n  "$float": "inf"\n },\n {\n  "$float": "-inf"\n }\n]',
    );
  });

  it("writes empty containers inline and honours indent", () => {
    const d = dictNode();
    setEntry(d, "a", dictNode());
    setEntry(d, "b", listNode());
    setEntry(d, "c", listNode([scalarNode(1n)]));
    expect(toPythonJson(d)).toBe('{\n "a": {},\n "b": [],\n "c": [\n  1\n ]\n}');
    expect(toPythonJson(d, { indent: 2 })).toBe('{\n  "a": {},\n  "b": [],\n  "c": [\n    1\n  ]\n}');
  });

  it("escapes strings like json with ensure_ascii=False", () => {
    expect(pyJsonString('q"b\\s\n\r\t\b\f\x01\x1f é 中 \u2028 \x7f')).toBe(
      '"q\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\\u001f é 中 \u2028 \x7f"',
    );
  });

  it("prints 20,000-deep nesting without recursion", () => {
    let node: Node = scalarNode(0n);
    for (let i = 0; i < 20_000; i++) node = listNode([node]);
    expect(toPythonJson(node, { indent: 0 }).length).toBeGreaterThan(40_000);
  });
});

describe("toPlain", () => {
  it("gives plain data with json.dumps keys; big ints stay bigint", () => {
    const tree = loadYaml(
      "a: 1\nb: [1.5, x, null, true]\n1: big\nc: 123456789012345678901234567890\n",
      "/t.yaml",
    );
    expect(toPlain(tree)).toEqual({
      a: 1,
      b: [1.5, "x", null, true],
      1: "big",
      c: 123456789012345678901234567890n,
    });
  });

  it("keeps a __proto__ key as data", () => {
    const plain = toPlain(loadYaml("__proto__: {polluted: true}\n", "/t.yaml")) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(plain, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("keeps the order of keys and items, and of two keys json.dumps writes alike the later value", () => {
    const tree = loadYaml("z: 1\na: {y: [3, {k: v}], b: 2}\nm: []\n1: one\n'1': two\n", "/t.yaml");
    const plain = toPlain(tree) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(["1", "z", "a", "m"]);
    expect(plain).toEqual({ 1: "two", z: 1, a: { y: [3, { k: "v" }], b: 2 }, m: [] });
    expect(Object.keys(plain.a as object)).toEqual(["y", "b"]);
    expect(toPlain(scalarNode("x"))).toBe("x");
  });

  it("converts a tree 100,000 levels deep without overflowing the stack", () => {
    let tree: Node = scalarNode(1);
    for (let i = 0; i < 100_000; i++) {
      if (i % 2 === 0) {
        tree = listNode([tree]);
      } else {
        const parent = dictNode();
        setEntry(parent, "k", tree);
        tree = parent;
      }
    }
    let plain = toPlain(tree);
    let depth = 0;
    while (typeof plain === "object" && plain !== null) {
      plain = Array.isArray(plain) ? plain[0] : (plain as { k: unknown }).k;
      depth++;
    }
    expect([depth, plain]).toEqual([100_000, 1]);
  });
});
