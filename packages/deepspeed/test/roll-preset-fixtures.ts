import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_PRESETS_DIR } from "@roll/test-fixtures";
import { parse } from "yaml";

export const ROLL_PRESET_NAMES = [
  "deepspeed_zero",
  "deepspeed_zero2",
  "deepspeed_zero2_cpuoffload",
  "deepspeed_zero3",
  "deepspeed_zero3_cpuoffload",
] as const;

/** ROLL's file, byte for byte (@roll/test-fixtures; sha256 checked in roll-presets.test.ts). */
export const rollPresetFile = (name: string) => join(ROLL_PRESETS_DIR, `${name}.yaml`);

/** Each file wraps the DeepSpeed config under one key named after the file (config-format.md §a). */
export function loadRollPreset(name: string): Record<string, unknown> {
  const document = parse(readFileSync(rollPresetFile(name), "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  const config = document[name];
  if (!config) throw new Error(`${name}.yaml has no top-level key ${name}`);
  return config;
}
