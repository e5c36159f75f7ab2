// Reading the resolver's node tree (@roll/config-resolver model): plain values for the rules, and the node
// (with its provenance) at a dotted path.
import type { DictEntry, Key, Node, SourcePos } from "@roll/config-resolver";

/** A dict key as json.dumps writes it (ROLL's data went through to_container, so keys are strings). */
export function keyText(key: Key): string {
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  return String(key);
}

/**
 * Plain JS data, as the JSON of `to_container` would give it: objects, arrays, strings, numbers, booleans,
 * null. Ints become numbers; only those beyond 2^53 stay bigint.
 */
export function nodeToPlain(node: Node): unknown {
  switch (node.kind) {
    case "scalar":
      return typeof node.value === "bigint" && Number.isSafeInteger(Number(node.value))
        ? Number(node.value)
        : node.value;
    case "list":
      return node.items.map(nodeToPlain);
    case "dict": {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries.values()) out[keyText(entry.key)] = nodeToPlain(entry.node);
      return out;
    }
  }
}

export interface NodeAt {
  node: Node;
  /** The dict entry holding the node (absent for the root and list items). */
  entry?: DictEntry;
}

/** The chain of nodes from the root along `path`, as far as it exists (first element: the root). */
export function nodesAlong(root: Node, path: readonly string[]): NodeAt[] {
  const chain: NodeAt[] = [{ node: root }];
  let current = root;
  for (const segment of path) {
    let next: NodeAt | undefined;
    if (current.kind === "dict") {
      for (const entry of current.entries.values()) {
        if (keyText(entry.key) === segment) next = { node: entry.node, entry };
      }
    } else if (current.kind === "list" && /^\d+$/.test(segment)) {
      const item = current.items[Number(segment)];
      if (item) next = { node: item };
    }
    if (!next) break;
    chain.push(next);
    current = next.node;
  }
  return chain;
}

/** Where a node was written: a scalar's own position; a mapping or list at its key's line when known. */
export function positionOf(at: NodeAt): SourcePos | undefined {
  if (at.node.kind !== "scalar" && at.entry?.keyPos) return at.entry.keyPos;
  return at.node.pos ?? at.entry?.keyPos;
}
