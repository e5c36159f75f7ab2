// Differential tests against the real Hydra 1.3.2 + OmegaConf 2.2: every case of fixtures/hydra-parity/<feature>/
// cases.json was run through Hydra by scripts/oracle/record.py, which wrote expected.json. Each must come out
// the same here: the config as Python's json.dumps text (values, key order, int vs float), Hydra's warnings, or
// the same exception chain (classes and messages, outermost first).
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { compose } from "../src/hydra/compose.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";
import { toPythonJson } from "../src/output/json.js";

const ROOT = realpathSync(new URL("./fixtures/hydra-parity/", import.meta.url));

interface Case {
  id: string;
  rule?: string;
  dir?: string;
  name: string;
  overrides?: (string | [string, number][])[];
  resolve?: boolean;
  version_base?: string;
  cwd?: string;
  config_dir?: string;
}

type Expected =
  | { json: string; warnings: string[] }
  | { error: string; message: string; chain: { error: string; message: string }[] };

/** Behaviours we refuse on purpose (case id -> why); each must fail with a clear NotImplementedError. */
const REFUSED: Record<string, Record<string, string>> = {
  overrides: { "536": "shuffle() of a list is random in Hydra: no fixed expectation exists" },
  searchpath: { "018": "pkg:// entries name Python packages, which cannot be imported here" },
};

function expand(o: string | [string, number][], root: string): string {
  return (typeof o === "string" ? o : o.map(([text, n]) => text.repeat(n)).join("")).replaceAll(
    "$ROOT",
    root,
  );
}

/** Recorded behaviours not reproduced yet (case id -> why); each must still differ, so a fix forces removal. */
const KNOWN_GAPS: Record<string, Record<string, string>> = {
  "hydra-node": {
    "038": "hydra.job.env_copy reads the environment at compose time",
    "106": "hydra.job.env_copy reads the environment at compose time",
    "074": "${hydra:...} as under @hydra.main (HydraConfig set) is not built yet",
    "075": "${hydra:...} as under @hydra.main (HydraConfig set) is not built yet",
    "076": "${hydra:...} as under @hydra.main (HydraConfig set) is not built yet",
  },
};

type Outcome = { json: string; warnings: string[] } | { error: ConfigError };

function run(featureDir: string, c: Case): Outcome {
  try {
    const cwd = join(featureDir, c.cwd ?? ".");
    const composed = compose(join(featureDir, c.dir ?? "configs"), c.name, {
      overrides: (c.overrides ?? []).map((o) => expand(o, featureDir)),
      versionBase: c.version_base === "none" ? "1.3" : "1.1",
      projectRoot: false,
      cwd,
      ...(c.config_dir !== undefined ? { configDir: c.config_dir } : {}),
    });
    let config = composed.config;
    if (c.resolve === false) validateInterpolations(config);
    else config = resolveTree(config, { env: {} });
    return { json: toPythonJson(config, { nonFinite: "tagged" }), warnings: composed.warnings };
  } catch (e) {
    if (e instanceof ConfigError) return { error: e };
    throw e;
  }
}

/**
 * The chain compared: Python records implicit contexts too (the StopIteration inside inspect.bind, the
 * IndexError inside ConfigIndexError), so ours must equal the recorded chain's first links, at least the
 * first two (the exception the user sees and its cause). Where Python ran out of stack, only the first link
 * counts, and our message may go on to say what was too deep.
 */
function comparableChain(e: ConfigError, want: Link[]): { got: Link[]; want: Link[] } {
  const prefix = "maximum recursion depth exceeded";
  if (want[0]?.error === "RecursionError") {
    const first = e.chain[0];
    const message = first?.message.startsWith(`${prefix}: `) ? prefix : first?.message;
    return { got: [{ error: first?.error ?? "", message: message ?? "" }], want: want.slice(0, 1) };
  }
  return { got: e.chain, want: want.slice(0, Math.max(e.chain.length, Math.min(2, want.length))) };
}

type Link = { error: string; message: string };

function matches(got: Outcome, want: Expected): boolean {
  if ("json" in want)
    return !("error" in got) && got.json === want.json && isDeepStrictEqual(got.warnings, want.warnings);
  if (!("error" in got)) return false;
  const { got: chain, want: wanted } = comparableChain(got.error, want.chain);
  return isDeepStrictEqual(chain, wanted);
}

const features = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

for (const feature of features) {
  const dir = join(ROOT, feature);
  const cases = (JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as { cases: Case[] }).cases;
  const expected = JSON.parse(
    readFileSync(join(dir, "expected.json"), "utf8").replaceAll("$ROOT", dir),
  ) as Record<string, Expected>;

  describe(`Hydra parity: ${feature} (${cases.length} recorded cases)`, () => {
    it("has an expectation for every case", () => {
      expect(Object.keys(expected).sort()).toEqual(cases.map((c) => c.id).sort());
    });

    for (const c of cases) {
      const shown = (c.overrides ?? []).map((o) => (typeof o === "string" ? o : "<generated>")).join(" ");
      it(`${c.id} ${c.rule ?? ""} ${c.name} ${shown}`.slice(0, 200), () => {
        const got = run(dir, c);
        const refused = REFUSED[feature]?.[c.id];
        if (refused) {
          expect("error" in got && got.error.pythonType, refused).toBe("NotImplementedError");
          return;
        }
        const want = expected[c.id] as Expected;
        const gap = KNOWN_GAPS[feature]?.[c.id];
        if (gap) {
          expect(matches(got, want), `${c.id} passes now: remove it from KNOWN_GAPS (${gap})`).toBe(false);
          return;
        }
        if ("json" in want) {
          expect("error" in got ? `${got.error.pythonType}: ${got.error.message}` : got).toEqual({
            json: want.json,
            warnings: want.warnings,
          });
        } else {
          expect("error" in got, `expected ${want.error}: ${want.message}`).toBe(true);
          if ("error" in got) {
            const { got: chain, want: wanted } = comparableChain(got.error, want.chain);
            expect(chain).toEqual(wanted);
          }
        }
      });
    }
  });
}
