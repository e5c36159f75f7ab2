// The interpolation (i*) and merge (m*) conformance cases, run through the OmegaConf layer alone:
// load each YAML, merge presets then the primary (Hydra's `_self_`-last order), resolve, and compare with
// the real Hydra 1.3 + OmegaConf 2.2 output copied into fixtures/omegaconf (expected.json, untouched).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, type ErrorLink } from "../src/errors.js";
import { dictNode, type Node, scalarNode, setEntry } from "../src/model.js";
import { mergeNodes } from "../src/omegaconf/merge.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYamlFile } from "../src/yaml/load.js";

const CASES = fileURLToPath(new URL("./fixtures/omegaconf/cases/", import.meta.url));

/** Hydra-level wrappers (ConfigCompositionException) are the hydra layer's job, not this one's. */
function withoutHydraWrapper(chain: ErrorLink[]): ErrorLink[] {
  return chain[0]?.error === "ConfigCompositionException" ? chain.slice(1) : chain;
}

function readEnv(caseDir: string): Record<string, string> {
  const file = join(caseDir, "env");
  if (!existsSync(file)) return {};
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** A primary config minus its `defaults` key, merged over the presets it lists (all `@_here_`, `_self_` last). */
function composeSimple(caseDir: string): Node {
  const [dir, name, ...overrides] = readFileSync(join(caseDir, "cmd"), "utf8").trim().split(/\s+/);
  const primary = loadYamlFile(join(caseDir, dir!, `${name}.yaml`));
  if (primary.kind !== "dict") throw new Error("primary must be a dict");
  const root: Node = dictNode();
  const defaults = primary.entries.get("s:defaults")?.node;
  primary.entries.delete("s:defaults");
  for (const item of defaults?.kind === "list" ? defaults.items : []) {
    const path = item.kind === "scalar" ? String(item.value) : "";
    if (path === "_self_") continue;
    const preset = loadYamlFile(join(caseDir, dir!, `${path.replace("@_here_", "")}.yaml`));
    validateInterpolations(preset);
    mergeNodes(root, preset, { root });
  }
  validateInterpolations(primary);
  mergeNodes(root, primary, { root });
  // The only override in these cases is i08's `seed=42`.
  for (const o of overrides.filter((w) => !w.startsWith("--"))) {
    const [k, v] = o.split("=");
    setEntry(root as never, k!, scalarNode(BigInt(v!)));
  }
  return root;
}

const ids = readdirSync(CASES).sort();

describe("OmegaConf conformance cases (interpolation and merge)", () => {
  it("has the cases copied", () => {
    expect(ids.length).toBeGreaterThanOrEqual(30);
  });

  for (const id of ids) {
    it(id, () => {
      const caseDir = join(CASES, id);
      const expectedText = readFileSync(join(caseDir, "expected.json"), "utf8").replace(/\n$/, "");
      const throwOnMissing = readFileSync(join(caseDir, "cmd"), "utf8").includes("--throw-on-missing");
      const run = () =>
        toPythonJson(
          resolveTree(composeSimple(caseDir), {
            env: readEnv(caseDir),
            now: new Date(2025, 0, 2, 3, 4, 5),
            throwOnMissing,
          }),
          { nonFinite: "tagged" },
        );
      if (!expectedText.startsWith('{\n "error"')) {
        expect(run()).toBe(expectedText);
        return;
      }
      const expected = JSON.parse(expectedText) as { chain: ErrorLink[] };
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const chain = (error as ConfigError).chain;
      expect(chain).toEqual(withoutHydraWrapper(expected.chain));
      expect((error as ConfigError).message).toBe(chain[0]!.message);
    });
  }
});
