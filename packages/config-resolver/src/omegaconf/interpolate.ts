// Evaluation of interpolation strings against a config tree, following OmegaConf 2.2's base.py
// (_resolve_node_interpolation, _select_impl, resolve_parse_tree) and grammar_visitor.py.
import { ConfigError } from "../errors.js";
import { getEntry, listNode, type Node, type ScalarNode, type SourcePos, scalarNode } from "../model.js";
import { pyStr } from "../python/format.js";
import { loadYaml } from "../yaml/load.js";
import { Budget } from "./budget.js";
import { OcError, wrapInResolutionError } from "./errors.js";
import {
  type ConfigValue,
  type Element,
  type Interpolation,
  mayBeInterpolation,
  parseConfigValue,
  parseSingleElement,
  type TextPart,
} from "./grammar.js";
import { dictFromEntries, findResolver, pyTypeName, type ResolverContext } from "./resolvers.js";
import { type Container, isContainer, ParentMap, parsePythonInt, splitKey } from "./tree.js";

/** A resolved value: the node that provides it, and the interpolation nodes it came through. */
export interface Resolved {
  node: Node;
  via: SourcePos[];
}

export interface EngineOptions {
  env?: Record<string, string | undefined>;
  now?: Date;
  /** sys.version_info as "major.minor.micro" for Hydra's python_version resolver. */
  pythonVersion?: string;
  /** Limits and work counts of this resolution (default: a fresh Budget with the standard LIMITS). */
  budget?: Budget;
  /** Hydra's node for `${hydra:...}` (as under @hydra.main). */
  hydra?: Node;
}

const NO_VIA: SourcePos[] = [];
/**
 * Most interpolations a value's `via` records (outermost first). Every link of a 20,000-long chain
 * `c1: ${c0}`, `c2: ${c1}`, … would otherwise carry all the links below it: quadratic in memory.
 */
export const MAX_VIA = 64;

/** `outer` then `inner`, at most MAX_VIA positions; shares an array when one side is empty. */
export function joinVia(outer: SourcePos[], inner: SourcePos[]): SourcePos[] {
  if (inner.length === 0 || outer.length >= MAX_VIA)
    return outer.length > MAX_VIA ? outer.slice(0, MAX_VIA) : outer;
  if (outer.length === 0 && inner.length <= MAX_VIA) return inner;
  return [...outer, ...inner.slice(0, MAX_VIA - outer.length)];
}
/** Chains shorter than this recurse; longer ones are resolved deepest-first to keep the JS stack shallow. */
const CHAIN_PREFETCH_THRESHOLD = 16;

export function isInterpolationNode(node: Node): node is ScalarNode & { value: string } {
  return node.kind === "scalar" && mayBeInterpolation(node.value);
}

export class Interpolator implements ResolverContext {
  readonly parents: ParentMap;
  readonly env: Record<string, string | undefined>;
  readonly now: Date;
  readonly pythonVersion: string;
  readonly budget: Budget;
  readonly hydra: Node | undefined;
  private readonly parsed = new Map<string, ConfigValue | OcError>();
  private readonly resolved = new Map<Node, Resolved>();
  /** OmegaConf's `memo`: nodes being resolved because a key path selected them. */
  private readonly memo = new Set<Node>();
  /** memo sizes at which a node's evaluation is in progress: re-entering with the same memo loops forever. */
  private readonly inProgress = new Map<Node, number[]>();
  private readonly created = new WeakSet<Node>();
  private prefetching = false;
  /** Evaluations in progress, innermost last: their depth is bounded, and a crash names the innermost. */
  private readonly evaluating: (SourcePos | undefined)[] = [];

  constructor(
    readonly root: Container,
    options: EngineOptions = {},
  ) {
    this.parents = ParentMap.build(root);
    this.env = options.env ?? process.env;
    this.now = options.now ?? new Date();
    this.pythonVersion = options.pythonVersion ?? "3.11.2";
    this.budget = options.budget ?? new Budget();
    this.hydra = options.hydra;
  }

  parse(text: string): ConfigValue {
    let result = this.parsed.get(text);
    if (result === undefined) {
      try {
        result = parseConfigValue(text);
      } catch (e) {
        if (!(e instanceof OcError)) throw e;
        result = e;
      }
      this.parsed.set(text, result);
    }
    if (result instanceof OcError) throw new OcError(result.pythonType, result.message, result.causes);
    return result;
  }

