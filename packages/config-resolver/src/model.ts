// The config tree every stage of the resolver shares: YAML loader -> Hydra composition -> OmegaConf merge
// and interpolation -> output writers. Plain JS objects are never used for config data, because they
// reorder integer-like keys and cannot hold Python's key types (int, float, bool, None).

/** 1-based position of a YAML node in a file (absolute path). */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

/**
 * Python-typed scalar: int -> bigint (exact beyond 2^53), float -> number (NaN and +-Infinity allowed),
 * str -> string, bool -> boolean, None -> null. OmegaConf's missing value "???" is the string "???".
 * An interpolation is a string containing "${" (OmegaConf decides by grammar, not by YAML tag).
 */
export type Scalar = string | bigint | number | boolean | null;

/** Python dict key: str, int, float, bool or None (OmegaConf 2.2 DictConfig allows all of these). */
export type Key = string | bigint | number | boolean | null;

export interface NodeBase {
  /** Where this node was written. Absent for nodes created from the command line or by resolvers. */
  pos?: SourcePos;
  /** Positions of earlier values this node replaced during composition, oldest first (provenance). */
  overrode?: SourcePos[];
  /** Interpolation nodes that produced this value during resolution, outermost first (provenance). */
  via?: SourcePos[];
}

export interface DictNode extends NodeBase {
  kind: "dict";
  /** Insertion-ordered entries, keyed by keyId(key) so that Python-equal keys (1, 1.0, True) collide. */
  entries: Map<string, DictEntry>;
}

export interface DictEntry {
  /** The key as first written (Python keeps the first key object when a later equal key is assigned). */
  key: Key;
  node: Node;
  /** Position of the key itself. */
  keyPos?: SourcePos;
}

export interface ListNode extends NodeBase {
  kind: "list";
  items: Node[];
}

export interface ScalarNode extends NodeBase {
  kind: "scalar";
  value: Scalar;
  /** "bytes": a `!!binary` value, kept as base64 text in `value` (Python bytes have no JS scalar). */
  pyType?: "bytes";
}

export type Node = DictNode | ListNode | ScalarNode;

/**
 * Identity of a key under Python's dict equality: "a" != 1, but 1 == 1.0 == True and 0 == 0.0 == False.
 * Strings are prefixed so that the string "1" and the int 1 never collide.
 */
export function keyId(key: Key): string {
  if (typeof key === "string") return `s:${key}`;
  if (key === null) return "none";
  if (typeof key === "boolean") return key ? "n:1" : "n:0";
  if (typeof key === "bigint") return `n:${key.toString()}`;
  if (Number.isInteger(key)) return `n:${BigInt(key).toString()}`;
  return `n:${String(key)}`; // non-integral or non-finite float
}

export function dictNode(pos?: SourcePos): DictNode {
  return pos ? { kind: "dict", entries: new Map(), pos } : { kind: "dict", entries: new Map() };
}

export function listNode(items: Node[] = [], pos?: SourcePos): ListNode {
  return pos ? { kind: "list", items, pos } : { kind: "list", items };
}

export function scalarNode(value: Scalar, pos?: SourcePos): ScalarNode {
  return pos ? { kind: "scalar", value, pos } : { kind: "scalar", value };
}

export function getEntry(dict: DictNode, key: Key): DictEntry | undefined {
  return dict.entries.get(keyId(key));
}

/** Sets a key; an existing Python-equal key keeps its original key object and position in the order. */
export function setEntry(dict: DictNode, key: Key, node: Node, keyPos?: SourcePos): void {
  const id = keyId(key);
  const existing = dict.entries.get(id);
  if (existing) existing.node = node;
  else dict.entries.set(id, keyPos ? { key, node, keyPos } : { key, node });
}
