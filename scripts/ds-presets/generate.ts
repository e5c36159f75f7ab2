// Turns presets/ into packages/ds-presets (YAML, JSON, typed TS, exports map) and examples/config/.
// Usage: npx tsx scripts/ds-presets/generate.ts [--check] [--root <dir>]
//   --check: write nothing, exit 1 when a generated file drifts. --root: another checkout (tests).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogue } from "./deepspeed-catalogue.js";
import { loadPresets } from "./load-presets.js";
import { GENERATED_DIRS, PACKAGE_DIR, renderAll } from "./render.js";
import { PresetSourceError } from "./source-error.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The files the generator would write, keyed by path relative to the repository root. */
export function expectedFiles(root = REPO_ROOT): Map<string, string> {
  const presets = loadPresets(join(root, "presets"), loadCatalogue());
  const packageJsonText = readFileSync(join(root, PACKAGE_DIR, "package.json"), "utf8");
  const historyFile = join(root, "presets", "history.json");
  const history = existsSync(historyFile) ? readFileSync(historyFile, "utf8") : undefined;
  return renderAll(presets, packageJsonText, history);
}

/** Paths (relative to root) whose content differs from `expected`, plus stale files in generated folders. */
export function driftedFiles(expected: Map<string, string>, root = REPO_ROOT): string[] {
  const drifted: string[] = [];
  for (const [path, content] of expected) {
    const full = join(root, path);
    if (!existsSync(full) || readFileSync(full, "utf8") !== content) drifted.push(path);
  }
  for (const dir of GENERATED_DIRS) {
    for (const path of listFiles(join(root, dir))) {
      const rel = relative(root, path);
      if (!expected.has(rel)) drifted.push(rel);
    }
  }
  return drifted;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function main(argv: string[]): number {
  const rootFlag = argv.indexOf("--root");
  const root = rootFlag >= 0 && argv[rootFlag + 1] ? argv[rootFlag + 1]! : REPO_ROOT;
  const expected = expectedFiles(root);
  const drifted = driftedFiles(expected, root);
  if (argv.includes("--check")) {
    for (const path of drifted) console.error(`out of date: ${path}`);
    if (drifted.length > 0) console.error("run: npx tsx scripts/ds-presets/generate.ts");
    return drifted.length > 0 ? 1 : 0;
  }
  for (const path of drifted) {
    const full = join(root, path);
    const content = expected.get(path);
    if (content === undefined) {
      rmSync(full);
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    console.log(`${content === undefined ? "removed" : "wrote"} ${path}`);
  }
  console.log(`${expected.size} files checked, ${drifted.length} updated`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof PresetSourceError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}
