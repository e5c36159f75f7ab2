// The presets the installed @roll/ds-presets ships: their metadata, from its JS exports.
import type { PresetDefinition } from "@roll/ds-presets";
import { presets } from "@roll/ds-presets";
import { UsageError } from "./command.js";

export function allPresets(): PresetDefinition[] {
  return Object.values(presets);
}

/** The preset called `name`; an unknown name is a usage error listing the known ones. */
export function findPreset(name: string, usage: string): PresetDefinition {
  const preset = allPresets().find((p) => p.name === name);
  if (!preset) {
    const known = allPresets()
      .map((p) => p.name)
      .join(", ");
    throw new UsageError(`unknown preset '${name}' (known: ${known})`, usage);
  }
  return preset;
}
