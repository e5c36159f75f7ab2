// The one view of a resolved config that validate, explain and the language server share: the resolver's
// node tree, which carries each node's position and provenance (pos, overrode, via), addressed by path
// segments. The rules walk its nodes (ConfigNode) and a finding made at a node is placed from that node's
// chain; one that only has segments (the JSON Schema's) is placed by walking them through the tree, never by
// splitting a dotted string, so a key that contains "." is one segment.
import {
  type DictEntry,
  dictNode,
  listNode,
  type Node,
  pyJsonKey,
  type SourcePos,
  scalarNode,
  setEntry,
  toPlain,
} from "@roll/config-resolver";
import type { ConfigPath, Subject } from "./diagnostic.js";
import { isPlainObject } from "./python-type.js";

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
      // A segment is a key as the plain value spells it (json.dumps: 1.0 -> "1.0", True -> "true").
      const text = String(segment);
      for (const entry of current.entries.values()) {
        if (pyJsonKey(entry.key) === text) next = { node: entry.node, entry };
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

/** Where an interpolation that carried a value was written, and its text (`${deepspeed_zero3}`). */
export interface InterpolationSite extends SourcePosition {
  expression?: string;
}

export interface SourceLocation extends SourcePosition {
  /** Interpolation sites the value was reached through, outermost first. */
  via?: InterpolationSite[];
}

export type Locate = (path: ConfigPath, subject?: Subject) => SourceLocation | undefined;

const posId = (p: SourcePosition) => `${p.file}:${p.line}:${p.column}`;

/**
 * The resolved tree (positions, provenance) with its plain value (what ROLL's dataclasses read), both
 * addressed by the same path segments. `composed` (the tree before interpolation) names the interpolations.
 */
export class ConfigView {
  private plainValue: unknown;
  private hasPlain = false;
  private expressions: Map<string, string> | undefined;
  private topNode: ConfigNode | undefined;
  /** How many times a path was walked from the root (at, valueAt, locate): work a test can count. */
  lookups = 0;

  constructor(
    readonly root: Node,
    readonly primaryFile: string,
    private readonly composed?: Node,
  ) {}

  /** The config as plain JS (`OmegaConf.to_container(resolve=True)`), computed once. */
  get plain(): unknown {
    if (!this.hasPlain) {
      this.plainValue = toPlain(this.root);
      this.hasPlain = true;
    }
    return this.plainValue;
  }

  /** The node at `path` and its dict entry, or undefined when the path does not exist. */
  at(path: ConfigPath): NodeAt | undefined {
    this.lookups++;
    const chain = nodesAlong(this.root, path);
    return chain.length === path.length + 1 ? chain[chain.length - 1] : undefined;
  }

  /** The plain value at `path`, or undefined. */
  valueAt(path: ConfigPath): unknown {
    this.lookups++;
    return valueAt(this.plain, path);
  }

  /** Where the value (or key) at a path was written; a missing key points at its nearest existing parent. */
  readonly locate: Locate = (path, subject = "value") => {
    this.lookups++;
    const chain = nodesAlong(this.root, path);
    return this.placeChain(chain, chain.length === path.length + 1, subject);
  };

  /** The root as a node the rules walk (its plain value is `plain`). */
  get top(): ConfigNode {
    this.topNode ??= new ConfigNode(this.root, this.plain);
    return this.topNode;
  }

  /** Where a finding made at `spot` goes: no lookup, the spot knows its chain of nodes. */
  place(spot: Spot, subject: Subject = "value"): SourceLocation {
    return this.placeChain(spot.node.chain(), spot.missing.length === 0, subject);
  }

  /** A view of plain data (no positions): the rules walk the same nodes whatever they were given. */
  static ofPlain(config: unknown): ConfigView {
    const view = new ConfigView(nodeOfPlain(config), "");
    view.plainValue = config;
    view.hasPlain = true;
    return view;
  }

  /** `chain`: the nodes from the root to the node (`found`) or to the nearest existing parent. */
  private placeChain(chain: NodeAt[], found: boolean, subject: Subject): SourceLocation {
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i]!;
      const aboutKey = subject === "key" && found && i === chain.length - 1;
      // A mapping an interpolation produced (`strategy_config: ${ds_plain}`) was written where it points,
      // not at the key that reads it: its own position, when it has one.
      const interpolated = (at.node.via?.length ?? 0) > (chain[i - 1]?.node.via?.length ?? 0);
      const pos =
        !aboutKey && interpolated && at.node.pos ? at.node.pos : positionOf(at, aboutKey ? "key" : "value");
      if (!pos) continue;
      // Every interpolation crossed on the way (e.g. `strategy_config: ${deepspeed_zero3}`), outermost first;
      // a key is written where it stands, whatever its value was interpolated from.
      const via = dedupe(chain.slice(0, aboutKey ? i : i + 1).flatMap((a) => a.node.via ?? []));
      return {
        file: pos.file,
        line: pos.line,
        column: pos.column,
        ...(via.length ? { via: via.map((p) => this.site(p)) } : {}),
      };
    }
    return { file: this.primaryFile, line: 1, column: 1 };
  }

  /** An interpolation site with its text, read from the composed tree. */
  private site(pos: SourcePos): InterpolationSite {
    const site = { file: pos.file, line: pos.line, column: pos.column };
    const expression = this.interpolations().get(posId(pos));
    return expression === undefined ? site : { ...site, expression };
  }

  private interpolations(): Map<string, string> {
    if (this.expressions) return this.expressions;
    const found = new Map<string, string>();
    // Iterative: a composed config may be nested 20,000 deep.
    const stack: Node[] = this.composed ? [this.composed] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "scalar") {
        if (node.pos && typeof node.value === "string" && node.value.includes("${"))
          found.set(posId(node.pos), node.value);
      } else if (node.kind === "list") stack.push(...node.items);
      else for (const entry of node.entries.values()) stack.push(entry.node);
    }
    this.expressions = found;
    return found;
  }
}

