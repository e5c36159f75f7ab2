// OmegaConf.merge rules (hydra-omegaconf.md §2.1, §2.2 and cases m02-m09, d27b).
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { dictNode, type Node } from "../src/model.js";
import { mergeNodes } from "../src/omegaconf/merge.js";
import { resolveTree } from "../src/omegaconf/resolve.js";
import { selectNode } from "../src/omegaconf/select.js";
import { toPlain } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";

const load = (text: string, file = "/cfg/a.yaml") => loadYaml(text, file);

/** Hydra's order: start from {} and merge each config into it. */
function mergeAll(...texts: string[]): Node {
  const root = dictNode();
  texts.forEach((t, i) => {
    mergeNodes(root, load(t, `/cfg/${i}.yaml`), { root });
  });
  return root;
}

const keys = (node: Node) => (node.kind === "dict" ? [...node.entries.values()].map((e) => e.key) : []);

describe("mergeNodes", () => {
  it("keeps dest key order and appends new src keys in src order (§2.1)", () => {
    const merged = mergeAll("a: 1\nb: 2", "c: 3\na: 4");
    expect(keys(merged)).toEqual(["a", "b", "c"]);
    expect(toPlain(merged)).toEqual({ a: 4, b: 2, c: 3 });
  });

  it("deep-merges dicts and replaces lists wholesale, even lists of dicts (m02)", () => {
    const merged = mergeAll("d: {x: 1, y: {z: 1}}\nl: [{a: 1, b: 1}, {a: 2}]", "d: {y: {w: 2}}\nl: [{b: 2}]");
    expect(toPlain(merged)).toEqual({ d: { x: 1, y: { z: 1, w: 2 } }, l: [{ b: 2 }] });
  });

  it("lets null, scalars, dicts and lists replace each other (m03)", () => {
    const merged = mergeAll(
      "d1: {x: 1}\nd2: null\nd3: {x: 1}\nd4: 5\nl1: [1]\nl2: 7",
      "d1: null\nd2: {x: 1}\nd3: 5\nd4: {y: 1}\nl1: 7\nl2: [1]",
    );
    expect(toPlain(merged)).toEqual({ d1: null, d2: { x: 1 }, d3: 5, d4: { y: 1 }, l1: 7, l2: [1] });
  });

  it("refuses a list over a dict and a dict over a list (m03b, m03c)", () => {
    for (const [a, b] of [
      ["d5: {z: 1}", "d5: [1]"],
      ["d5: [1]", "d5: {z: 1}"],
    ]) {
      let error: unknown;
      try {
        mergeAll(a!, b!);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).chain).toEqual([
        {
          error: "ConfigTypeError",
          message: "Cannot merge DictConfig with ListConfig\n    full_key: \n    object_type=dict",
        },
        { error: "TypeError", message: "Cannot merge DictConfig with ListConfig" },
      ]);
      expect((error as ConfigError).pos).toEqual({ file: "/cfg/1.yaml", line: 1, column: 5 });
    }
  });

  it("does not let '???' override a value, but fills an earlier '???' (m04)", () => {
    const merged = mergeAll(
      "kept: 1\nfilled: ???\nnested: {k: v}",
      "kept: ???\nfilled: 2\nstill: ???\nnested:\n  k: ???",
    );
    expect(toPlain(merged)).toEqual({ kept: 1, filled: 2, nested: { k: "v" }, still: "???" });
  });

  it("dereferences an interpolation at merge time and merges into a copy (m07)", () => {
    const merged = mergeAll("ds: {a: 1, b: 2}\nx:\n  cfg: ${ds}", "x:\n  cfg: {b: 3}");
    expect(toPlain(resolveTree(merged))).toEqual({ ds: { a: 1, b: 2 }, x: { cfg: { a: 1, b: 3 } } });
  });

  it("replaces an interpolation whose target does not exist yet (§2.2)", () => {
    const merged = mergeAll("x:\n  cfg: ${ds}", "x:\n  cfg: {b: 3}\nds: {a: 1}");
    expect(toPlain(resolveTree(merged))).toEqual({ x: { cfg: { b: 3 } }, ds: { a: 1 } });
  });

  it("lets a scalar replace an interpolation and an interpolation replace a dict (m09)", () => {
    const merged = mergeAll("ds: {a: 1}\ns: ${ds.a}\nd: {z: 1}", "s: 5\nd: ${ds}");
    expect(toPlain(resolveTree(merged))).toEqual({ ds: { a: 1 }, s: 5, d: { a: 1 } });
  });

  it("records the positions a value replaced, oldest first", () => {
    const merged = mergeAll("a: 1\nd: {x: 1}", "a: 2", "a: 3\nd: 4");
    expect(selectNode(merged, "a")?.overrode).toEqual([
      { file: "/cfg/0.yaml", line: 1, column: 4 },
      { file: "/cfg/1.yaml", line: 1, column: 4 },
    ]);
    expect(selectNode(merged, "d")?.overrode).toEqual([{ file: "/cfg/0.yaml", line: 2, column: 4 }]);
  });

  it("leaves src untouched by default", () => {
    const src = load("d: {a: 2}");
    const root = dictNode();
    mergeNodes(root, src, { root });
    mergeNodes(root, load("d: {b: 3}"), { root });
    expect(toPlain(src)).toEqual({ d: { a: 2 } });
  });

  it("aliases src containers like Hydra when asked, so a config merged twice sees later changes (d27b)", () => {
    const x = load("d: {a: 1}");
    const y = load("d: {a: 2, b: 2}");
    const root = dictNode();
    for (const cfg of [x, y, x]) mergeNodes(root, cfg, { root, aliasSrc: true });
    expect(toPlain(root)).toEqual({ d: { a: 2, b: 2 } });
  });
});
