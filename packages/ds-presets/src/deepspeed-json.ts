import { toPythonJson } from "./python-json.js";
import type { PresetDefinition } from "./types.js";

/** The preset as a plain `ds_config.json` text, floats kept as Python floats (e.g. 1000000000.0). */
export function presetToDeepSpeedJson(preset: Pick<PresetDefinition, "config" | "floatPaths">): string {
  return `${toPythonJson(preset.config, { floatPaths: preset.floatPaths })}\n`;
}
