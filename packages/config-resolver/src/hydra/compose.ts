// OWNER: hydra helper.
import type { Node } from "../model.js";

export interface ComposeOptions {
  /** Hydra command-line overrides, in order (Hydra's override grammar). */
  overrides?: string[];
  /** "1.1" (ROLL's mode: initialize() without version_base; the default) or "1.3" (version_base=None). */
  versionBase?: "1.1" | "1.3";
}

export interface DefaultsEntry {
  config_path: string;
  package: string;
  parent: string | null;
  is_self: boolean;
  primary: boolean;
}

export interface Composed {
  /** The merged, unresolved config with `defaults` and `hydra` removed (overrides applied). */
  config: Node;
  /** The final defaults list in merge order (without Hydra's own hydra/... entries). */
  defaults: DefaultsEntry[];
  /** Warnings Hydra would print (missing _self_, ...). */
  warnings: string[];
}

/** initialize_config_dir(configDir) + compose(configName, overrides). Throws ConfigError. */
export function compose(_configDir: string, _configName: string, _options: ComposeOptions = {}): Composed {
  throw new Error("not implemented");
}
