// The one view of a resolved config (node-tree.ts): the nodes the rules walk, and dotted paths from the CLI
// read back against the keys the config holds, so a key containing "." stays one segment.
import { describe, expect, it } from "vitest";
import { ConfigView, segmentsOf, valueAt } from "../src/index.js";
import { at, buildTree } from "./helpers/nodes.js";

describe("segmentsOf", () => {
  const config = {
    zero_optimization: { stage: 2, "offload.param": { device: "cpu" } },
    "zero_optimization.stage": 3,
    "bogus.key": 1,
    layers: [{ "a.b": 1 }, { c: 2 }],
  };

  it("is a plain split where no key contains a dot", () => {
    expect(segmentsOf(config, "zero_optimization.stage")).toEqual(["zero_optimization", "stage"]);
    expect(segmentsOf(config, "layers.1.c")).toEqual(["layers", 1, "c"]);
    expect(segmentsOf(config, "")).toEqual([]);
  });

  it("keeps a key that contains a dot as one segment, at any depth and inside lists", () => {
    expect(segmentsOf(config, "bogus.key")).toEqual(["bogus.key"]);
    expect(segmentsOf(config, "zero_optimization.offload.param.device")).toEqual([
      "zero_optimization",
      "offload.param",
      "device",
    ]);
    expect(segmentsOf(config, "layers.0.a.b")).toEqual(["layers", 0, "a.b"]);
  });

  it("splits what the config does not hold (a missing key a finding names) after the part it does", () => {
    expect(segmentsOf(config, "zero_optimization.offload.param.nvme.path")).toEqual([
      "zero_optimization",
      "offload.param",
      "nvme",
      "path",
    ]);
    expect(segmentsOf(config, "nope.x")).toEqual(["nope", "x"]);
    expect(segmentsOf(config, "layers.7.c")).toEqual(["layers", "7", "c"]);
  });

  it("walks a 20,000-key path without recursion", () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20_000; i++) deep = { k: deep };
    const path = `${"k.".repeat(20_000)}leaf`;
    const segments = segmentsOf(deep, path);
    expect(segments).toHaveLength(20_001);
    expect(segments.at(-1)).toBe("leaf");
  });
});

const FILE = "/repo/main.yaml";
const tree = buildTree(
  { envs: { "a.b": "x", a: { b: "y" } }, items: [1, 2] },
  {
    "envs.a.b": { pos: at(FILE, 2, 8), keyPos: at(FILE, 2, 3) },
    "envs.a": { keyPos: at(FILE, 3, 3) },
    items: { keyPos: at(FILE, 5, 1) },
  },
);

describe("ConfigView", () => {
  const view = new ConfigView(tree, FILE);

  it("reads nodes and plain values by the same segments", () => {
    expect(view.valueAt(["envs", "a.b"])).toBe("x");
    expect(view.valueAt(["envs", "a", "b"])).toBe("y");
    expect(view.valueAt(["items", 1])).toBe(2);
    expect(valueAt(view.plain, ["envs", "missing"])).toBeUndefined();
    expect(view.at(["envs", "a.b"])?.node).toMatchObject({ kind: "scalar", value: "x" });
    expect(view.at(["envs", "c"])).toBeUndefined();
  });
});

// The nodes the rules walk: each knows its parent, so a finding made at one is placed from its own chain.
describe("ConfigNode", () => {
  const view = new ConfigView(tree, FILE);

  it("walks by segments from a node, reading each node's plain value", () => {
    const envs = view.top.get("envs")!;
    expect(envs.children().map((c) => c.segment)).toEqual(["a.b", "a"]);
    expect(envs.value("a.b")).toBe("x");
    expect(envs.get("a", "b")?.path).toEqual(["envs", "a", "b"]);
    expect(view.top.get("items", 1)?.plain).toBe(2);
    expect(view.top.get("items", "1")?.plain).toBe(2); // a list index as @roll/deepspeed spells it
    expect(view.top.get("envs", "c")).toBeUndefined();
  });

  it("makes a spot at the deepest node that exists, and places it without a lookup", () => {
    const spot = view.top.get("envs")!.spot("a.b");
    expect(view.place(spot, "key")).toEqual({ file: FILE, line: 2, column: 3 });
    expect(view.place(spot)).toEqual({ file: FILE, line: 2, column: 8 });
    const missing = view.top.spot("envs", "a", "nope", "deeper");
    expect(missing.missing).toEqual(["nope", "deeper"]);
    expect(view.place(missing, "key")).toEqual({ file: FILE, line: 3, column: 3 }); // its nearest parent
    expect(view.lookups).toBe(0);
  });

  it("wraps plain data in nodes without positions", () => {
    const plain = ConfigView.ofPlain({ a: [{ b: 1 }] });
    expect(plain.top.get("a", 0, "b")?.plain).toBe(1);
    expect(plain.top.get("a", 0)?.node.pos).toBeUndefined();
  });
});
