// Preset content per released @roll/ds-presets version (presets/history.json, shipped in the package),
// plus the installed version's own files, which count as one more version before it is released.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { compareVersions } from "./preset-diff.js";
import { shippedPackage, shippedPresets } from "./shipped.js";

export interface PresetHistory {
  versions: Record<string, Record<string, string>>;
  contents: Record<string, string>;
}

const require = createRequire(import.meta.url);

export function readShippedHistory(): PresetHistory {
  let file: string | undefined;
  try {
    file = require.resolve("@roll/ds-presets/history.json");
  } catch {
    file = undefined;
  }
  if (!file || !existsSync(file)) return { versions: {}, contents: {} };
  return JSON.parse(readFileSync(file, "utf8")) as PresetHistory;
}

/** YAML of `preset` at `version`, or undefined when that version never shipped it. */
export function presetAt(history: PresetHistory, preset: string, version: string): string | undefined {
  const hash = history.versions[version]?.[preset];
  return hash === undefined ? undefined : history.contents[hash];
}

/** The released versions whose `preset` is exactly `yaml`, oldest first. */
export function releasesWith(history: PresetHistory, preset: string, yaml: string): string[] {
  return Object.keys(history.versions)
    .filter((version) => presetAt(history, preset, version) === yaml)
    .sort(compareVersions);
}

/** The shipped history with the installed package's files added as its own version. */
export async function historyWithInstalled(): Promise<{ history: PresetHistory; installed: string }> {
  const history = readShippedHistory();
  const { version } = shippedPackage();
  const merged: PresetHistory = { versions: { ...history.versions }, contents: { ...history.contents } };
  const entry: Record<string, string> = {};
  for (const preset of await shippedPresets()) {
    const key = `installed:${preset.name}`;
    merged.contents[key] = preset.yaml;
    entry[preset.name] = key;
  }
  merged.versions[version] = entry;
  return { history: merged, installed: version };
}
