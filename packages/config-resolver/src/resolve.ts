// The library entry point: what ROLL does (Hydra compose, then OmegaConf.to_container), without Python.
import { basename, dirname, resolve as resolvePath } from "node:path";
import { type ComposeOptions, compose, type DefaultsEntry } from "./hydra/compose.js";
import type { HydraWarning } from "./hydra/config-repository.js";
import { coerceHydraNode } from "./hydra/hydra-conf.js";
import { type DictNode, getEntry, type Node, setEntry } from "./model.js";
import { Budget, type WorkCounts } from "./omegaconf/budget.js";
import { type InterpolationOptions, resolveTree, validateInterpolations } from "./omegaconf/resolve.js";

export interface ResolveOptions extends ComposeOptions, InterpolationOptions {
  /** false: return the composed tree with interpolations unresolved (they are still syntax-checked). */
  resolve?: boolean;
  /**
   * Resolve `${hydra:...}` as an @hydra.main application sees it (HydraConfig holds the composed hydra node).
   * Default false: the compose API ROLL uses, where Hydra raises "HydraConfig was not set".
   */
  hydraMain?: boolean;
}

export interface ResolveResult {
  /** The resolved config (or the composed one with `resolve: false`); nodes keep pos / overrode / via. */
  config: Node;
  /** The merged config before interpolation. */
  composed: Node;
  /** Hydra's final defaults list, in merge order. */
  defaults: DefaultsEntry[];
  /** Warnings Hydra would print: their messages. */
  warnings: string[];
  /** The same warnings, each placed where a config file causes it (missing `_self_`: its `defaults` key). */
  hydraWarnings: HydraWarning[];
  /** Real paths of every config file read. */
  files: string[];
  /** What resolution did (interpolations, nodes written and copied): counted work, for tests and tools. */
  work: WorkCounts;
}

/**
 * Composes `primaryPath` like `initialize_config_dir(dirname) + compose(stem, overrides)` and resolves it like
 * `OmegaConf.to_container(cfg, resolve=True)`. Throws ConfigError (with file/line/column when known).
 */
export function resolve(primaryPath: string, options: ResolveOptions = {}): ResolveResult {
  const abs = resolvePath(primaryPath);
  // Hydra appends ".yaml" to a bare name; a ".yml" name is used as written.
  const configName = basename(abs).replace(/\.yaml$/, "");
  const composed = compose(dirname(abs), configName, {
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.versionBase ? { versionBase: options.versionBase } : {}),
    ...(options.projectRoot !== undefined ? { projectRoot: options.projectRoot } : {}),
    ...(options.configDir !== undefined ? { configDir: options.configDir } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.readText ? { readText: options.readText } : {}),
  });
  const budget = options.budget ?? new Budget();
  let config: Node;
  if (options.resolve === false) {
    validateInterpolations(composed.config);
    config = composed.config;
  } else {
    config = resolveTree(composed.config, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.throwOnMissing ? { throwOnMissing: options.throwOnMissing } : {}),
      budget,
      ...(options.hydraMain ? { hydra: resolvedHydraNode(composed.config, composed.hydra, options) } : {}),
    });
  }
  return {
    config,
    composed: composed.config,
    defaults: composed.defaults,
    warnings: composed.warnings,
    hydraWarnings: composed.hydraWarnings,
    files: composed.files,
    work: budget.counts,
  };
}

/**
 * The hydra node as HydraConfig.get() serves it: OmegaConf.select resolves its interpolations with the whole
 * config as root (Hydra parents the node to it). A node that cannot be resolved is served as stored.
 */
export function resolvedHydraNode(config: Node, hydra: Node, options: InterpolationOptions = {}): Node {
  if (config.kind !== "dict") return hydra;
  const root: DictNode = { ...config, entries: new Map(config.entries) };
  setEntry(root, "hydra", hydra);
  try {
    const resolved = resolveTree(root, { ...options, throwOnMissing: false, hydra });
    const node = resolved.kind === "dict" ? getEntry(resolved, "hydra")?.node : undefined;
    if (node === undefined) return hydra;
    coerceHydraNode(node);
    return node;
  } catch {
    return hydra;
  }
}
