// OWNER: yaml-loader helper. Contract (other stages code against it):
import type { Node } from "../model.js";

/**
 * Parses one YAML document exactly as OmegaConf 2.2's loader (PyYAML 6.0 SafeLoader + OmegaConf's float
 * resolver) types it; every node carries its position. An empty document gives scalarNode(null).
 * Throws ConfigError (pythonType e.g. "ScannerError", "ConstructorError", "ParserError") with pos.
 */
export function loadYaml(_text: string, _file: string): Node {
  throw new Error("not implemented");
}

/** Reads a file (UTF-8, BOM allowed) and calls loadYaml; I/O problems become ConfigError with the path. */
export function loadYamlFile(_path: string): Node {
  throw new Error("not implemented");
}
