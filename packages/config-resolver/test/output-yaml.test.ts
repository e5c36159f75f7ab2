import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../src/model.js";
import { toPythonJson } from "../src/output/json.js";
import { toYaml } from "../src/output/yaml.js";
import { loadYaml } from "../src/yaml/load.js";
import { pythonView, readRecordedYaml } from "./helpers/python-view.js";
import { rollResolvedCases } from "./helpers/roll-files.js";
import { TRICKY_STRINGS, TYPED_SCALARS, yamlOutputCorpus } from "./yaml-output-corpus.js";

// toYaml must write YAML that OmegaConf's loader reads to the same tree: same keys in the same order, same
// Python types. The first block checks that against OmegaConf itself (recorded); the rest also reads the
// output back with this project's loader, compared through toPythonJson, which prints types distinctly.
const rollPaths = new Map(rollResolvedCases().map((c) => [`${c.name}.resolved.json`, c.resolved]));
const same = (a: Node, b: Node) =>
  expect(toPythonJson(b, { nonFinite: "tagged" })).toBe(toPythonJson(a, { nonFinite: "tagged" }));
const roundTrip = (node: Node) => loadYaml(toYaml(node), "/out.yaml");

describe("OmegaConf 2.2 (PyYAML 6.0) reads toYaml's output as the tree it was written from", () => {
  // Recorded by scripts/config-resolver/record-yaml-output.ts: the text toYaml wrote then, and the typed
  // tree OmegaConf's loader read from it. A change to the writer fails the first check: record again.
  const recorded = readRecordedYaml(new URL("./fixtures/yaml-output/omegaconf-read.json", import.meta.url));
  const corpus = yamlOutputCorpus();

  it("records every tree of the corpus", () => {
    expect(Object.keys(recorded)).toEqual(corpus.map((c) => c.name));
  });

  it.each(corpus.map((c) => [c.name.slice(0, 60), c] as const))("%s", (_, { name, node }) => {
    const entry = recorded[name]!;
    expect(toYaml(node)).toBe(entry.yaml);
    expect(entry.python).toEqual(pythonView(node));
  });
});

describe("toYaml output reads back to the same tree", () => {
  it.each([...rollPaths.keys()])("%s", (name) => {
    const tree = loadYaml(readFileSync(rollPaths.get(name)!, "utf8"), name);
    same(tree, roundTrip(tree));
  });

  it.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s).slice(0, 40), s]))(
    "string %s stays a string",
    (_, s) => {
      const d = dictNode();
      setEntry(d, "v", scalarNode(s));
      setEntry(d, s, scalarNode(1n)); // and as a key
      same(d, roundTrip(d));
    },
  );

  it.each<[string, Scalar]>(TYPED_SCALARS)("%s keeps its type", (_, value) => {
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
