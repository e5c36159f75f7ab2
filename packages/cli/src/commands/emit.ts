// roll-config emit <config.ts> [-o FILE] [--force]: a typed TypeScript config (defineRollConfig) to ROLL YAML.
import { loadConfigModule, renderYaml } from "@roll/config-types/authoring";
import { defineCommand, noExtraPositionals, requirePositionals } from "../args.js";
import { inputFile } from "../input-file.js";
import { writeOutput } from "../output.js";
import { InputError } from "../report.js";

const FLAGS = {
  output: { type: "string", short: "o", value: "FILE", help: "write to FILE atomically instead of stdout" },
  force: { type: "boolean", help: "replace FILE if it exists (without it, an existing FILE is an error)" },
} as const;

export default defineCommand({
  name: "emit",
  synopsis: "<config.ts> [-o FILE] [--force]",
  description: `Import <config.ts> (its default export, e.g. \`export default defineRollConfig("0.3", "rlvr", {...})\`) and
print it as YAML that OmegaConf reads back with the same types, ready for ROLL.`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [file] = requirePositionals(positionals, ["<config.ts>"], usage) as [string];
    noExtraPositionals(positionals, 1, usage);
    const config = await loadModule(inputFile(io, file));
    writeOutput(io, renderYaml(config), { file: values.output, overwrite: values.force === true });
    return 0;
  },
});

/** The module's own errors (syntax, no default export) are the user's input problems: one line, exit 1. */
async function loadModule(path: string): Promise<unknown> {
  try {
    return await loadConfigModule(path);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}
