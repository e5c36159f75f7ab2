// The one view of a resolved config that validate and explain share: the resolver's node tree, which
// carries each node's position and provenance (pos, overrode, via), addressed by path segments. A finding
// is placed by walking its segments through that tree: never by splitting a dotted string, so a key that
// contains "." is one segment.
import type { DictEntry, Key, Node, SourcePos } from "@roll/config-resolver";
import type { ConfigPath, Subject } from "./diagnostic.js";

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
export function nodesAlong(root: Node, path: ConfigPath): NodeAt[] {
  const chain: NodeAt[] = [{ node: root }];
  let current = root;
  for (const segment of path) {
    let next: NodeAt | undefined;
    if (current.kind === "dict") {
      const text = String(segment);
      for (const entry of current.entries.values()) {
        if (keyText(entry.key) === text) next = { node: entry.node, entry };
      }
    } else if (current.kind === "list") {
      const index = typeof segment === "number" ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      const item = current.items[index];
      if (item) next = { node: item };
    }
    if (!next) break;
    chain.push(next);
    current = next.node;
  }
  return chain;
}

/**
 * Where a node was written: for a finding about its key, the key; about its value, a scalar's own
 * position, a mapping or list at its key's line when known.
 */
export function positionOf(at: NodeAt, subject: Subject = "value"): SourcePos | undefined {
  if ((subject === "key" || at.node.kind !== "scalar") && at.entry?.keyPos) return at.entry.keyPos;
  return at.node.pos ?? at.entry?.keyPos;
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface SourceLocation extends SourcePosition {
  /** Interpolation sites the value was reached through, outermost first. */
  via?: SourcePosition[];
}

export type Locate = (path: ConfigPath, subject?: Subject) => SourceLocation | undefined;

/** Finds where the value (or key) at a path was written; a missing key points at its nearest existing parent. */
export function locator(root: Node, primaryFile: string): Locate {
  return (path, subject = "value") => {
    const chain = nodesAlong(root, path);
    const found = chain.length === path.length + 1;
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i]!;
      const aboutKey = subject === "key" && found && i === chain.length - 1;
      const pos = positionOf(at, aboutKey ? "key" : "value");
      if (!pos) continue;
      // Every interpolation crossed on the way (e.g. `strategy_config: ${deepspeed_zero3}`), outermost first;
      // a key is written where it stands, whatever its value was interpolated from.
      const via = chain.slice(0, aboutKey ? i : i + 1).flatMap((a) => a.node.via ?? []);
      return {
        file: pos.file,
        line: pos.line,
        column: pos.column,
        ...(via.length ? { via: dedupe(via) } : {}),
      };
    }
    return { file: primaryFile, line: 1, column: 1 };
  };
}

export function dedupe<T extends SourcePosition>(positions: readonly T[]): T[] {
  const seen = new Set<string>();
  return positions.filter((p) => {
    const id = `${p.file}:${p.line}:${p.column}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
