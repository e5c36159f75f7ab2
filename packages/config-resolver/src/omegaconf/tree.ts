// Parent links and key paths. The shared Node model has no parent pointers, but OmegaConf's relative
// interpolations, "interpolation to parent" checks and error full_keys all walk up the tree.
import type { DictEntry, DictNode, Key, ListNode, Node, NodeBase, ScalarNode } from "../model.js";
import { pyScalarStr } from "../python/format.js";

export type Container = DictNode | ListNode;

export interface ParentLink {
  parent: Container;
  /** Dict key, or list index. `undefined` for containers attached without a key (resolver results). */
  key: Key | undefined;
}

export function isContainer(node: Node | undefined): node is Container {
  return node !== undefined && node.kind !== "scalar";
}

export class ParentMap {
  private readonly links = new Map<Node, ParentLink>();

  /** Links every node under `root` (iterative: configs may be deep). */
  static build(root: Node): ParentMap {
    const map = new ParentMap();
    map.adoptChildren(root);
    return map;
  }

  /** Links `node` under `parent`, then its whole subtree. */
  attach(node: Node, parent: Container, key: Key | undefined): void {
    this.links.set(node, { parent, key });
    this.adoptChildren(node);
  }

  private adoptChildren(top: Node): void {
    const stack: Node[] = [top];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "dict") {
        for (const entry of node.entries.values()) {
          this.links.set(entry.node, { parent: node, key: entry.key });
          stack.push(entry.node);
        }
      } else if (node.kind === "list") {
        node.items.forEach((item, i) => {
          this.links.set(item, { parent: node, key: BigInt(i) });
          stack.push(item);
        });
      }
    }
  }

  get(node: Node): ParentLink | undefined {
    return this.links.get(node);
  }

  parentOf(node: Node): Container | undefined {
    return this.links.get(node)?.parent;
  }

  /**
   * OmegaConf's Container._get_full_key(key): "a.b", "l[0]", "lst[2].k"; "" for the root. Python str()
   * is used for non-string keys (True, 1.5).
   */
  fullKey(container: Container, key: Key | undefined): string {
    let full = key === undefined ? "" : prepend("", container.kind === "list", keyText(key));
    let cur: Node = container;
    for (let link = this.links.get(cur); link; link = this.links.get(cur)) {
      if (link.key !== undefined) {
        const text = keyText(link.key);
        const parentIsList = link.parent.kind === "list";
        if (full === "") full = prepend("", parentIsList, text);
        else if (parentIsList) full = cur.kind === "list" ? `[${text}]${full}` : `[${text}].${full}`;
        else full = cur.kind === "list" ? `${text}${full}` : `${text}.${full}`;
      }
      cur = link.parent;
    }
    return full;
  }
}

function prepend(full: string, parentIsList: boolean, text: string): string {
  return parentIsList ? `[${text}]${full}` : `${text}${full}`;
}

export function keyText(key: Key): string {
  return pyScalarStr(key);
}

const KEY_PATH_HEAD = /^\.*[^.[]*/;
const KEY_PATH_OTHER = /\.([^.[]*)|\[(.*?)\]/g;

/**
 * OmegaConf's split_key: "a.b" -> [a, b], "a[b]" -> [a, b], "[a].b" -> [a, b], ".a" -> ["", a].
 */
export function splitKey(key: string): string[] {
  const head = KEY_PATH_HEAD.exec(key)![0];
  const tokens = head.split(".");
  if (head.length === key.length) return tokens;
  if (key[head.length] === "[" && tokens[tokens.length - 1] === "") tokens.pop();
  for (const m of key.slice(head.length).matchAll(KEY_PATH_OTHER)) tokens.push(m[1] || m[2] || "");
  return tokens;
}

/** Python int(str) for list indexes: optional sign, digits with single underscores, surrounding spaces. */
export function parsePythonInt(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
  return BigInt(t.replace(/_/g, ""));
}

/**
 * Deep copy of a subtree (positions and provenance arrays are shared, which is fine: they are never mutated).
 * The model's fields are copied one by one, not spread: object spread over the many node shapes a process
 * makes goes megamorphic and then costs five times as much (every resolve copies each file's tree).
 */
export function cloneTree(node: Node): Node {
  if (node.kind === "scalar") {
    const copy: ScalarNode = { kind: "scalar", value: node.value };
    if (node.pyType !== undefined) copy.pyType = node.pyType;
    return withMeta(copy, node);
  }
  if (node.kind === "list") {
    const items: Node[] = new Array(node.items.length);
    for (let i = 0; i < items.length; i++) items[i] = cloneTree(node.items[i]!);
    return withMeta<ListNode>({ kind: "list", items }, node);
  }
  const entries = new Map<string, DictEntry>();
  for (const [id, entry] of node.entries) {
    const child = cloneTree(entry.node);
    entries.set(
      id,
      entry.keyPos !== undefined
        ? { key: entry.key, node: child, keyPos: entry.keyPos }
        : { key: entry.key, node: child },
    );
  }
  return withMeta<DictNode>({ kind: "dict", entries }, node);
}

function withMeta<T extends NodeBase>(copy: T, node: NodeBase): T {
  if (node.pos !== undefined) copy.pos = node.pos;
  if (node.overrode !== undefined) copy.overrode = node.overrode;
  if (node.via !== undefined) copy.via = node.via;
  return copy;
}
