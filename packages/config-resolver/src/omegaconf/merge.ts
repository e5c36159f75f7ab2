// OmegaConf.merge / DictConfig.merge_with (basecontainer.py _map_merge, _list_merge) over the Node tree.
import { ConfigError } from "../errors.js";
import { type DictNode, getEntry, type Node, type SourcePos, setEntry } from "../model.js";
import { Interpolator, isInterpolationNode } from "./interpolate.js";
import { type Container, cloneTree, isContainer } from "./tree.js";

export interface MergeContext {
  /** Root of the destination config, for dereferencing an interpolation node being merged into. */
  root: Node;
  /**
   * Put src containers into dest without copying them, like Hydra's merge (flag no_deepcopy_set_nodes):
   * later merges then mutate them, which is how a config listed twice sees earlier changes (d27b).
   * Default false: src is never modified.
   */
  aliasSrc?: boolean;
  /** Environment for resolvers met while dereferencing at merge time (default: process.env). */
  env?: Record<string, string | undefined>;
  now?: Date;
}

/** OmegaConf.merge(dest, src) semantics (dict deep merge, lists replace, null, ???, into-interpolation).
 * Returns the resulting node (dest may be mutated or replaced); records overridden positions in `overrode`. */
export function mergeNodes(dest: Node, src: Node, ctx?: MergeContext): Node {
  const context: MergeContext = ctx ?? { root: dest };
  if (dest.kind === "dict" && src.kind === "dict") {
    mapMerge(dest, src, context);
    return dest;
  }
  if (isContainer(dest) && isContainer(src) && dest.kind !== src.kind) throw cannotMerge(dest, src);
  if (isMissing(src)) return dest;
  return replacement(dest, src, context);
}

function mapMerge(dest: DictNode, src: DictNode, ctx: MergeContext): void {
  for (const entry of src.entries.values()) {
    const srcNode = entry.node;
    let destNode = getEntry(dest, entry.key)?.node;
    if (destNode === srcNode) continue; // an aliased config merged again (d27b): nothing changes
    if (destNode && isInterpolationNode(destNode)) {
      // _map_merge dereferences an interpolation it merges into; a container target is copied in.
      const target = dereference(destNode, dest, ctx);
      if (target) {
        const copy = cloneTree(target);
        copy.overrode = provenance(destNode);
        setEntry(dest, entry.key, copy);
        destNode = copy;
      }
    }
    if (destNode === undefined) {
      setEntry(dest, entry.key, placed(srcNode, ctx), entry.keyPos);
    } else if (destNode.kind === "dict" && srcNode.kind === "dict") {
      mapMerge(destNode, srcNode, ctx);
    } else if (isContainer(destNode) && isContainer(srcNode) && destNode.kind !== srcNode.kind) {
      throw cannotMerge(destNode, srcNode);
    } else if (!isMissing(srcNode)) {
      setEntry(dest, entry.key, replacement(destNode, srcNode, ctx));
    }
  }
}

/** src taking dest's place: the new node remembers where the replaced value was written. */
function replacement(dest: Node, src: Node, ctx: MergeContext): Node {
  const node = src.kind === "scalar" ? { ...src } : placed(src, ctx);
  const overrode = provenance(dest);
  if (overrode.length > 0) node.overrode = overrode;
  return node;
}

function placed(src: Node, ctx: MergeContext): Node {
  if (src.kind === "scalar") return src;
  return ctx.aliasSrc ? src : cloneTree(src);
}

function provenance(node: Node): SourcePos[] {
  const earlier = node.overrode ?? [];
  return node.pos ? [...earlier, node.pos] : earlier;
}

function isMissing(node: Node): boolean {
  return node.kind === "scalar" && node.value === "???";
}

/** The container an interpolation points to right now, or undefined if it does not resolve (then it is replaced). */
function dereference(node: Node, parent: DictNode, ctx: MergeContext): Container | undefined {
  if (!isContainer(ctx.root)) return undefined;
  try {
    const engine = new Interpolator(ctx.root, { env: ctx.env, now: ctx.now });
    const target = engine.resolveNode(node, parent).node;
    return isContainer(target) ? target : undefined;
  } catch {
    return undefined;
  }
}

/** Hydra calls merge_with on the root, whose format_and_raise gives an empty full_key. */
function cannotMerge(dest: Container, src: Container): ConfigError {
  const short = "Cannot merge DictConfig with ListConfig";
  const message = `${short}\n    full_key: \n    object_type=dict`;
  return new ConfigError("ConfigTypeError", message, {
    pos: src.pos ?? dest.pos,
    chain: [
      { error: "ConfigTypeError", message },
      { error: "TypeError", message: short },
    ],
  });
}