/** What a finding is made at: a node, and the segments below it that do not exist (a missing key). */
export interface Spot {
  node: ConfigNode;
  missing: ConfigPath;
}

/**
 * A node of the view where it stands: the resolver's node, the dict entry holding it, its parent, and its
 * plain value (what ROLL's dataclasses read). The rules walk these and make each finding at the node it is
 * about, so placing a finding walks the node's own chain, never a path from the root.
 */
export class ConfigNode {
  private kids: ConfigNode[] | undefined;
  private bySegment: Map<string, ConfigNode> | undefined;

  constructor(
    readonly node: Node,
    readonly plain: unknown,
    readonly parent?: ConfigNode,
    /** The key as the plain value spells it (json.dumps: 1.0 -> "1.0"), or the list index. */
    readonly segment?: string | number,
    readonly entry?: DictEntry,
  ) {}

  /** The segments from the root (for messages and the dotted `path` of findings). */
  get path(): ConfigPath {
    const out: (string | number)[] = [];
    for (let at: ConfigNode | undefined = this; at?.parent; at = at.parent) out.push(at.segment!);
    return out.reverse();
  }

  /** The nodes from the root to this one, as placement reads them. */
  chain(): NodeAt[] {
    const out: NodeAt[] = [];
    for (let at: ConfigNode | undefined = this; at; at = at.parent)
      out.push(at.entry ? { node: at.node, entry: at.entry } : { node: at.node });
    return out.reverse();
  }

  /** The children in document order (dict entries, list items). */
  children(): readonly ConfigNode[] {
    if (this.kids) return this.kids;
    const { node, plain } = this;
    const kids: ConfigNode[] = [];
    if (node.kind === "list") {
      node.items.forEach((item, i) => {
        kids.push(new ConfigNode(item, (plain as unknown[])[i], this, i));
      });
    } else if (node.kind === "dict") {
      const entries = [...node.entries.values()];
      const keys = entries.map((e) => pyJsonKey(e.key));
      entries.forEach((entry, i) => {
        // Two keys json.dumps spells alike (1 and "1"): the plain value holds the later one's value.
        const shadowed = keys.indexOf(keys[i]!, i + 1) !== -1;
        const value = shadowed ? toPlain(entry.node) : (plain as Record<string, unknown>)[keys[i]!];
        kids.push(new ConfigNode(entry.node, value, this, keys[i], entry));
      });
    }
    this.kids = kids;
    return kids;
  }

  /** The node `segments` below this one, or undefined (a key is matched as the plain value spells it). */
  get(...segments: (string | number)[]): ConfigNode | undefined {
    let at: ConfigNode | undefined = this;
    for (const segment of segments) at = at?.child(segment);
    return at;
  }

