import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../src/model.js";
import { toPythonJson } from "../src/output/json.js";
import { toYaml } from "../src/output/yaml.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollResolvedCases } from "./helpers/roll-files.js";

// toYaml must write YAML that the OmegaConf loader reads back to the same tree: same keys in the same
// order, same Python types. "Same tree" is compared through toPythonJson, which prints types distinctly.
const rollPaths = new Map(rollResolvedCases().map((c) => [`${c.name}.resolved.json`, c.resolved]));
const same = (a: Node, b: Node) =>
  expect(toPythonJson(b, { nonFinite: "tagged" })).toBe(toPythonJson(a, { nonFinite: "tagged" }));
const roundTrip = (node: Node) => loadYaml(toYaml(node), "/out.yaml");

describe("toYaml output reads back to the same tree", () => {
  it.each([...rollPaths.keys()])("%s", (name) => {
    const tree = loadYaml(readFileSync(rollPaths.get(name)!, "utf8"), name);
    same(tree, roundTrip(tree));
  });

  // Strings that would re-type (yaml-scalars.md / §4) and strings YAML syntax would break.
  const tricky = [
    "yes",
    "No",
    "on",
    "1e-5",
    "123",
    "0x1F",
    "1:30",
    "null",
    "~",
    "",
    ".inf",
    "1.0",
    "<<",
    "=",
    "- x",
    "-",
    "?",
    ":x",
    "a: b",
    "a #b",
    "#c",
    "[x]",
    "{y}",
    "*z",
    "&w",
    "!t",
    "|",
    ">",
    "'q'",
    '"d"',
    "%p",
    "@a",
    "`b",
    " lead",
    "trail ",
    "multi\nline",
    "tab\there",
    "nul\u0000",
    "esc\u001b",
    "\u0085nel",
    "\u2028",
    "bom\uFEFF",
    "é 中 😀",
    "---",
    "...",
    "--- x",
    "k".repeat(1500),
    "${interp}",
    "C:\\path",
    'back\\slash"quote',
  ];
  it.each(tricky.map((s) => [JSON.stringify(s).slice(0, 40), s]))("string %s stays a string", (_, s) => {
    const d = dictNode();
    setEntry(d, "v", scalarNode(s));
    setEntry(d, s, scalarNode(1n)); // and as a key
    same(d, roundTrip(d));
  });

  it.each<[string, Scalar]>([
    ["float 1.0", 1],
    ["float 1e9", 1e9],
    ["float 1e-5", 1e-5],
    ["float 1e16", 1e16],
    ["float -0.0", -0],
    ["float inf", Number.POSITIVE_INFINITY],
    ["float -inf", Number.NEGATIVE_INFINITY],
    ["float nan", Number.NaN],
    ["int 0", 0n],
    ["int -7", -7n],
    ["big int", 123456789012345678901234567890n],
    ["true", true],
    ["false", false],
    ["None", null],
  ])("%s keeps its type", (_, value) => {
    const node = listNode([scalarNode(value)]);
    same(node, roundTrip(node));
  });

  it("keeps ??? unquoted (OmegaConf's missing marker)", () => {
    const d = dictNode();
    setEntry(d, "m", scalarNode("???"));
    expect(toYaml(d)).toBe("m: ???\n");
  });

  it("writes floats that OmegaConf reads as floats", () => {
    const d = dictNode();
    for (const [k, v] of [
      ["a", 1e9],
      ["b", 1e-5],
      ["c", 1],
    ] as [string, number][])
      setEntry(d, k, scalarNode(v));
    expect(toYaml(d)).toBe("a: 1000000000.0\nb: 1e-05\nc: 1.0\n");
  });

  it("writes nested blocks, compact list items and empty containers", () => {
    const tree = loadYaml(
      "a:\n  b: [1, [2, 3], {c: d, e: []}, {}]\n  f: {1: x, 2.5: y, true: z}\n",
      "/t.yaml",
    );
    const text = toYaml(tree);
    expect(text).toBe(
      "a:\n  b:\n    - 1\n    - - 2\n      - 3\n    - c: d\n      e: []\n    - {}\n  f:\n    1: z\n    2.5: y\n",
    );
    same(tree, roundTrip(tree));
  });

  it("writes top-level lists and scalars", () => {
    expect(toYaml(listNode([scalarNode("x")]))).toBe("- x\n");
    expect(toYaml(scalarNode("yes"))).toBe('"yes"\n');
    expect(toYaml(dictNode())).toBe("{}\n");
  });

  it("writes !!binary values back as bytes", () => {
    const tree = loadYaml("a: !!binary aGVsbG8=\n", "/t.yaml");
    expect(toYaml(tree)).toBe("a: !!binary aGVsbG8=\n");
    same(tree, roundTrip(tree));
  });

  it("handles 5,000-deep nesting", () => {
    let node: Node = scalarNode(1n);
    for (let i = 0; i < 5000; i++) {
      const d = dictNode();
      setEntry(d, "a", node);
      node = d;
    }
    same(node, roundTrip(node));
  });
});
