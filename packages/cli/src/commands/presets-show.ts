// roll-config presets show <name> [--format yaml|json|deepspeed] [--fill-auto --micro-batch N …] [-o FILE]
import { AutoFillError, fillAuto } from "@roll/deepspeed";
import { presetToDeepSpeedJson, toPythonJson } from "@roll/ds-presets";
import { noExtraPositionals, oneOf, parseCommandArgs, requirePositionals } from "../args.js";
import type { Io } from "../command.js";
import { UsageError } from "../command.js";
import { FILL_AUTO_FLAGS, FILL_AUTO_USAGE, fillAutoParams, hasFillAutoValues } from "../fill-auto-flags.js";
import { writeOutput } from "../output.js";
import { findPreset, presetYaml } from "../presets-catalog.js";
import { InputError } from "../report.js";

const USAGE = `Usage: roll-config presets show <name> [options]

Print a preset: the Hydra-ready YAML file ROLL includes (yaml), the same as JSON (json), or a plain
DeepSpeed ds_config.json for HF Trainer / accelerate / deepspeed (deepspeed).

Options:
  --format yaml|json|deepspeed     output format (default yaml)
${FILL_AUTO_USAGE}
  -o, --output FILE                write to FILE atomically instead of stdout
  -h, --help                       show this help`;

const FLAGS = {
  format: { type: "string" },
  "fill-auto": { type: "boolean" },
  output: { type: "string", short: "o" },
  ...FILL_AUTO_FLAGS,
} as const;

export async function presetsShowCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [name] = requirePositionals(positionals, ["<name>"], USAGE) as [string];
  noExtraPositionals(positionals, 1, USAGE);
  const format = oneOf("format", values.format, ["yaml", "json", "deepspeed"] as const, USAGE) ?? "yaml";
  const fillFlag = hasFillAutoValues(values);
  if (values["fill-auto"] && format !== "deepspeed")
    throw new UsageError("--fill-auto needs --format deepspeed", USAGE);
  if (fillFlag && !values["fill-auto"]) throw new UsageError(`--${fillFlag} needs --fill-auto`, USAGE);
  const params = fillAutoParams(values, USAGE);
  const preset = findPreset(name, USAGE);

  let text: string;
  if (format === "yaml") {
    text = presetYaml(preset.name);
  } else if (format === "json") {
    // The same document as the YAML file: the DeepSpeed config under the preset's top-level key.
    const floatPaths = preset.floatPaths.map((p) => `${preset.name}.${p}`);
    text = `${toPythonJson({ [preset.name]: preset.config }, { floatPaths })}\n`;
  } else if (!values["fill-auto"]) {
    text = presetToDeepSpeedJson(preset);
  } else {
    text = `${toPythonJson(filled(preset.config, params), { floatPaths: preset.floatPaths })}\n`;
  }
  writeOutput(io, text, { file: values.output });
  if (preset.mandatoryPaths.length > 0) {
    // "???" is OmegaConf's mandatory marker; ROLL and DeepSpeed would pass it on as a literal string.
    io.stderr(
      `roll-config: note: ${preset.name}: replace "???" at ${preset.mandatoryPaths.join(", ")} before training\n`,
    );
  }
  return 0;
}

function filled(config: unknown, params: Parameters<typeof fillAuto>[1]): unknown {
  try {
    return fillAuto(config, params).config;
  } catch (error) {
    if (error instanceof AutoFillError) throw new InputError(`roll-config: ${error.message}`);
    throw error;
  }
}
