// roll-config explain <primary.yaml> <dotted.key> [--format text|json] [--version-base 1.1|1.3] [--now ISO]
//   [overrides…]
import { resolve } from "@roll/config-resolver";
import { explain, formatExplanation } from "@roll/config-validator";
import { defineCommand, oneOf, requirePositionals } from "../args.js";
import { inputFile } from "../input-file.js";
import { InputError } from "../report.js";
import { COMPOSE_FLAGS, composeOptions, OVERRIDES_ARGUMENT, printWarnings } from "../resolve-options.js";

const FLAGS = {
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
  ...COMPOSE_FLAGS,
} as const;

export default defineCommand({
  name: "explain",
  synopsis: "<primary.yaml> <dotted.key> [options] [overrides…]",
  description: `Print the final value at <dotted.key> (e.g. actor_train.strategy_args.strategy_config.zero_optimization.stage)
and the chain of files and lines that set, overrode or interpolated it.`,
  arguments: [OVERRIDES_ARGUMENT],
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [primary, key] = requirePositionals(positionals, ["<primary.yaml>", "<dotted.key>"], usage) as [
      string,
      string,
    ];
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
    const options = composeOptions(values, positionals.slice(2), io, usage);
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
  },
});
