// Real ROLL configs: Hydra's composed (unresolved) YAML of each example, resolved by us, must equal the
// reference OmegaConf.to_container(resolve=True) JSON byte for byte (fixtures copied from the shared
// conformance data). Also a speed check: resolution is part of every CLI call.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Node } from "../src/model.js";
import { resolveTree } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollResolvedCases } from "./helpers/roll-files.js";

const CASES = new Map(rollResolvedCases().map((c) => [c.name, c]));
// The reference run fixed these (see the conformance README).
const OPTIONS = { env: { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" }, now: new Date(2025, 0, 2, 3, 4, 5) };

const names = [...CASES.keys()];

function load(name: string): Node {
  const file = CASES.get(name)!.composed;
  return loadYaml(readFileSync(file, "utf8"), file);
}

describe("resolving composed ROLL configs", () => {
  it("has the fixtures", () => {
    expect(names.length).toBe(16);
  });

  for (const name of names) {
    it(name, () => {
      const expected = readFileSync(CASES.get(name)!.resolved, "utf8").replace(/\n$/, "");
      expect(toPythonJson(resolveTree(load(name), OPTIONS), { nonFinite: "tagged" })).toBe(expected);
    });
  }

  it("resolves a ~300-key ROLL config in well under 2 ms", () => {
    const trees = names.map(load);
    for (let i = 0; i < 30; i++) for (const t of trees) resolveTree(t, OPTIONS); // warm up the JIT
    // Best of several batches: the CI machine is shared, a slow batch says little about our code.
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < 5; batch++) {
      const start = performance.now();
      for (let i = 0; i < 10; i++) for (const t of trees) resolveTree(t, OPTIONS);
      best = Math.min(best, (performance.now() - start) / (10 * trees.length));
    }
    expect(best).toBeLessThan(2);
  });
});