  /** The plain value `segments` below this node, or undefined. */
  value(...segments: (string | number)[]): unknown {
    return this.get(...segments)?.plain;
  }

  /** Where a finding about `segments` below this node is made: the deepest of them that exists. */
  spot(...segments: (string | number)[]): Spot {
    let at: ConfigNode = this;
    for (const [i, segment] of segments.entries()) {
      const next = at.child(segment);
      if (!next) return { node: at, missing: segments.slice(i) };
      at = next;
    }
    return { node: at, missing: [] };
  }

  private child(segment: string | number): ConfigNode | undefined {
    if (!this.bySegment) {
      // Later keys win, as in the plain value.
      this.bySegment = new Map(this.children().map((k) => [String(k.segment), k]));
    }
    return this.bySegment.get(String(segment));
  }
}

/** Nodes for plain data (string keys, no positions); iterative, as plain data may be deeply nested. */
function nodeOfPlain(value: unknown): Node {
  const make = (v: unknown): Node =>
    Array.isArray(v)
      ? listNode()
      : isPlainObject(v)
        ? dictNode()
        : scalarNode(
            typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean"
              ? v
              : null,
          );
  const root = make(value);
  const stack: { node: Node; value: unknown }[] = [{ node: root, value }];
  while (stack.length > 0) {
    const { node, value: current } = stack.pop()!;
    if (node.kind === "list") {
      for (const item of current as unknown[]) {
        const child = make(item);
        node.items.push(child);
        stack.push({ node: child, value: item });
      }
    } else if (node.kind === "dict") {
      for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
        const child = make(item);
        setEntry(node, key, child);
        stack.push({ node: child, value: item });
      }
    }
  }
  return root;
}

/** The plain value at `path` (objects by key, arrays by index), or undefined. */
export function valueAt(value: unknown, path: ConfigPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = typeof segment === "number" ? current[segment] : undefined;
    else if (isPlainObject(current) && Object.hasOwn(current, String(segment)))
      current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/**
 * The segments a dotted path was joined from (the CLI's `explain` key speaks dotted paths), read against
 * the keys `value` holds: `bogus.key` under a mapping with that key is one segment.
 * Shorter keys are tried first, so where both readings exist (`zero_optimization.stage` as one key and as
 * a nested one) the plain split wins; where the path leaves the value (a key a finding says is missing),
 * the rest splits on ".".
 */
export function segmentsOf(value: unknown, dotted: string): ConfigPath {
  if (dotted === "") return [];
  interface State {
    current: unknown;
    /** Where the rest of the path starts in `dotted` (its length: the whole path is read). */
    at: number;
    segment?: string | number;
    parent?: State;
  }
  const segments = (s: State): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let at: State | undefined = s; at?.parent; at = at.parent) out.push(at.segment!);
    return out.reverse();
  };
  const end = dotted.length;
  const index = /(\d+)(?:\.|$)/y;
  // Iterative depth-first search over offsets: a path may be 20,000 keys deep.
  const stack: State[] = [{ current: value, at: 0 }];
  let deepest = stack[0]!;
  while (stack.length > 0) {
    const state = stack.pop()!;
    const { current, at } = state;
    if (at === end && state.parent) return segments(state);
    if (at > deepest.at) deepest = state;
    if (Array.isArray(current)) {
      index.lastIndex = at;
      const m = index.exec(dotted);
      const i = m ? Number(m[1]) : -1;
      if (m && i < current.length)
        stack.push({ current: current[i], at: Math.min(at + m[0].length, end), segment: i, parent: state });
    } else if (isPlainObject(current)) {
      const next = Object.keys(current)
        .filter((k) => dotted.startsWith(k, at) && (at + k.length === end || dotted[at + k.length] === "."))
        .sort((a, b) => b.length - a.length); // popped shortest first
      for (const k of next) {
        const after = Math.min(at + k.length + 1, end);
        stack.push({ current: current[k], at: after, segment: k, parent: state });
      }
    }
  }
  return [...segments(deepest), ...dotted.slice(deepest.at).split(".")];
}

/** Finds where the value (or key) at a path was written (the view's `locate`, for a tree alone). */
export function locator(root: Node, primaryFile: string): Locate {
  return new ConfigView(root, primaryFile).locate;
}

export function dedupe<T extends SourcePosition>(positions: readonly T[]): T[] {
  const seen = new Set<string>();
  return positions.filter((p) => {
    const id = posId(p);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