  /** The value of `node` (a child of `parent`) with its interpolation, if any, resolved. */
  resolveNode(node: Node, parent: Container): Resolved {
    if (!isInterpolationNode(node)) return { node, via: NO_VIA };
    const cached = this.resolved.get(node);
    if (cached) return cached;
    this.prefetchChain(node, parent);
    const result = this.evaluate(node, parent);
    this.resolved.set(node, result);
    return result;
  }

  private evaluate(node: ScalarNode & { value: string }, parent: Container): Resolved {
    const sizes = this.inProgress.get(node) ?? [];
    if (sizes.includes(this.memo.size)) {
      throw new OcError("RecursionError", "maximum recursion depth exceeded", [], node.pos);
    }
    sizes.push(this.memo.size);
    this.inProgress.set(node, sizes);
    this.budget.interpolation(node.pos);
    this.evaluating.push(node.pos);
    try {
      this.budget.nest(this.evaluating.length, node.pos);
      const parsed = this.parse(node.value);
      try {
        return this.evaluateParsed(parsed, node, parent);
      } catch (e) {
        throw e instanceof OcError ? wrapInResolutionError(e) : e;
      }
    } finally {
      sizes.pop();
      this.evaluating.pop();
    }
  }

  /** Position of the innermost interpolation being evaluated (for errors that have no better one). */
  innermost(): SourcePos | undefined {
    for (let i = this.evaluating.length - 1; i >= 0; i--) if (this.evaluating[i]) return this.evaluating[i];
    return undefined;
  }

  private evaluateParsed(parsed: ConfigValue, owner: ScalarNode, parent: Container): Resolved {
    const only = parsed.parts[0]!;
    if (parsed.parts.length === 1 && typeof only !== "string") {
      const r = this.interpolation(only, owner, parent);
      let node = r.node;
      // Resolver results have no source of their own: they are attributed to the interpolation.
      if (only.kind === "resolver" && node.kind === "scalar") node = { ...node, pos: node.pos ?? owner.pos };
      else if (this.created.has(node) && node.pos === undefined && owner.pos) node.pos = owner.pos;
      return { node, via: owner.pos ? joinVia([owner.pos], r.via) : r.via };
    }
    const text: ScalarNode = scalarNode(this.concat(parsed.parts, owner, parent), owner.pos);
    if (owner.overrode) text.overrode = owner.overrode;
    return { node: text, via: NO_VIA };
  }

  /** Text with embedded interpolations: each value goes through Python str(). */
  private concat(parts: TextPart[], owner: Node, parent: Container): string {
    let out = "";
    for (const part of parts) {
      const piece = typeof part === "string" ? part : pyStr(this.interpolation(part, owner, parent).node);
      // Checked before the string is built, so a doubling chain stops at the limit, not at memory's end.
      this.budget.string(out.length + piece.length, owner.pos);
      this.budget.chars(piece.length, owner.pos);
      out += piece;
    }
    return out;
  }

  private interpolation(interp: Interpolation, owner: Node, parent: Container): Resolved {
    if (interp.kind === "node")
      return this.nodeInterpolation(this.keyText(interp.key, owner, parent), parent);
    const name = this.resolverName(interp.name, owner, parent);
    const args = interp.args.map((a) => this.element(a, owner, parent));
    const fn = findResolver(name);
    if (!fn) throw new OcError("UnsupportedInterpolationType", `Unsupported interpolation type ${name}`);
    return { node: fn({ args, parent, node: owner, ctx: this }), via: NO_VIA };
  }

