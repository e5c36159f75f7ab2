import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HYDRA_CASES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { dictNode, getEntry, type Node, setEntry } from "../src/model.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";

// Conformance cases y02..y14 of @roll/test-fixtures' conformance/hydra, checked at loader level. `$CASE_DIR` is
// passed as the directory so error messages compare verbatim with expected.json.
const read = (path: string) => readFileSync(join(HYDRA_CASES, path), "utf8");
const load = (id: string, path = "conf/config.yaml") => loadYaml(read(`${id}/${path}`), `$CASE_DIR/${path}`);
const expected = (id: string) => read(`${id}/expected.json`);

function loadError(id: string): ConfigError {
  try {
    load(id);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`${id} loaded without error`);
}

/** The dict without one key (for cases where Hydra resolves that key's interpolation later). */
function without(node: Node, key: string): Node {
  if (node.kind !== "dict") throw new Error("expected a mapping");
  const copy = dictNode(node.pos);
  for (const entry of node.entries.values()) if (entry.key !== key) setEntry(copy, entry.key, entry.node);
  return copy;
}

function scalarAt(node: Node, key: string): unknown {
  const entry = node.kind === "dict" ? getEntry(node, key) : undefined;
  if (entry?.node.kind !== "scalar") throw new Error(`no scalar at ${key}`);
  return entry.node.value;
}

describe("conformance y-cases at loader level", () => {
  it.each([
    "y02_bools_null",
    "y04_merge_keys_anchor",
    "y05_timestamp_is_string",
    "y06c_int_bool_key_collision",
    "y13_dollar_brace_in_key",
  ])("%s: the loaded tree prints as expected.json", (id) => {
    expect(`${toPythonJson(load(id))}\n`).toBe(expected(id));
  });

  it("y03_duplicate_key: ConstructorError with PyYAML's message and the duplicate's position", () => {
    const want = JSON.parse(expected("y03_duplicate_key"));
    const error = loadError("y03_duplicate_key");
    expect(error.pythonType).toBe(want.error);
    expect(error.message).toBe(want.message);
    expect(error.pos).toEqual({ file: "$CASE_DIR/conf/config.yaml", line: 3, column: 1 });
  });

  it("y14_unquoted_flow_in_value: ScannerError with PyYAML's message", () => {
    const want = JSON.parse(expected("y14_unquoted_flow_in_value"));
    const error = loadError("y14_unquoted_flow_in_value");
    expect(error.pythonType).toBe(want.error);
    expect(error.message).toBe(want.message);
    expect(error.pos).toEqual({ file: "$CASE_DIR/conf/config.yaml", line: 1, column: 24 });
  });

  it("y06b_null_key: the loader keeps the None key and its position; OmegaConf.create rejects it later", () => {
    const want = JSON.parse(expected("y06b_null_key"));
    expect(want.chain[1].error).toBe("KeyValidationError");
    expect(want.chain[1].message).toContain("Incompatible key type 'NoneType'");
    const tree = load("y06b_null_key");
    if (tree.kind !== "dict") throw new Error("expected a mapping");
    const entry = getEntry(tree, null);
    expect(entry?.key).toBeNull();
    expect(entry?.keyPos).toEqual({ file: "$CASE_DIR/conf/config.yaml", line: 1, column: 1 });
    expect(scalarAt(tree, "str")).toBe("e");
  });

  it("y07_empty_file: an empty file is an empty document (OmegaConf makes it {})", () => {
    const node = load("y07_empty_file", "examples/config/empty.yaml");
    expect(node).toMatchObject({ kind: "scalar", value: null });
    expect(toPythonJson(without(load("y07_empty_file", "examples/exp/main.yaml"), "defaults"))).toBe(
      expected("y07_empty_file").trimEnd(),
    );
  });

  it("y08_top_level_list: the loader returns the list; Hydra rejects it as a primary config", () => {
    expect(toPythonJson(load("y08_top_level_list"))).toBe("[\n 1,\n 2\n]");
  });

  it("y09_top_level_scalar: the loader returns the string; OmegaConf.load turns it into {hello: None}", () => {
    expect(load("y09_top_level_scalar")).toMatchObject({
      kind: "scalar",
      value: Object.keys(JSON.parse(expected("y09_top_level_scalar")))[0],
    });
  });

  it("y10_plain_omegaconf: defaults is ordinary data; the interpolation stays a string until resolution", () => {
    const tree = load("y10_plain_omegaconf");
    const want = JSON.parse(expected("y10_plain_omegaconf"));
    expect(scalarAt(tree, "a")).toBe("${b}");
    expect(toPythonJson(without(tree, "a"))).toBe(
      JSON.stringify({ defaults: want.defaults, b: want.b }, null, 1),
    );
  });

  it("y11_tabs_and_multiline: block scalars keep and fold lines like PyYAML", () => {
    const tree = load("y11_tabs_and_multiline");
    const want = JSON.parse(expected("y11_tabs_and_multiline"));
    expect(scalarAt(tree, "folded")).toBe(want.folded);
    expect(scalarAt(tree, "name")).toBe(want.name);
    // expected.json has the resolved value; before resolution the block holds the interpolation.
    expect(scalarAt(tree, "template")).toBe(want.template.replace(want.name, "${name}"));
  });
});
