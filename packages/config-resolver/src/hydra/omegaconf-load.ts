// OmegaConf.load(file) on top of the YAML loader: the container rules OmegaConf applies after PyYAML.
import { ConfigError } from "../errors.js";
import { type DictNode, dictNode, type Node, scalarNode, setEntry } from "../model.js";
import { validateInterpolations } from "../omegaconf/resolve.js";
import { loadYaml } from "../yaml/load.js";

/** Parses YAML text as OmegaConf.load does: empty -> {}, a bare string `s` -> {s: None}, null keys rejected,
 * interpolation syntax validated (OmegaConf checks it when the node is created). */
export function omegaconfLoad(text: string, file: string): Node {
  let node: Node;
  try {
    node = loadYaml(text, file);
  } catch (e) {
    throw withKeyValidationCause(e);
  }
  if (node.kind === "scalar") node = scalarToContainer(node.value, node, file);
  rejectNullKeys(node, "");
  validateInterpolations(node);
  return node;
}

/** The loader reports a bad key type with OmegaConf's formatted message only; OmegaConf's exception also
 * carries the unformatted one as its cause, which the conformance chain (y06b) shows. */
function withKeyValidationCause(e: unknown): unknown {
  if (!(e instanceof ConfigError) || e.pythonType !== "KeyValidationError" || e.chain.length !== 1) return e;
  const raw = e.message.split("\n")[0]?.replace(/'[^']*'$/, "'$KEY_TYPE'") ?? e.message;
  return new ConfigError(e.pythonType, e.message, {
    ...(e.pos ? { pos: e.pos } : {}),
    chain: [...e.chain, { error: "KeyValidationError", message: raw }],
  });
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
      const message = "Incompatible key type 'NoneType'";
      throw new ConfigError("KeyValidationError", message, {
        pos: entry.keyPos ?? node.pos,
        chain: [
          {
            error: "KeyValidationError",
            message: `${message}\n    full_key: ${fullKey}\n    object_type=dict`,
          },
          // OmegaConf leaves this inner message unformatted.
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
