// A config's top-level `hydra:` node is merged into Hydra's structured HydraConf (hydra/conf/__init__.py at
// v1.3.2), whose dataclasses reject unknown keys; compose() then drops the node. Only field names are checked:
// Any/Dict/List fields are open, nested dataclass fields are checked recursively.
import { ConfigError } from "../errors.js";
import type { Node } from "../model.js";

/** Dataclass name -> field -> nested dataclass name (null: any value). */
const SCHEMA: Record<string, Record<string, string | null>> = {
  HydraConf: {
    defaults: null,
    mode: null,
    searchpath: null,
    run: "RunDir",
    sweep: "SweepDir",
    hydra_logging: null,
    job_logging: null,
    sweeper: null,
    launcher: null,
    callbacks: null,
    help: "HelpConf",
    hydra_help: "HydraHelpConf",
    output_subdir: null,
    overrides: "OverridesConf",
    job: "JobConf",
    runtime: "RuntimeConf",
    verbose: null,
  },
  RunDir: { dir: null },
  SweepDir: { dir: null, subdir: null },
  HelpConf: { app_name: null, header: null, footer: null, template: null },
  HydraHelpConf: { hydra_help: null, template: null },
  OverridesConf: { hydra: null, task: null },
  JobConf: {
    name: null,
    chdir: null,
    override_dirname: null,
    id: null,
    num: null,
    config_name: null,
    env_set: null,
    env_copy: null,
    config: "JobConfig",
  },
  JobConfig: { override_dirname: "OverrideDirname" },
  OverrideDirname: { kv_sep: null, item_sep: null, exclude_keys: null },
  RuntimeConf: {
    version: null,
    version_base: null,
    cwd: null,
    config_sources: null,
    output_dir: null,
    choices: null,
  },
};

/** Throws OmegaConf's ConfigKeyError for the first key HydraConf does not declare. */
export function validateHydraNode(node: Node, className = "HydraConf", fullKey = "hydra"): void {
  if (node.kind !== "dict") return;
  const fields = SCHEMA[className] ?? {};
  for (const entry of node.entries.values()) {
    const key = String(entry.key);
    const childKey = `${fullKey}.${key}`;
    if (typeof entry.key !== "string" || !(key in fields)) {
      const message = `Key '${key}' not in '${className}'\n    full_key: ${childKey}\n    object_type=${className}`;
      throw new ConfigError("ConfigKeyError", message, {
        pos: entry.keyPos ?? entry.node.pos,
        chain: [
          { error: "ConfigKeyError", message },
          { error: "ConfigAttributeError", message },
        ],
      });
    }
    const nested = fields[key];
    if (nested) validateHydraNode(entry.node, nested, childKey);
  }
}
