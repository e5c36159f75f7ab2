// roll-config explain <primary.yaml> <dotted.key> [--format text|json] [--version-base 1.1|1.3] [--now ISO]
//   [overrides…]
import { resolve } from "@roll/config-resolver";
import { explain, formatExplanation } from "@roll/config-validator";
import { oneOf, parseCommandArgs, requirePositionals } from "../args.js";
import type { Io } from "../command.js";
import { inputFile } from "../input-file.js";
import { InputError } from "../report.js";
import { COMPOSE_FLAGS, COMPOSE_FLAGS_USAGE, composeOptions, printWarnings } from "../resolve-options.js";

const USAGE = `Usage: roll-config explain <primary.yaml> <dotted.key> [options] [overrides…]

Print the final value at <dotted.key> (e.g. actor_train.strategy_args.strategy_config.zero_optimization.stage)
and the chain of files and lines that set, overrode or interpolated it.

Options:
  --format text|json       output format (default text)
${COMPOSE_FLAGS_USAGE}
  -h, --help               show this help`;

const FLAGS = { ...COMPOSE_FLAGS, format: { type: "string" } } as const;

export async function explainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [primary, key] = requirePositionals(positionals, ["<primary.yaml>", "<dotted.key>"], USAGE) as [
    string,
    string,
  ];
  const format = oneOf("format", values.format, ["text", "json"] as const, USAGE) ?? "text";
  const options = composeOptions(values, positionals.slice(2), io, USAGE);
  const result = resolve(inputFile(io, primary), options);
  printWarnings(io, result.warnings);
  const explanation = explain(result, key);
  if (!explanation.found) throw new InputError(`${primary}: '${key}' is not in the resolved config`);
  io.stdout(
    format === "json"
      ? `${JSON.stringify(explanation, (_k, v) => (typeof v === "bigint" ? Number(v) : v), 2)}\n`
      : formatExplanation(explanation, { cwd: io.cwd }),
  );
  return 0;
}
