import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
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
