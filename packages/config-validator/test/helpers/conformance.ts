// The ROLL conformance cases (copied from the shared conformance/roll): each primary config with its
// expected resolved JSON (the input ROLL hands to dacite), its composed YAML and the presets it needs.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { fixturePath, readJsonFixture } from "./fixtures.js";

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
    const index = readJsonFixture(`roll/${tree}/expected/INDEX.json`) as { results: IndexEntry[] };
    return index.results.map((entry) => {
      const expected = `roll/${tree}/expected/${entry.file}`;
      const ok = entry.status === "ok";
      return {
        tree,
        file: entry.file,
        status: entry.status,
        needs: entry.needs.filter((n) => !n.includes("(missing upstream)")),
        primaryPath: fixturePath(`roll/${tree}/${entry.file}`),
        resolved: ok ? (readJsonFixture(`${expected}.resolved.json`) as Record<string, unknown>) : undefined,
        composed: ok
          ? (parse(readFileSync(fixturePath(`${expected}.composed.yaml`), "utf8")) as Record<string, unknown>)
          : undefined,
      };
    });
  });
}

/** Top-level keys of the presets a case includes. */
export function presetKeys(c: ConformanceCase): string[] {
  return c.needs.flatMap((need) => {
    const text = readFileSync(fixturePath(`roll/${c.tree}/${need.replace(/ .*$/, "")}`), "utf8");
    return Object.keys((parse(text) as Record<string, unknown> | null) ?? {});
  });
}
