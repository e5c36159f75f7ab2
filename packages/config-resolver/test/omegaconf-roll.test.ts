// Real ROLL configs: Hydra's composed (unresolved) YAML of each example, resolved by us, must equal the
// reference OmegaConf.to_container(resolve=True) JSON byte for byte (fixtures copied from the shared
// conformance data). Its work is counted in work-counts.test.ts; its speed is in `npm run bench`.
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
});
