// roll-config schema [--roll 0.2|0.3] [--pipeline P] [-o FILE] [--force]: the JSON Schema an editor uses
// for ROLL YAML (yaml-language-server), to vendor into a repository, e.g. .vscode/roll.schema.json.
import { createRequire } from "node:module";
import { type JsonSchema, loadSchema, PIPELINE_DEFINITIONS, type RollPipeline } from "@roll/config-types";
import { defineCommand, noExtraPositionals, oneOf } from "../args.js";
import { writeOutput } from "../output.js";
import { InputError } from "../report.js";

const PIPELINES = Object.keys(PIPELINE_DEFINITIONS) as RollPipeline[];

const FLAGS = {
  roll: {
    type: "string",
    choices: ["0.2", "0.3"],
    help: "ROLL release (default 0.3; 0.2 for DeepSpeed strategies)",
  },
  pipeline: {
    type: "string",
    value: "NAME",
    choices: PIPELINES,
    help: `${PIPELINES.join("|")}: that pipeline's schema only`,
  },
  output: { type: "string", short: "o", value: "FILE", help: "write to FILE atomically instead of stdout" },
  force: { type: "boolean", help: "replace FILE if it exists" },
} as const;

export default defineCommand({
  name: "schema",
  synopsis: "[--roll 0.2|0.3] [--pipeline NAME] [-o FILE] [--force]",
  description: `Print the authoring JSON Schema of ROLL's YAML configs (as written: defaults lists and \${...} allowed),
for yaml-language-server and VS Code's YAML extension. Without --pipeline the schema picks the pipeline
from the config's own keys, so an unknown key is one local error and completion keeps working.`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    noExtraPositionals(positionals, 0, usage);
    const roll = oneOf("roll", values.roll, FLAGS.roll.choices, usage) ?? "0.3";
    const pipeline = oneOf("pipeline", values.pipeline, PIPELINES, usage);
    const schema = structuredClone(loadSchema(`roll-${roll}.authoring.schema.json`)) as JsonSchema & {
      definitions: Record<string, unknown>;
    };
    const { version } = createRequire(import.meta.url)("@roll/config-types/package.json") as {
      version: string;
    };
    const command = `roll-config schema --roll ${roll}${pipeline ? ` --pipeline ${pipeline}` : ""}`;
    schema.$comment = `Written by \`${command}\` from @roll/config-types ${version}; rerun it to update.`;
    if (pipeline) {
      const definition = PIPELINE_DEFINITIONS[pipeline];
      if (!(definition in schema.definitions))
        throw new InputError(`ROLL ${roll} has no ${pipeline} pipeline`);
      schema.allOf = [{ $ref: `#/definitions/${definition}` }];
      schema.description = `A ROLL ${roll} ${pipeline} pipeline config YAML as written, before Hydra composition.`;
    }
    writeOutput(io, `${JSON.stringify(schema, null, 2)}\n`, {
      file: values.output,
      overwrite: values.force === true,
    });
    return 0;
  },
});
