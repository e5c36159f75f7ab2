// Reading the resolver's node tree (@roll/config-resolver model): plain values for the rules, and the node
// (with its provenance) at a dotted path.
import type { DictEntry, Key, Node, SourcePos } from "@roll/config-resolver";

/** A dict key as json.dumps writes it (ROLL's data went through to_container, so keys are strings). */
export function keyText(key: Key): string {
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  return String(key);
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
