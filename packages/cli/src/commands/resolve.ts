// roll-config resolve <primary.yaml> [--format json|yaml] [--no-resolve] [--version-base 1.1|1.3]
//   [--now ISO] [-o FILE] [overrides…]
import { resolve, toPythonJson, toYaml } from "@roll/config-resolver";
import { defineCommand, oneOf, requirePositionals } from "../args.js";
import { inputFile } from "../input-file.js";
import { writeOutput } from "../output.js";
import { COMPOSE_FLAGS, composeOptions, OVERRIDES_ARGUMENT, printWarnings } from "../resolve-options.js";

const FLAGS = {
  format: { type: "string", choices: ["json", "yaml"], help: "output format (default yaml)" },
  "no-resolve": { type: "boolean", help: "keep interpolations (Hydra's composed config)" },
  ...COMPOSE_FLAGS,
  output: { type: "string", short: "o", value: "FILE", help: "write to FILE atomically instead of stdout" },
} as const;

export default defineCommand({
  name: "resolve",
  synopsis: "<primary.yaml> [options] [overrides…]",
  description: `Compose <primary.yaml> (its directory is the config directory) exactly as Hydra does, with \`defaults\`
and \`hydra\` removed, and print it.`,
  arguments: [OVERRIDES_ARGUMENT],
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [primary] = requirePositionals(positionals, ["<primary.yaml>"], usage) as [string];
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "yaml";
    const options = composeOptions(values, positionals.slice(1), io, usage);
    const result = resolve(inputFile(io, primary), { ...options, resolve: values["no-resolve"] !== true });
    printWarnings(io, result.warnings);
    const text =
      format === "json" ? withNewline(toPythonJson(result.config, { indent: 1 })) : toYaml(result.config);
    writeOutput(io, text, { file: values.output });
    return 0;
  },
});

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
