import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** The schema sources the generators read: ROLL field sets (schemas/) and the DeepSpeed catalogue (@roll/deepspeed). */
export const SCHEMA_SOURCES = fileURLToPath(new URL("../../../schemas/", import.meta.url));
export const DEEPSPEED_DATA = fileURLToPath(new URL("../../deepspeed/src/data/", import.meta.url));

/** A path in this package's fixtures; an absolute first part (SCHEMA_SOURCES, a @roll/test-fixtures tree) replaces it. */
export function fixturePath(...parts: string[]): string {
  return resolve(FIXTURES, ...parts);
}

export function readJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), "utf8")) as T;
}

/** YAML 1.2 core schema is enough for ROLL's files (no yes/no/on/off, no dotless exponents). */
export function readYaml<T = unknown>(...parts: string[]): T {
  return parse(readFileSync(fixturePath(...parts), "utf8")) as T;
}

export function listFiles(dir: string, suffix: string): string[] {
  const result: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith(suffix)) result.push(relative(dir, full));
    }
  };
  walk(dir);
  return result;
}
