// A DeepSpeed config file as DeepSpeed reads it: JSON through @roll/deepspeed's exact reader (DeepSpeed uses
// json/hjson: `5e8` is a float, integers beyond 2^53 stay exact), YAML through the PyYAML-faithful loader;
// both keep the YAML node tree for file:line:col.
import { readFileSync } from "node:fs";
import { loadYamlFile, type Node, toPlain } from "@roll/config-resolver";
import { DeepSpeedInputError, parseDeepSpeedJson } from "@roll/deepspeed";
import { InputError } from "./report.js";

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
