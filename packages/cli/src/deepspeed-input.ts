// A DeepSpeed config file as DeepSpeed reads it: JSON through @roll/deepspeed's exact reader (DeepSpeed uses
// json/hjson: `5e8` is a float, integers beyond 2^53 stay exact), YAML through the PyYAML-faithful loader;
// both keep the YAML node tree for file:line:col.
import { readFileSync } from "node:fs";
import { loadYamlFile, type Node, toPlain } from "@roll/config-resolver";
import { DeepSpeedInputError, parseDeepSpeedJson } from "@roll/deepspeed";
import { noExtraPositionals, oneOf, positiveInt, requirePositionals } from "./args.js";
import { InputError } from "./report.js";

/** The flags both `deepspeed` commands share; each gives its own help line for --world-size. */
export function deepspeedFileFlags(worldSizeHelp: string) {
  return {
    "world-size": { type: "string", value: "N", help: worldSizeHelp },
    format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
  } as const;
}

/** The one config file a `deepspeed` command reads, with --world-size and --format checked; the caller checks
 * its own flags before it reads the file (`inputFile`), so that usage errors come first. */
export function deepspeedFileArgs(
  { values, positionals }: { values: { "world-size"?: string; format?: string }; positionals: string[] },
  usage: string,
  fileArgument: string,
): { file: string; worldSize: number | undefined; format: "text" | "json" } {
  const [file] = requirePositionals(positionals, [fileArgument], usage) as [string];
  noExtraPositionals(positionals, 1, usage);
  return {
    worldSize: positiveInt("world-size", values["world-size"], usage),
    format: oneOf("format", values.format, ["text", "json"] as const, usage) ?? "text",
    file,
  };
}

export function readDeepSpeedFile(path: string): { tree: Node; config: unknown } {
  const tree = loadYamlFile(path);
  if (!/\.json$/i.test(path)) return { tree, config: toPlain(tree) };
  try {
    return { tree, config: parseDeepSpeedJson(readFileSync(path, "utf8"), path) };
  } catch (error) {
    if (error instanceof DeepSpeedInputError) throw new InputError(`roll-config: ${error.message}`);
    throw error;
  }
}