  private keyText(parts: TextPart[], owner: Node, parent: Container): string {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const value = this.interpolation(part, owner, parent).node;
      if (value.kind !== "scalar" || typeof value.value !== "string") {
        const shown = pyStr(value);
        throw new OcError(
          "GrammarTypeError",
          "The following interpolation is used to denote a config key and thus should return a string, " +
            `instead returned \`${shown}\` of type \`${pyClass(value)}\``,
        );
      }
      out += value.value;
    }
    return out;
  }

  private resolverName(parts: TextPart[], owner: Node, parent: Container): string {
    let out = "";
    for (const part of parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const value = this.interpolation(part, owner, parent).node;
      if (value.kind !== "scalar" || typeof value.value !== "string") {
        throw new OcError(
          "GrammarTypeError",
          `The name of a resolver must be a string, but the interpolation resolved to \`${pyStr(value)}\` which is of type ${pyClass(value)}`,
        );
      }
      out += value.value;
    }
    return out;
  }

  /** A resolver argument's value (grammar_visitor.visitElement). */
  private element(e: Element, owner: Node, parent: Container): Node {
    switch (e.kind) {
      case "literal":
        return scalarNode(e.value);
      case "interpolation":
        return this.interpolation(e.interpolation, owner, parent).node;
      case "text":
        return scalarNode(this.concat(e.parts, owner, parent));
      case "list": {
        const list = listNode(e.items.map((item) => this.element(item, owner, parent)));
        this.created.add(list);
        return list;
      }
      case "dict": {
        const dict = dictFromEntries(
          e.entries.map(({ key, value }) => [key, this.element(value, owner, parent)]),
        );
        this.created.add(dict);
        return dict;
      }
    }
  }

  /** `${key}` evaluated from inside `parent` (OmegaConf's Container._resolve_node_interpolation). */
  private nodeInterpolation(key: string, parent: Container): Resolved {
    let start: Container;
    let relative: string;
    try {
      [start, relative] = this.keyAndRoot(parent, key);
    } catch (e) {
      if (e instanceof OcError && e.pythonType === "ConfigKeyError") {
        throw new OcError(
          "InterpolationKeyError",
          `ConfigKeyError while resolving interpolation: ${e.message}`,
          e.links(),
        );
      }
      throw e;
    }
    let found: Resolved | undefined;
    try {
      found = this.select(start, relative, true);
    } catch (e) {
      if (e instanceof OcError && e.pythonType === "MissingMandatoryValue") {
        throw new OcError(
          "InterpolationToMissingValueError",
          `MissingMandatoryValue while resolving interpolation: ${e.message}`,
          e.links(),
        );
      }
      throw e;
    }
    if (found === undefined)
      throw new OcError("InterpolationKeyError", `Interpolation key '${relative}' not found`);
    for (let c: Container | undefined = parent; c; c = this.parents.parentOf(c)) {
      if (c === found.node)
        throw new OcError("InterpolationResolutionError", "Interpolation to parent node detected");
    }
    return found;
  }

  /** Container._resolve_key_and_root: absolute keys start at the root, each leading dot is one level. */
  private keyAndRoot(container: Container, key: string): [Container, string] {
    if (!key.startsWith(".")) return [this.root, key];
    let root = container;
    let rest = key;
    for (;;) {
      rest = rest.slice(1);
      if (!rest.startsWith(".")) return [root, rest];
      const up = this.parents.parentOf(root);
      if (!up) throw new OcError("ConfigKeyError", `Error resolving key '${key}'`);
      root = up;
    }
  }

  /** Container._select_impl: walks `key` from `start`, dereferencing intermediate interpolations. */
  private select(start: Container, key: string, throwOnMissing: boolean): Resolved | undefined {
    if (key === "") return { node: start, via: NO_VIA };
    const parts = splitKey(key);
    let cur: Node | undefined = start;
    for (let i = 0; i < parts.length - 1 && cur !== undefined; i++) {
      let child = this.selectOne(cur as Container, parts[i]!, throwOnMissing);
      if (child) child = this.resolveNode(child, cur as Container).node;
      if (child && child.kind === "scalar") {
        throw new OcError(
          "ConfigTypeError",
          `Error trying to access ${key}: node \`${parts.slice(0, i + 1).join(".")}\` ` +
            `is not a container and thus cannot contain \`${parts[i + 1]}\``,
        );
      }
      cur = child;
    }
    if (cur === undefined) return undefined;
    const value = this.selectOne(cur as Container, parts[parts.length - 1]!, throwOnMissing);
    if (value === undefined) return undefined;
    if (this.memo.has(value))
      throw new OcError("InterpolationResolutionError", "Recursive interpolation detected");
    this.memo.add(value);
    try {
      return this.resolveNode(value, cur as Container);
    } finally {
      this.memo.delete(value);
    }
  }

  /** omegaconf._select_one: a child by string key or list index; "???" raises when asked to. */
  private selectOne(c: Container, key: string, throwOnMissing: boolean): Node | undefined {
    let node: Node | undefined;
    let fullKey: () => string;
    if (c.kind === "dict") {
      node = getEntry(c, key)?.node;
      fullKey = () => this.parents.fullKey(c, key);
    } else {
      const index = parsePythonInt(key);
      if (index === undefined) throw new OcError("TypeError", `Index '${key}' (str) is not an int`);
      node = index < 0n ? undefined : c.items[Number(index)];
      fullKey = () => this.parents.fullKey(c, index);
    }
    if (throwOnMissing && node?.kind === "scalar" && node.value === "???") {
      throw new OcError("MissingMandatoryValue", `Missing mandatory value: ${fullKey()}`);
    }
    return node;
  }

  /**
   * Long chains a: ${b}, b: ${c}, ... would recurse once per link: resolve them deepest-first so each
   * step finds its target cached. Values do not depend on order; errors are left to the real pass.
   */
  private prefetchChain(node: ScalarNode & { value: string }, parent: Container): void {
    if (this.prefetching) return;
    const chain: [Node, Container][] = [];
    const seen = new Set<Node>([node]);
    let cur: Node = node;
    let curParent = parent;
    let cycle = false;
    for (;;) {
      const target = this.simpleTarget(cur, curParent);
      if (!target || this.resolved.has(target[0]) || !isInterpolationNode(target[0])) break;
      if (seen.has(target[0]) || this.memo.has(target[0])) {
        cycle = true;
        break;
      }
      seen.add(target[0]);
      chain.push(target);
      [cur, curParent] = target;
    }
    if (chain.length < CHAIN_PREFETCH_THRESHOLD) return;
    // Following a cycle of plain `${key}` links, OmegaConf selects a node already in its memo.
    if (cycle) throw new OcError("InterpolationResolutionError", "Recursive interpolation detected");
    // Each link is evaluated with the memo the real descent would have: every link selected so far.
    for (const [n] of chain) this.memo.add(n);
    this.prefetching = true;
    try {
      for (let i = chain.length - 1; i >= 0; i--) {
        const [n, p] = chain[i]!;
        this.resolveNode(n, p);
        this.memo.delete(n);
      }
    } catch (e) {
      // The descent would raise the same error at this link and pass it up unchanged (as its referrer wraps it).
      throw e instanceof OcError ? wrapInResolutionError(e) : e;
    } finally {
      this.prefetching = false;
      for (const [n] of chain) this.memo.delete(n);
    }
  }

  /** For `${a.b}` alone (no nesting, no resolver): the raw target node and its container, if it exists. */
  private simpleTarget(node: Node, parent: Container): [Node, Container] | undefined {
    if (!isInterpolationNode(node)) return undefined;
    let parsed: ConfigValue;
    try {
      parsed = this.parse(node.value);
    } catch {
      return undefined;
    }
    const only = parsed.parts[0];
    if (parsed.parts.length !== 1 || typeof only === "string" || only?.kind !== "node") return undefined;
    if (only.key.some((p) => typeof p !== "string")) return undefined;
    let start: Container;
    let rest: string;
    try {
      [start, rest] = this.keyAndRoot(parent, only.key.join(""));
    } catch {
      return undefined;
    }
    let cur: Container = start;
    const parts = splitKey(rest);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      let child: Node | undefined;
      if (cur.kind === "dict") child = getEntry(cur, part)?.node;
      else {
        const index = parsePythonInt(part);
        child = index === undefined || index < 0n ? undefined : cur.items[Number(index)];
      }
      if (child === undefined) return undefined;
      if (i === parts.length - 1) return [child, cur];
      if (!isContainer(child)) return undefined;
      cur = child;
    }
    return undefined;
  }

  // ResolverContext

  selectNode(parent: Container, key: string, throwOnMissing: boolean): Node | undefined {
    const [start, rest] = this.keyAndRoot(parent, key);
    try {
      return this.select(start, rest, throwOnMissing)?.node;
    } catch (e) {
      if (e instanceof OcError && e.pythonType === "ConfigTypeError") return undefined;
      throw e;
    }
  }

  decode(text: string, parent: Container, node: Node): Node {
    const value = this.element(parseSingleElement(text), node, parent);
    return value.kind === "scalar" ? { ...value } : value;
  }

  createFromYaml(text: string): Node {
    let loaded: Node;
    try {
      loaded = loadYaml(text, "<unicode string>");
    } catch (e) {
      // A YAML error inside a resolver is wrapped like any other exception (resolve_parse_tree).
      if (e instanceof ConfigError) throw new OcError(e.pythonType, e.message);
      throw e;
    }
    if (loaded.kind === "scalar") {
      if (loaded.value === null) return dictFromEntries([]);
      if (typeof loaded.value === "string") return dictFromEntries([[loaded.value, scalarNode(null)]]);
      throw new OcError("ValidationError", `Object of unsupported type: '${pyTypeName(loaded)}'`);
    }
    return loaded;
  }

  fullKeyOf(node: Node): string {
    const link = this.parents.get(node);
    return link ? this.parents.fullKey(link.parent, link.key) : "";
  }

  adopt(container: Container, parent: Container): void {
    this.parents.attach(container, parent, undefined);
    this.created.add(container);
  }
}

/** Python's str(type(x)) for error messages. */
function pyClass(node: Node): string {
  if (node.kind === "dict") return "<class 'omegaconf.dictconfig.DictConfig'>";
  if (node.kind === "list") return "<class 'omegaconf.listconfig.ListConfig'>";
  return `<class '${pyTypeName(node)}'>`;
}
