// Real ROLL configs: Hydra's composed (unresolved) YAML of each example, resolved by us, must equal the
// reference OmegaConf.to_container(resolve=True) JSON byte for byte (fixtures copied from the shared
// conformance data). Also a speed check: resolution is part of every CLI call.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Node } from "../src/model.js";
import { resolveTree } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYaml } from "../src/yaml/load.js";

const DIR = fileURLToPath(new URL("./fixtures/omegaconf/roll/", import.meta.url));
// The reference run fixed these (see the conformance README).
const OPTIONS = { env: { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" }, now: new Date(2025, 0, 2, 3, 4, 5) };

const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".composed.yaml"))
  .map((f) => f.replace(/\.composed\.yaml$/, ""))
  .sort();

function load(name: string): Node {
  const file = join(DIR, `${name}.composed.yaml`);
  return loadYaml(readFileSync(file, "utf8"), file);
}

describe("resolving composed ROLL configs", () => {
  it("has the fixtures", () => {
    expect(names.length).toBe(16);
  });

  for (const name of names) {
    it(name, () => {
      const expected = readFileSync(join(DIR, `${name}.resolved.json`), "utf8").replace(/\n$/, "");
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
