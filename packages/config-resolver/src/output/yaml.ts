// OWNER: yaml-loader helper.
import type { Node } from "../model.js";

/** Block-style YAML in key order that OmegaConf.load reads back to the same values and types. */
export function toYaml(_node: Node): string {
  throw new Error("not implemented");
}
