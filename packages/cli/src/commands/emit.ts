// roll-config emit <config.ts> [-o FILE] [--force]: a typed TypeScript config (defineRollConfig) to ROLL YAML.
import { loadConfigModule, renderYaml } from "@roll/config-types";
import { noExtraPositionals, parseCommandArgs, requirePositionals } from "../args.js";
import type { Io } from "../command.js";
import { inputFile } from "../input-file.js";
import { writeOutput } from "../output.js";
import { InputError } from "../report.js";

const USAGE = `Usage: roll-config emit <config.ts> [-o FILE] [--force]

Import <config.ts> (its default export, e.g. \`export default defineRollConfig("0.3", "rlvr", {...})\`) and
print it as YAML that OmegaConf reads back with the same types, ready for ROLL.

Options:
  -o, --output FILE   write to FILE atomically instead of stdout
  --force             replace FILE if it exists (without it, an existing FILE is an error)
  -h, --help          show this help`;

const FLAGS = {
  output: { type: "string", short: "o" },
  force: { type: "boolean" },
} as const;

export async function emitCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [file] = requirePositionals(positionals, ["<config.ts>"], USAGE) as [string];
  noExtraPositionals(positionals, 1, USAGE);
  const config = await loadModule(inputFile(io, file));
  writeOutput(io, renderYaml(config), { file: values.output, overwrite: values.force === true });
  return 0;
}

/** The module's own errors (syntax, no default export) are the user's input problems: one line, exit 1. */
async function loadModule(path: string): Promise<unknown> {
  try {
    return await loadConfigModule(path);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}
