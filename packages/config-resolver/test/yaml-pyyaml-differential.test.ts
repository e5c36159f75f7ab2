import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import type { Key, Node } from "../src/model.js";
import { isBytesNode } from "../src/python/bytes.js";
import { pyFloatRepr } from "../src/python/format.js";
import { loadYaml } from "../src/yaml/load.js";

// Differential check against real PyYAML: fixtures/yaml/pyyaml/differential.json holds seeded random YAML
// (fragment soup and generated documents) and what PyYAML 6.0, set up as OmegaConf 2.2's loader, returned
// for each: the typed value, or the exception class and message (with its marks). Same canonical form here.
interface Row {
  yaml: string;
  expected: unknown;
}
const { rows } = JSON.parse(
  readFileSync(new URL("./fixtures/yaml/pyyaml/differential.json", import.meta.url), "utf8"),
) as {
  rows: Row[];
};

function canonKey(key: Key): unknown {
  if (typeof key === "string") return ["str", key];
  if (key === null) return ["null"];
  if (typeof key === "boolean") return ["bool", key];
  if (typeof key === "bigint") return ["int", key.toString()];
  return ["float", pyFloatRepr(key)];
}

function canon(node: Node): unknown {
  if (isBytesNode(node)) return ["bytes", node.value];
  if (node.kind === "scalar") return canonKey(node.value);
  if (node.kind === "list") return ["list", node.items.map(canon)];
  return ["dict", [...node.entries.values()].map((entry) => [canonKey(entry.key), canon(entry.node)])];
}

function outcome(text: string): unknown {
  try {
    return canon(loadYaml(text, "<file>"));
  } catch (e) {
    if (e instanceof ConfigError) return ["error", e.pythonType, e.message];
    throw e;
  }
}

/** Bytes keys are valid Python but not representable in the shared Key type: the one known difference. */
const hasBytesKey = (text: string) => /!!binary [^\n]*:/.test(text) || /\? !!binary/.test(text);

describe("loader output equals PyYAML's on random inputs", () => {
  it("has the recorded cases", () => {
    expect(rows.length).toBeGreaterThan(900);
  });

  it.each(
    rows
      .filter((row) => !hasBytesKey(row.yaml))
      .map((row, i) => [i, JSON.stringify(row.yaml).slice(0, 60), row] as const),
  )("#%i %s", (_, __, row) => {
    expect(outcome(row.yaml)).toEqual(row.expected);
  });
});
