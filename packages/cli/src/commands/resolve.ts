// roll-config resolve <primary.yaml> [--format json|yaml] [--no-resolve] [--version-base 1.1|1.3]
//   [--now ISO] [-o FILE] [overrides…]
import { type NonFiniteFloat, nonFiniteFloats, resolve, toPythonJson, toYaml } from "@roll/config-resolver";
import { oneOf, parseCommandArgs, requirePositionals } from "../args.js";
import type { Io } from "../command.js";
import { inputFile } from "../input-file.js";
import { writeOutput } from "../output.js";
import { COMPOSE_FLAGS, COMPOSE_FLAGS_USAGE, composeOptions, printWarnings } from "../resolve-options.js";

const USAGE = `Usage: roll-config resolve <primary.yaml> [options] [overrides…]

Compose <primary.yaml> (its directory is the config directory) exactly as Hydra does, with \`defaults\`
and \`hydra\` removed, and print it.

Options:
  --format json|yaml       output format (default yaml)
  --no-resolve             keep interpolations (Hydra's composed config)
${COMPOSE_FLAGS_USAGE}
  -o, --output FILE        write to FILE atomically instead of stdout
  -h, --help               show this help`;

const FLAGS = {
  ...COMPOSE_FLAGS,
  format: { type: "string" },
  "no-resolve": { type: "boolean" },
  output: { type: "string", short: "o" },
} as const;

export async function resolveCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [primary] = requirePositionals(positionals, ["<primary.yaml>"], USAGE) as [string];
  const format = oneOf("format", values.format, ["json", "yaml"] as const, USAGE) ?? "yaml";
  const options = composeOptions(values, positionals.slice(1), io, USAGE);
  const result = resolve(inputFile(io, primary), { ...options, resolve: values["no-resolve"] !== true });
  printWarnings(io, result.warnings);
  let text: string;
  if (format === "json") {
    // Strict JSON for JSON.parse and jq: NaN / inf become {"$float": …} (README "JSON output"), with a warning.
    printWarnings(io, nonFiniteFloats(result.config).map(nonFiniteWarning));
    text = withNewline(toPythonJson(result.config, { indent: 1, nonFinite: "tagged" }));
  } else {
    text = toYaml(result.config);
  }
  writeOutput(io, text, { file: values.output });
  return 0;
}

function nonFiniteWarning(f: NonFiniteFloat): string {
  const where = f.pos ? `${f.pos.file}:${f.pos.line}:${f.pos.column}: ` : "";
  return `${where}warning: ${f.path} is ${f.value}, which JSON cannot hold: written as {"$float": "${f.value}"}`;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
