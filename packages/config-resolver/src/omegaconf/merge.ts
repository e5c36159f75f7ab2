// OWNER: omegaconf helper.
import type { Node } from "../model.js";

export interface MergeContext {
  /** Root of the destination config, for dereferencing an interpolation node being merged into. */
  root: Node;
}

/** OmegaConf.merge(dest, src) semantics (dict deep merge, lists replace, null, ???, into-interpolation).
 * Returns the resulting node (dest may be mutated or replaced); records overridden positions in `overrode`. */
export function mergeNodes(_dest: Node, _src: Node, _ctx?: MergeContext): Node {
  throw new Error("not implemented");
}
