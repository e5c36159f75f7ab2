// Paths into the shared fixture trees. Tests of every package read these one copies instead of keeping their own.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root; every tree below is a folder of it. */
export const FIXTURES_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Recorded Hydra 1.3 + OmegaConf 2.2 cases, one folder each (`<id>/conf`, `cmd`, `expected.json`). */
export const HYDRA_CASES = join(FIXTURES_ROOT, "conformance", "hydra");

/** ROLL example trees with Hydra's composed and resolved output (`v0.2/`, `v0.3/`; see its README.md). */
export const ROLL_TREES = join(FIXTURES_ROOT, "conformance", "roll");

/** ROLL's five DeepSpeed presets, byte for byte (alibaba/ROLL@e98e9f89 examples/config/). */
export const ROLL_PRESETS_DIR = join(ROLL_TREES, "v0.2", "examples", "config");

/** What tells ROLL releases apart in a checkout: setup.py's version and roll/distributed/strategy/ per tag. */
export const ROLL_RELEASE_SHAPES = join(FIXTURES_ROOT, "reference", "roll-releases.json");

/** A path inside the fixtures package: `fixture("conformance", "hydra", "d01_roll_here")`. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES_ROOT, ...parts);
}

/** Every file under `dir`, relative to it with `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split("\\").join("/"));
    }
  };
  walk(dir);
  return out;
}
