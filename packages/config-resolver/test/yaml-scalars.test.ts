import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getEntry, type Node } from "../src/model.js";
import { pyFloatRepr } from "../src/python/format.js";
import { loadYaml } from "../src/yaml/load.js";

// Every row of reference/yaml-scalars.md's table, OmegaConf 2.2.2 column (fixture generated once from it).
interface Row {
  yaml: string;
  type: "int" | "float" | "str" | "bool" | "null";
  python: string | boolean | null;
}
const { rows } = JSON.parse(
  readFileSync(new URL("./fixtures/yaml/scalars.json", import.meta.url), "utf8"),
) as {
  rows: Row[];
};

function scalarUnderK(root: Node): unknown {
  if (root.kind !== "dict") throw new Error("expected a mapping");
  const node = getEntry(root, "k")?.node;
  if (node?.kind !== "scalar") throw new Error("expected a scalar under k");
  return node.value;
}

describe("scalar typing matches OmegaConf 2.2.2 (reference/yaml-scalars.md)", () => {
  it("has all 50 rows", () => {
    expect(rows).toHaveLength(50);
  });

  it.each(rows.map((row) => [row.yaml, row] as const))("%s", (_, row) => {
    const value = scalarUnderK(loadYaml(`${row.yaml}\n`, "/t/scalars.yaml"));
    switch (row.type) {
      case "float":
        expect(typeof value).toBe("number");
        expect(pyFloatRepr(value as number)).toBe(row.python);
        break;
      case "int":
        expect(typeof value).toBe("bigint");
        expect((value as bigint).toString()).toBe(row.python);
        break;
      case "bool":
        expect(value).toBe(row.python);
        break;
      case "null":
        expect(value).toBeNull();
        break;
      case "str":
        expect(value).toBe(row.python);
        break;
    }
  });
});

// hydra-omegaconf.md §4 lists more forms than the table; each expectation quotes that section.
describe("scalar forms from hydra-omegaconf.md §4", () => {
  it.each<[string, string, unknown]>([
    ["1E5", "float", "100000.0"],
    ["2e-5", "float", "2e-05"],
    ["6.02e23", "float", "6.02e+23"],
    ["5.", "float", "5.0"],
    [".5e+3", "float", "500.0"],
    ["1.0e+9", "float", "1000000000.0"],
    ["-.Inf", "float", "-inf"],
    ["On", "bool", true],
    ["ON", "bool", true],
    ["Off", "bool", false],
    ["FALSE", "bool", false],
    ["tRUE", "str", "tRUE"],
    ["nULL", "str", "nULL"],
    ["inf", "str", "inf"],
    ["1.2.3", "str", "1.2.3"],
    ["1e", "str", "1e"],
    ["'1e-5'", "str", "1e-5"],
  ])("%s is %s %s", (text, type, expected) => {
    const value = scalarUnderK(loadYaml(`k: ${text}\n`, "/t/s.yaml"));
    if (type === "float") expect(pyFloatRepr(value as number)).toBe(expected);
    else expect(value).toBe(expected);
  });
});
