#!/usr/bin/env node
// Records every preset's Hydra YAML at the current @roll/ds-presets version in presets/history.json, so the
// package can ship each preset's content at every released version and `roll-config presets diff` can
// compare any two versions offline. Runs at release time (`npm run version-packages`, after
// `changeset version`); recording the same version again replaces its entry.
//
// Format: { "versions": { "<version>": { "<preset>": "<sha256>" } }, "contents": { "<sha256>": "<yaml>" } }
// (contents are deduplicated: most presets don't change between versions).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function recordHistory(root) {
  const presetsDir = join(root, "presets");
  const historyFile = join(presetsDir, "history.json");
  const { version } = JSON.parse(readFileSync(join(root, "packages/ds-presets/package.json"), "utf8"));
  const history = existsSync(historyFile)
    ? JSON.parse(readFileSync(historyFile, "utf8"))
    : { versions: {}, contents: {} };
  const entry = {};
  for (const name of readdirSync(presetsDir).sort()) {
    if (!name.endsWith(".yaml") || name.endsWith(".meta.yaml")) continue;
    const text = readFileSync(join(presetsDir, name), "utf8");
    const hash = createHash("sha256").update(text, "utf8").digest("hex");
    history.contents[hash] = text;
    entry[name.slice(0, -".yaml".length)] = hash;
  }
  history.versions[version] = entry;
  // Drop contents no version refers to any more (a re-recorded version).
  const used = new Set(Object.values(history.versions).flatMap((v) => Object.values(v)));
  for (const hash of Object.keys(history.contents)) if (!used.has(hash)) delete history.contents[hash];
  writeFileSync(historyFile, `${JSON.stringify(history, null, 2)}\n`);
  return { version, presets: Object.keys(entry).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const { version, presets } = recordHistory(root);
  console.log(`presets/history.json: recorded ${presets} presets at @roll/ds-presets ${version}`);
}
