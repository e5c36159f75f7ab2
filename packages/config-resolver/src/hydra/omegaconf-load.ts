// OmegaConf.load(file) on top of the YAML loader: the container rules OmegaConf applies after PyYAML.
import { ConfigError } from "../errors.js";
import { type DictNode, dictNode, type Node, scalarNode, setEntry } from "../model.js";
import { validateInterpolations } from "../omegaconf/resolve.js";
import { loadYaml } from "../yaml/load.js";

/** Parses YAML text as OmegaConf.load does: empty -> {}, a bare string `s` -> {s: None}, null keys rejected,
 * interpolation syntax validated (OmegaConf checks it when the node is created). */
export function omegaconfLoad(text: string, file: string): Node {
  let node = loadYaml(text, file);
  if (node.kind === "scalar") node = scalarToContainer(node.value, node, file);
  rejectNullKeys(node, "");
  validateInterpolations(node);
  return node;
}

function scalarToContainer(value: unknown, node: Node, file: string): DictNode {
  const dict = dictNode(node.pos ?? { file, line: 1, column: 1 });
  if (value === null) return dict;
  if (typeof value === "string") {
    // OmegaConf.create("hello") makes {"hello": None}: a YAML document that is one plain string.
    setEntry(dict, value, scalarNode(null), node.pos);
    return dict;
  }
  throw new ConfigError("ValidationError", `Object of unsupported type: '${pyTypeName(value)}'`, {
    pos: node.pos ?? { file, line: 1, column: 1 },
  });
}

function rejectNullKeys(node: Node, fullKey: string): void {
  if (node.kind === "list") {
    node.items.forEach((item, i) => {
      rejectNullKeys(item, `${fullKey}[${i}]`);
    });
    return;
  }
  if (node.kind !== "dict") return;
  for (const entry of node.entries.values()) {
    if (entry.key === null) {
      const message = `Incompatible key type 'NoneType'\n    full_key: ${fullKey}\n    object_type=dict`;
      throw new ConfigError("KeyValidationError", message, {
        pos: entry.keyPos ?? node.pos,
        // OmegaConf's exception carries its unformatted message as the cause.
        chain: [
          { error: "KeyValidationError", message },
          { error: "KeyValidationError", message: "Incompatible key type '$KEY_TYPE'" },
        ],
      });
    }
    const childKey = fullKey === "" ? String(entry.key) : `${fullKey}.${String(entry.key)}`;
    rejectNullKeys(entry.node, childKey);
  }
}

export function pyTypeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  return typeof value;
}
