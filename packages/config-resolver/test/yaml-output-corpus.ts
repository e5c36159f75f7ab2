// The inputs of the YAML writer's tests, shared with scripts/config-resolver/record-yaml-output.ts, which
// records how OmegaConf 2.2's loader (PyYAML 6.0) reads what toYaml writes for each of them.
import { readFileSync } from "node:fs";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../src/model.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollResolvedCases } from "./helpers/roll-files.js";

/** Strings that would re-type (yaml-scalars.md / §4) and strings YAML syntax would break. */
export const TRICKY_STRINGS = [
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

/** One scalar of each Python type, with the float forms that need care. */
export const TYPED_SCALARS: [string, Scalar][] = [
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
];

/** Each ROLL config Hydra resolved (JSON) in @roll/test-fixtures, under its flat name. */
function rollTrees(): { name: string; node: Node }[] {
  return rollResolvedCases().map((c) => {
    const name = `${c.name}.resolved.json`;
    return { name: `roll ${name}`, node: loadYaml(readFileSync(c.resolved, "utf8"), name) };
  });
}

/** A string as a value and as a key, the way the tests write it. */
export function trickyTree(s: string): Node {
  const d = dictNode();
  setEntry(d, "v", scalarNode(s));
  setEntry(d, s, scalarNode(1n));
  return d;
}

export const NESTED_YAML = "a:\n  b: [1, [2, 3], {c: d, e: []}, {}]\n  f: {1: x, 2.5: y, true: z}\n";

/** Every tree whose toYaml text is recorded as OmegaConf reads it. */
export function yamlOutputCorpus(): { name: string; node: Node }[] {
  return [
    ...rollTrees(),
    ...TRICKY_STRINGS.map((s) => ({ name: `string ${JSON.stringify(s)}`, node: trickyTree(s) })),
    ...TYPED_SCALARS.map(([name, value]) => ({ name, node: listNode([scalarNode(value)]) })),
    { name: "nested", node: loadYaml(NESTED_YAML, "/t.yaml") },
    { name: "binary", node: loadYaml("a: !!binary aGVsbG8=\n", "/t.yaml") },
    { name: "top-level list", node: listNode([scalarNode("x")]) },
    { name: "top-level scalar", node: scalarNode("yes") },
    { name: "empty dict", node: dictNode() },
  ];
}
