import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const fixturePath = (relative: string) =>
  fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));

export function readYamlFixture(relative: string): Record<string, unknown> {
  return (parse(readFileSync(fixturePath(relative), "utf8")) ?? {}) as Record<string, unknown>;
}

export function readJsonFixture(relative: string): unknown {
  return JSON.parse(readFileSync(fixturePath(relative), "utf8"));
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
