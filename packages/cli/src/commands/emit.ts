// roll-config emit <config.ts> [-o FILE] [--force] [--check]: a typed TypeScript config (defineRollConfig) to
// ROLL YAML.
import { renderYaml } from "@roll/config-types/authoring";
import { defineCommand, noExtraPositionals, requirePositionals } from "../args.js";
import { loadConfigModule } from "../config-module.js";
import { inputFile } from "../input-file.js";
import { writeOutput } from "../output.js";
import { InputError } from "../report.js";

const FLAGS = {
  output: { type: "string", short: "o", value: "FILE", help: "write to FILE atomically instead of stdout" },
  force: { type: "boolean", help: "replace FILE if it exists (without it, an existing FILE is an error)" },
  check: {
    type: "boolean",
    help: "type-check <config.ts> with TypeScript first (errors as FILE:LINE:COL, exit 1;\nneeds the typescript package)",
  },
} as const;

export default defineCommand({
  name: "emit",
  synopsis: "<config.ts> [-o FILE] [--force] [--check]",
  description: `Import <config.ts> (its default export, e.g. \`export default defineRollConfig("0.3", "rlvr", {...})\`) and
print it as YAML that OmegaConf reads back with the same types, ready for ROLL. ES module and CommonJS
projects alike; a default export that is not a config definition is refused.`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [file] = requirePositionals(positionals, ["<config.ts>"], usage) as [string];
    noExtraPositionals(positionals, 1, usage);
    const path = inputFile(io, file);
    if (values.check) await (await import("../type-check.js")).typeCheck(path);
    const config = await loadModule(path);
    writeOutput(io, renderYaml(config), { file: values.output, overwrite: values.force === true });
    return 0;
  },
});

/** The module's own errors (syntax, no default export, not a config) are input problems: one line, exit 1. */
async function loadModule(path: string): Promise<unknown> {
  try {
    return await loadConfigModule(path);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
}
