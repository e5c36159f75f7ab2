// OmegaConf.load(file) on top of the YAML loader: the container rules OmegaConf applies after PyYAML.
import { ConfigError } from "../errors.js";
import { type DictNode, dictNode, type Key, type Node, scalarNode, setEntry } from "../model.js";
import { validateInterpolations } from "../omegaconf/resolve.js";
import { cloneTree } from "../omegaconf/tree.js";
import { loadYaml } from "../yaml/load.js";

/** Parses YAML text as OmegaConf.load does: empty -> {}, a bare string `s` -> {s: None}, null keys rejected,
 * interpolation syntax validated (OmegaConf checks it when the node is created). */
export function omegaconfLoad(text: string, file: string): Node {
  let node = loadYaml(text, file);
  checkDepth(node, file);
  if (node.kind === "scalar") node = scalarToContainer(node.value, node, file);
  rejectNullKeys(node, { keys: [], isIndex: [] });
  validateInterpolations(node);
  return node;
}

/**
 * Parsed files, by path, for the resolves of one process (batch validate, the language server, the bench):
 * a file whose text is unchanged is not parsed again. Keyed by the text itself, not mtime and size, so an
 * edit is always seen (a same-size edit within the file system's mtime granularity too); reading a file
 * costs far less than parsing it. Composition mutates what it loads, so each use gets its own copy.
 */
const parsed = new Map<string, { text: string; node: Node }>();
/** Enough for a whole ROLL checkout (about 200 YAML files); the least recently used goes first. */
const MAX_PARSED_FILES = 2000;

/** omegaconfLoad(text, file), parsed once per distinct text of a file. Failures are not kept. */
export function omegaconfLoadCached(text: string, file: string): Node {
  const hit = parsed.get(file);
  if (hit !== undefined && hit.text === text) {
    parsed.delete(file); // re-inserted below: Map order is the LRU order
    parsed.set(file, hit);
    return cloneTree(hit.node);
  }
  const node = omegaconfLoad(text, file);
  parsed.delete(file);
  parsed.set(file, { text, node: cloneTree(node) });
  if (parsed.size > MAX_PARSED_FILES) parsed.delete(parsed.keys().next().value as string);
  return node;
}

/**
 * Deepest nesting accepted. OmegaConf builds containers recursively, so Python's recursion limit (1000
 * frames) stops it far earlier; our merge and resolution are recursive too, and this bound keeps them
 * clear of the JS stack with a clean error instead of a crash.
 */
export const MAX_NESTING = 1000;

function checkDepth(root: Node, file: string): void {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING) {
      throw new ConfigError(
        "RecursionError",
        `maximum recursion depth exceeded: containers nested deeper than ${MAX_NESTING} levels`,
        { pos: node.pos ?? { file, line: 1, column: 1 } },
      );
    }
    if (node.kind === "dict") for (const e of node.entries.values()) stack.push([e.node, depth + 1]);
    else if (node.kind === "list") for (const item of node.items) stack.push([item, depth + 1]);
  }
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

/** The path's keys and list indexes, kept as segments: its full_key text is only made for the error. */
interface KeyPath {
  keys: Key[];
  isIndex: boolean[];
}

function rejectNullKeys(node: Node, path: KeyPath): void {
  if (node.kind === "list") {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i]!;
      if (item.kind === "scalar") continue;
      path.keys.push(BigInt(i));
      path.isIndex.push(true);
      rejectNullKeys(item, path);
      path.keys.pop();
      path.isIndex.pop();
    }
    return;
  }
  if (node.kind !== "dict") return;
  for (const entry of node.entries.values()) {
    if (entry.key === null) {
      const message = `Incompatible key type 'NoneType'\n    full_key: ${fullKeyText(path)}\n    object_type=dict`;
      throw new ConfigError("KeyValidationError", message, {
        pos: entry.keyPos ?? node.pos,
        // OmegaConf's exception carries its unformatted message as the cause.
        chain: [
          { error: "KeyValidationError", message },
          { error: "KeyValidationError", message: "Incompatible key type '$KEY_TYPE'" },
        ],
      });
    }
    if (entry.node.kind === "scalar") continue;
    path.keys.push(entry.key);
    path.isIndex.push(false);
    rejectNullKeys(entry.node, path);
    path.keys.pop();
    path.isIndex.pop();
  }
}

/** "a.b[0].c": a dict key after a dot (none first), a list index in brackets. */
function fullKeyText(path: KeyPath): string {
  let full = "";
  for (let i = 0; i < path.keys.length; i++) {
    const key = String(path.keys[i]);
    if (path.isIndex[i]) full = `${full}[${key}]`;
    else full = full === "" ? key : `${full}.${key}`;
  }
  return full;
}

export function pyTypeName(value: unknown): string {
  if (value === null) return "NoneType";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  return typeof value;
}
