// roll-config validate <primary.yaml> [--roll 0.2|0.3] [--pipeline …] [--format text|json]
//   [--deepspeed-version X] [--version-base 1.1|1.3] [--now ISO] [overrides…]
import { formatJson, formatText, validateFile } from "@roll/config-validator";
import { deepspeedVersionFlag, defineCommand, oneOf, requirePositionals } from "../args.js";
import { useColor } from "../color.js";
import { inputFile } from "../input-file.js";
import { COMPOSE_FLAGS, composeOptions, OVERRIDES_ARGUMENT, printWarnings } from "../resolve-options.js";

const FLAGS = {
  roll: {
    type: "string",
    choices: ["0.2", "0.3"],
    help: "ROLL release (default: detected; a deepspeed_* strategy means 0.2)",
  },
  pipeline: {
    type: "string",
    value: "NAME",
    choices: ["rlvr", "agentic", "sft", "dpo", "distill", "reward_fl"],
    help: "rlvr|agentic|sft|dpo|distill|reward_fl (default: detected from its keys)",
  },
  "deepspeed-version": {
    type: "string",
    value: "X",
    help: "DeepSpeed release for the DeepSpeed rules (default 0.16.4, as ROLL 0.2 pins)",
  },
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
  ...COMPOSE_FLAGS,
} as const;

export default defineCommand({
  name: "validate",
  synopsis: "<primary.yaml> [options] [overrides…]",
  description: `Resolve <primary.yaml> as ROLL does, then check it against the ROLL release's dataclasses and load-time
checks and DeepSpeed's rules. Each finding names the YAML line that set the value.`,
  arguments: [OVERRIDES_ARGUMENT],
  flags: FLAGS,
  footer: "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error.",
  async run({ values, positionals }, io, usage) {
    const [primary] = requirePositionals(positionals, ["<primary.yaml>"], usage) as [string];
    const roll = oneOf("roll", values.roll, FLAGS.roll.choices, usage);
    const pipeline = oneOf("pipeline", values.pipeline, FLAGS.pipeline.choices, usage);
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
    const deepspeedVersion = deepspeedVersionFlag(values["deepspeed-version"], usage);
    const options = composeOptions(values, positionals.slice(1), io, usage);

    const result = validateFile(inputFile(io, primary), options, {
      ...(roll ? { roll } : {}),
      ...(pipeline ? { pipeline } : {}),
      ...(deepspeedVersion ? { deepspeedVersion } : {}),
    });
    if (result.resolved) printWarnings(io, result.resolved.warnings);
    io.stdout(
      format === "json" ? formatJson(result) : formatText(result, { color: useColor(io), cwd: io.cwd }),
    );
    return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  },
});
