// OmegaConf.to_container(cfg, resolve=True) over the shared Node tree, and load-time grammar validation.
import { ConfigError } from "../errors.js";
import {
  type DictNode,
  dictNode,
  type Key,
  type ListNode,
  type Node,
  type NodeBase,
  type ScalarNode,
  type SourcePos,
} from "../model.js";
import { Budget } from "./budget.js";
import { OcError, toConfigError } from "./errors.js";
import { mayBeInterpolation, parseConfigValue } from "./grammar.js";
import { Interpolator, joinVia, type Resolved } from "./interpolate.js";
import { type Container, isContainer, keyText, ParentMap } from "./tree.js";

export interface InterpolationOptions {
  /** Environment for oc.env (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Clock for Hydra's `now` resolver, formatted in local time like datetime.now() (default: current time). */
  now?: Date;
  /** to_container(throw_on_missing=True): a remaining "???" is an error. */
  throwOnMissing?: boolean;
  /** sys.version_info for Hydra's python_version resolver (default "3.11.2", the reference setup). */
  pythonVersion?: string;
  /** Limits of this resolution; read `budget.counts` afterwards for the work done (default: LIMITS). */
  budget?: Budget;
  /** Hydra's node for `${hydra:...}` as under @hydra.main; absent: the compose API, where it fails. */
  hydra?: Node;
}

/** OmegaConf.to_container(cfg, resolve=True): a new tree without interpolations, positions kept (`via`
 * records the interpolation nodes a value came through). Throws ConfigError with OmegaConf's type/message. */
export function resolveTree(root: Node, options: InterpolationOptions = {}): Node {
  if (!isContainer(root)) return copyScalar(root, []);
  const budget = options.budget ?? new Budget();
  const engine = new Interpolator(root, { ...options, budget });
  const writer = new ContainerWriter(engine, options.throwOnMissing === true);
  try {
    return writer.convert(root, []);
  } catch (e) {
    // Not expected (depth and size are budgeted), but a JS stack overflow must never escape as a crash:
    // it becomes Python's RecursionError, placed at the innermost interpolation or container in progress.
    if (e instanceof RangeError) {
      const pos = engine.innermost() ?? writer.innermost();
      throw new ConfigError(
        "RecursionError",
        `maximum recursion depth exceeded (${e.message})`,
        pos ? { pos } : {},
      );
    }
    throw e;
  }
}

class ContainerWriter {
  /** Containers being written: meeting one again means to_container would recurse forever. */
  private readonly active = new Set<Container>();
  /** Interpolations whose container is being copied, innermost last (the one a budget error names). */
  private readonly copying: (SourcePos | undefined)[] = [];
  /** Containers being written, outermost first. */
  private readonly path: Container[] = [];

  constructor(
    private readonly engine: Interpolator,
    private readonly throwOnMissing: boolean,
  ) {}

  convert(container: Container, via: SourcePos[]): Node {
    if (this.active.has(container)) {
      throw new ConfigError("RecursionError", "maximum recursion depth exceeded", { pos: container.pos });
    }
    this.active.add(container);
    this.countNode();
    this.engine.budget.descend(this.path.length, this.copying.at(-1) ?? container.pos);
    this.path.push(container);
    try {
      if (container.kind === "list") {
        const out = withProvenance<ListNode>({ kind: "list", items: [] }, container, via);
        container.items.forEach((item, i) => {
          out.items.push(this.child(container, BigInt(i), item, via));
        });
        return out;
      }
      const out: DictNode = withProvenance(dictNode(), container, via);
      for (const [id, entry] of container.entries) {
        const node = this.child(container, entry.key, entry.node, via);
        out.entries.set(
          id,
          entry.keyPos ? { key: entry.key, node, keyPos: entry.keyPos } : { key: entry.key, node },
        );
      }
      return out;
    } finally {
      this.active.delete(container);
      this.path.pop();
    }
  }

  /** Position of the innermost container being written, or of the interpolation that copies it. */
  innermost(): SourcePos | undefined {
    for (let i = this.path.length - 1; i >= 0; i--) if (this.path[i]!.pos) return this.path[i]!.pos;
    return this.copying.at(-1);
  }

  private child(container: Container, key: Key, node: Node, via: SourcePos[]): Node {
    if (this.throwOnMissing && node.kind === "scalar" && node.value === "???") {
      const e = new OcError("MissingMandatoryValue", "Missing mandatory value: $KEY", [], node.pos);
      throw this.formatted(e, container, key);
    }
    let resolved: Resolved;
    try {
      resolved = this.engine.resolveNode(node, container);
    } catch (e) {
      if (e instanceof OcError) {
        e.pos ??= node.pos;
        throw this.formatted(e, container, key);
      }
      throw e;
    }
    const childVia = joinVia(via, resolved.via);
    if (isContainer(resolved.node)) {
      if (resolved.node === node) return this.convert(node, childVia);
      this.copying.push(node.pos);
      try {
        return this.convert(resolved.node, childVia);
      } finally {
        this.copying.pop();
      }
    }
    this.countNode();
    return copyScalar(resolved.node, childVia);
  }

  private countNode(): void {
    const n = this.copying.length;
    this.engine.budget.node(n > 0 ? this.copying[n - 1] : undefined, n > 0);
  }

  private formatted(e: OcError, container: Container, key: Key): ConfigError {
    return toConfigError(e, keyText(key), this.engine.parents.fullKey(container, key), container.kind);
  }
}

function withProvenance<T extends NodeBase>(out: T, source: NodeBase, via: SourcePos[]): T {
  if (source.pos) out.pos = source.pos;
  if (source.overrode) out.overrode = source.overrode;
  if (via.length > 0) out.via = via;
  return out;
}

function copyScalar(node: ScalarNode, via: SourcePos[]): ScalarNode {
  const copy: ScalarNode = { kind: "scalar", value: node.value, ...(node.pyType && { pyType: node.pyType }) };
  return withProvenance<ScalarNode>(copy, node, via);
}

/** Checks every interpolation string parses (OmegaConf validates the grammar even with resolve=False). */
export function validateInterpolations(root: Node): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Children are pushed in reverse so that the first bad string in document order is reported.
    if (node.kind === "dict") {
      const first = stack.length;
      for (const entry of node.entries.values()) stack.push(entry.node);
      for (let i = first, j = stack.length - 1; i < j; i++, j--) {
        const swap = stack[i]!;
        stack[i] = stack[j]!;
        stack[j] = swap;
      }
    } else if (node.kind === "list")
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!);
    else if (mayBeInterpolation(node.value)) {
      try {
        parseConfigValue(node.value);
      } catch (e) {
        if (!(e instanceof OcError)) throw e;
        throw grammarError(e, node, root);
      }
    }
  }
}

/** The GrammarParseError as OmegaConf raises it when the node is created: with its full key. */
function grammarError(e: OcError, node: Node, root: Node): ConfigError {
  e.pos ??= node.pos;
  const parents = ParentMap.build(root); // only on failure: building it costs a walk of the whole tree
  const link = parents.get(node);
  if (!link) return new ConfigError(e.pythonType, e.message, { pos: e.pos, chain: e.links() });
  const key = link.key === undefined ? "" : keyText(link.key);
  return toConfigError(e, key, parents.fullKey(link.parent, link.key), link.parent.kind);
}
