// OWNER: omegaconf helper.
import type { Node } from "../model.js";

export interface InterpolationOptions {
  /** Environment for oc.env (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Clock for Hydra's `now` resolver (default: current time). */
  now?: Date;
  /** to_container(throw_on_missing=True): a remaining "???" is an error. */
  throwOnMissing?: boolean;
}

/** OmegaConf.to_container(cfg, resolve=True): a new tree without interpolations, positions kept (`via`
 * records the interpolation nodes a value came through). Throws ConfigError with OmegaConf's type/message. */
export function resolveTree(_root: Node, _options: InterpolationOptions = {}): Node {
  throw new Error("not implemented");
}

/** Checks every interpolation string parses (OmegaConf validates the grammar even with resolve=False). */
export function validateInterpolations(_root: Node): void {
  throw new Error("not implemented");
}
