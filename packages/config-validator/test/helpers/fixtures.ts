import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** A path in this package's fixtures; an absolute first part (a @roll/test-fixtures tree) replaces it. */
export const fixturePath = (...parts: string[]) => resolve(FIXTURES, ...parts);

/** YAML 1.2 core schema is enough for ROLL's files (no yes/no/on/off, no dotless exponents). */
export function readYamlFixture<T = Record<string, unknown>>(...parts: string[]): T {
  return (parse(readFileSync(fixturePath(...parts), "utf8")) ?? {}) as T;
}

export function readJsonFixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), "utf8")) as T;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** OmegaConf's merge: dicts merged key by key, lists and scalars replaced. */
export function deepMerge(
  base: Record<string, unknown>,
  overlay: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

/** A rule fixture: `rules/<base>.yaml` with `rules/<name>.yaml` merged on top. */
export function ruleFixture(name: string, base = "rlvr-base"): Record<string, unknown> {
  return deepMerge(readYamlFixture(`rules/${base}.yaml`), readYamlFixture(`rules/${name}.yaml`));
}
