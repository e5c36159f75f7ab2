// roll-config presets show <name> [--format yaml|json|deepspeed] [--fill-auto --micro-batch N …] [-o FILE]
import { AutoFillError, CONSUMER_NAMES, type ConsumerName, fillAuto } from "@roll/deepspeed";
import { presetToDeepSpeedJson, toPythonJson } from "@roll/ds-presets";
import { userYaml } from "@roll/preset-sync";
import { defineCommand, noExtraPositionals, oneOf, requirePositionals } from "../args.js";
import { UsageError } from "../command.js";
import { FILL_AUTO_FLAGS, fillAutoParams, hasFillAutoValues } from "../fill-auto-flags.js";
import { writeOutput } from "../output.js";
import { findPreset } from "../presets-catalog.js";
import { InputError } from "../report.js";

const FLAGS = {
  format: {
    type: "string",
    choices: ["yaml", "json", "deepspeed"],
    help: "output format (default yaml)",
  },
  "fill-auto": {
    type: "boolean",
    help: 'fill "auto" offline by the HF Trainer/accelerate rules (needs --format deepspeed)\nfrom the flags below',
  },
  consumer: {
    type: "string",
    choices: CONSUMER_NAMES,
    help: 'with --fill-auto: fill only what this consumer fills (hf-trainer, accelerate, roll-0.2;\ndeepspeed fills nothing); an "auto" it leaves is dropped where DeepSpeed drops it,\nand an error where DeepSpeed or the consumer would fail (default: every HF rule)',
  },
  ...FILL_AUTO_FLAGS,
  output: { type: "string", short: "o", value: "FILE", help: "write to FILE atomically instead of stdout" },
} as const;

export default defineCommand({
  name: "presets show",
  synopsis: "<name> [options]",
  description: `Print a preset: the Hydra-ready YAML file ROLL includes (yaml), the same as JSON (json), or a plain
DeepSpeed ds_config.json for HF Trainer / accelerate / deepspeed (deepspeed).`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [name] = requirePositionals(positionals, ["<name>"], usage) as [string];
    noExtraPositionals(positionals, 1, usage);
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "yaml";
    const fillFlag = hasFillAutoValues(values);
    if (values["fill-auto"] && format !== "deepspeed")
      throw new UsageError("--fill-auto needs --format deepspeed", usage);
    if (fillFlag && !values["fill-auto"]) throw new UsageError(`--${fillFlag} needs --fill-auto`, usage);
    const consumer = oneOf("consumer", values.consumer, FLAGS.consumer.choices, usage);
    if (consumer && !values["fill-auto"]) throw new UsageError("--consumer needs --fill-auto", usage);
    const params = fillAutoParams(values, usage);
    const preset = findPreset(name, usage);

    let text: string;
    if (format === "yaml") {
      text = userYaml(preset.name);
    } else if (format === "json") {
      // The same document as the YAML file: the DeepSpeed config under the preset's top-level key.
      const floatPaths = preset.floatPaths.map((p) => `${preset.name}.${p}`);
      text = `${toPythonJson({ [preset.name]: preset.config }, { floatPaths })}\n`;
    } else if (!values["fill-auto"]) {
      text = presetToDeepSpeedJson(preset);
    } else {
      text = `${toPythonJson(filled(preset.config, params, consumer), { floatPaths: preset.floatPaths })}\n`;
    }
    writeOutput(io, text, { file: values.output });
    if (preset.mandatoryPaths.length > 0) {
      // "???" is OmegaConf's mandatory marker; ROLL and DeepSpeed would pass it on as a literal string.
      io.stderr(
        `roll-config: note: ${preset.name}: replace "???" at ${preset.mandatoryPaths.join(", ")} before training\n`,
      );
    }
    return 0;
  },
});

function filled(
  config: unknown,
  params: Parameters<typeof fillAuto>[1],
  consumer: ConsumerName | undefined,
): unknown {
  try {
    return fillAuto(config, params, consumer ? { consumer } : {}).config;
  } catch (error) {
    if (error instanceof AutoFillError) throw new InputError(`roll-config: ${error.message}`);
    throw error;
  }
}
