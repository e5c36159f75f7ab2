// The interpolation (i*) and merge (m*) conformance cases, run through the OmegaConf layer alone:
// load each YAML, merge presets then the primary (Hydra's `_self_`-last order), resolve, and compare with
// the real Hydra 1.3 + OmegaConf 2.2 output in @roll/test-fixtures' conformance/hydra (expected.json, untouched).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HYDRA_CASES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { ConfigError, type ErrorLink } from "../src/errors.js";
import { dictNode, type Node, scalarNode, setEntry } from "../src/model.js";
import { mergeNodes } from "../src/omegaconf/merge.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";
import { loadYamlFile } from "../src/yaml/load.js";

const CASES = HYDRA_CASES;

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

// The i*/m* cases this layer can run alone; conformance.test.ts runs the rest through compose: CLI overrides
// (m10-m18), --no-resolve (i06) and interpolation inside the defaults list (i29).
const ids = [
  "i01_absolute_index",
  "i02_relative",
  "i03_nested",
  "i04_types",
  "i04b_float_to_string",
  "i05_escape",
  "i07_subtree_context",
  "i08_after_merge_and_cli",
  "i08c_preset_refers_to_primary",
  "i09_missing_key",
  "i10_cycle",
  "i11_to_missing",
  "i12_oc_env",
  "i13_oc_env_missing",
  "i15_oc_decode",
  "i18_string_of_container",
  "i19_unsupported_resolver",
  "i20_grammar_error",
  "i21_grammar_error_no_resolve",
  "i22_now_constant",
  "i23_hydra_resolver",
  "i25_negative_index",
  "i26_interp_chain_in_list",
  "i27_select_relative_missing_parent",
  "i28_interp_to_none_container_key",
  "i30_python_version",
  "i31_interp_to_parent",
  "i32_interp_to_self_string",
  "m02_list_replace",
  "m03_null_vs_dict",
  "m03b_list_over_dict",
  "m03c_dict_over_list",
  "m04_missing_no_override",
  "m05_missing_throw",
  "m07_merge_into_interp_resolvable",
  "m09_scalar_over_interp",
].sort();

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
