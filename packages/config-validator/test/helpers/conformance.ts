// The ROLL conformance cases (@roll/test-fixtures' conformance/roll): each primary config with its
// expected resolved JSON (the input ROLL hands to dacite), its composed YAML and the presets it needs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { parse } from "yaml";

const rollPath = (relative: string) => join(ROLL_TREES, relative);
const readJson = (relative: string): unknown => JSON.parse(readFileSync(rollPath(relative), "utf8"));

export interface ConformanceCase {
  tree: "v0.2" | "v0.3";
  file: string;
  status: "ok" | "compose_error";
  needs: string[];
  primaryPath: string;
  resolved?: Record<string, unknown>;
  composed?: Record<string, unknown>;
}

interface IndexEntry {
  file: string;
  status: "ok" | "compose_error";
  needs: string[];
}

export function conformanceCases(): ConformanceCase[] {
  return (["v0.2", "v0.3"] as const).flatMap((tree) => {
    const index = readJson(`${tree}/expected/INDEX.json`) as { results: IndexEntry[] };
    return index.results.map((entry) => {
      const expected = `${tree}/expected/${entry.file}`;
      const ok = entry.status === "ok";
      return {
        tree,
        file: entry.file,
        status: entry.status,
        needs: entry.needs.filter((n) => !n.includes("(missing upstream)")),
        primaryPath: rollPath(`${tree}/${entry.file}`),
        resolved: ok ? (readJson(`${expected}.resolved.json`) as Record<string, unknown>) : undefined,
        composed: ok
          ? (parse(readFileSync(rollPath(`${expected}.composed.yaml`), "utf8")) as Record<string, unknown>)
          : undefined,
      };
    });
  });
}

/** Top-level keys of the presets a case includes. */
export function presetKeys(c: ConformanceCase): string[] {
  return c.needs.flatMap((need) => {
    const text = readFileSync(rollPath(`${c.tree}/${need.replace(/ .*$/, "")}`), "utf8");
    return Object.keys((parse(text) as Record<string, unknown> | null) ?? {});
  });
}
