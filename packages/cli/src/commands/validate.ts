// roll-config validate <primary.yaml> [--roll 0.2|0.3] [--pipeline …] [--format text|json]
//   [--deepspeed-version X] [--version-base 1.1|1.3] [--now ISO] [overrides…]
import { formatJson, formatText, validateFile } from "@roll/config-validator";
import { deepspeedVersionFlag, oneOf, parseCommandArgs, requirePositionals } from "../args.js";
import { useColor } from "../color.js";
import type { Io } from "../command.js";
import { inputFile } from "../input-file.js";
import { COMPOSE_FLAGS, COMPOSE_FLAGS_USAGE, composeOptions, printWarnings } from "../resolve-options.js";

const PIPELINES = ["rlvr", "agentic", "sft", "dpo", "distill", "reward_fl"] as const;

const USAGE = `Usage: roll-config validate <primary.yaml> [options] [overrides…]

Resolve <primary.yaml> as ROLL does, then check it against the ROLL release's dataclasses and load-time
checks and DeepSpeed's rules. Each finding names the YAML line that set the value.

Options:
  --roll 0.2|0.3           ROLL release (default: detected; a deepspeed_* strategy means 0.2)
  --pipeline NAME          ${PIPELINES.join("|")} (default: detected from its keys)
  --deepspeed-version X    DeepSpeed release for the DeepSpeed rules (default 0.16.4, as ROLL 0.2 pins)
  --format text|json       output format (default text)
${COMPOSE_FLAGS_USAGE}
  -h, --help               show this help

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error.`;

const FLAGS = {
  ...COMPOSE_FLAGS,
  roll: { type: "string" },
  pipeline: { type: "string" },
  "deepspeed-version": { type: "string" },
  format: { type: "string" },
} as const;

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [primary] = requirePositionals(positionals, ["<primary.yaml>"], USAGE) as [string];
  const roll = oneOf("roll", values.roll, ["0.2", "0.3"] as const, USAGE);
  const pipeline = oneOf("pipeline", values.pipeline, PIPELINES, USAGE);
  const format = oneOf("format", values.format, ["text", "json"] as const, USAGE) ?? "text";
  const deepspeedVersion = deepspeedVersionFlag(values["deepspeed-version"], USAGE);
  const options = composeOptions(values, positionals.slice(1), io, USAGE);

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
}
