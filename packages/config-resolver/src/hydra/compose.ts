// Hydra's compose() for one config dir (initialize_config_dir + compose, ConfigLoaderImpl.load_configuration).

import { statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { aboutOverride, ConfigError } from "../errors.js";
import { type DictNode, dictNode, getEntry, type Node, type SourcePos, setEntry } from "../model.js";
import { mergeNodes } from "../omegaconf/merge.js";
import { pyStr } from "../python/format.js";
import { applyConfigOverrides } from "./apply-overrides.js";
import { at, ConfigRepository, type HydraWarning } from "./config-repository.js";
import { createDefaultsList, type ResultDefault } from "./defaults-list.js";
import { compositionError, isOmegaConfError, wrapComposition } from "./errors.js";
import { checkHydraGroupOverride, checkHydraOverride, validateHydraNode } from "./hydra-conf.js";
import { buildHydraNode } from "./hydra-runtime.js";
import { pyTypeName } from "./omegaconf-load.js";
import { isHydraOverride, keyElement, type Override, parseOverride } from "./override-parser.js";
import { findProjectRoot } from "./project-root.js";

export interface ComposeOptions {
  /** Hydra command-line overrides, in order (Hydra's override grammar). */
  overrides?: string[];
  /** "1.1" (ROLL's mode: initialize() without version_base; the default) or "1.3" (version_base=None). */
  versionBase?: "1.1" | "1.3";
  /**
   * Refuse config files outside this directory. Default: the nearest ancestor of the config directory with
   * .git, package.json, pyproject.toml, setup.py or setup.cfg (else the config directory's parent).
   * `false`: Hydra's behaviour, any path `..` reaches (the CLI's --allow-outside).
   */
  projectRoot?: string | false;
  /**
   * Text to use instead of a config file's content on disk (an editor's unsaved buffer), by real path;
   * undefined: read the file. The file must still exist: discovery (group options, existence) uses the disk.
   */
  readText?: (file: string) => string | undefined;
  /**
   * Hydra's `--config-dir DIR`: one more config directory (provider "command-line"), searched after the
   * primary config's directory and before `hydra.searchpath`. Relative to `cwd`.
   */
  configDir?: string;
  /** The working directory relative `file://` entries of `hydra.searchpath` name (default: process.cwd()). */
  cwd?: string;
  /** The environment hydra.job.env_copy reads (default: process.env). */
  env?: Record<string, string | undefined>;
  /** hydra.job.name when no config or override sets it (initialize_config_dir's job_name; default "app"). */
  jobName?: string;
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
  /** Warnings Hydra would print (missing _self_, ...), in its order: their messages. */
  warnings: string[];
  /** The same warnings, each with the place in a config file that causes it when one place does. */
  hydraWarnings: HydraWarning[];
  /** Real paths of the config files read, in first-read order. */
  files: string[];
  /** Hydra's own node as compose() built it before dropping it (read by `${hydra:...}` under @hydra.main). */
  hydra: DictNode;
}

/** initialize_config_dir(configDir) + compose(configName, overrides). Throws ConfigError. */
export function compose(configDir: string, configName: string, options: ComposeOptions = {}): Composed {
  const dir = resolvePath(configDir);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(
      "MissingConfigException",
      `Primary config directory not found.\nCheck that the config directory '${dir}' exists and readable`,
    );
  }
  const root =
    options.projectRoot === false ? null : resolvePath(options.projectRoot ?? findProjectRoot(dir));
  const cwd = resolvePath(options.cwd ?? process.cwd());
  const extra = options.configDir === undefined ? undefined : resolvePath(cwd, options.configDir);
  if (extra !== undefined && !statSync(extra, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError("SearchPathException", `Additional config directory '${extra}' not found`);
  }
  // A directory given on the command line is the user's own choice: the sandbox does not apply to it.
  const repo = new ConfigRepository(
    dir,
    (options.versionBase ?? "1.1") === "1.1",
    root,
    extra ? [extra] : [],
    options.readText,
  );
  if (extra !== undefined) repo.sources.push({ provider: "command-line", path: extra, dir: extra });
  try {
    return composeWith(repo, configName, options.overrides ?? [], {
      cwd,
      env: options.env ?? process.env,
      jobName: options.jobName ?? "app",
      versionBase: options.versionBase ?? "1.1",
    });
  } catch (e) {
    // load_configuration() turns any OmegaConf error that escapes composition into a message-less
    // ConfigCompositionException; YAML and Hydra errors pass through.
    if (isOmegaConfError(e)) throw wrapComposition("", e);
    throw e;
  }
}

interface Runtime {
  cwd: string;
  env: Record<string, string | undefined>;
  jobName: string;
  versionBase: "1.1" | "1.3";
}

function composeWith(
  repo: ConfigRepository,
  configName: string,
  overrideLines: string[],
  rt: Runtime,
): Composed {
  const { cwd } = rt;
  const overrides = overrideLines.map(parseOverride);
  const primary = repo.loadConfig(configName);
  if (primary !== null && primary.config.kind !== "dict") {
    const type = primary.config.kind === "list" ? "ListConfig" : "ValueNode";
    throw new ConfigError(
      "ConfigCompositionException",
      `primary config '${configName}' must be a DictConfig, got ${type}`,
      primary.config.pos ? { pos: primary.config.pos } : {},
    );
  }
  addSearchPath(repo, primary?.config ?? null, overrides, cwd);
  rejectSweeps(overrides);
  // Overrides of hydra.* only change Hydra's own node, which compose() drops: they are checked against its
  // schema in command-line order with the others, never applied.
  const userOverrides = overrides.filter((o) => !isHydraOverride(o));
  for (const o of overrides) {
    aboutOverride(o.inputLine, () => {
      if (o.keyOrGroup.startsWith("hydra/")) checkHydraGroupOverride(o, repo.searchPathText());
      if (o.keyOrGroup === "hydra" && o.value?.kind === "scalar" && typeof o.value.value !== "string") {
        // `hydra` is a config group (Hydra's own package provides it)
        throw new ConfigError(
          "ValueError",
          `Config group override must be a string or a list. Got ${o.value.value === null ? "NoneType" : pyTypeName(o.value.value)}`,
        );
      }
    });
  }
  const list = createDefaultsList(repo, configName, userOverrides);
  const hydraNodes: Node[] = [];
  const config = mergeDefaults(repo, list.defaults, primary?.config.pos, hydraNodes);
  const toApply = new Set(list.configOverrides);
  for (const o of overrides) {
    if (o.keyOrGroup.startsWith("hydra.")) aboutOverride(o.inputLine, () => checkHydraOverride(o));
    else if (toApply.has(o)) aboutOverride(o.inputLine, () => applyConfigOverrides(config, [o]));
  }
  const hydra = buildHydraNode({
    configName,
    overrides,
    userNodes: hydraNodes,
    knownChoices: list.knownChoices,
    sources: repo.sources,
    cwd,
    versionBase: rt.versionBase,
    env: rt.env,
    jobName: rt.jobName,
  });
  return {
    config,
    defaults: list.defaults.map(publicEntry),
    warnings: repo.warnings.map((w) => w.message),
    hydraWarnings: [...repo.warnings],
    files: [...repo.files],
    hydra,
  };
}

/**
 * ConfigLoaderImpl._process_config_searchpath: `hydra.searchpath` of the primary config, or a
 * `hydra.searchpath=[...]` override, appends config sources after the primary's directory (and --config-dir).
 */
function addSearchPath(
  repo: ConfigRepository,
  primary: Node | null,
  overrides: Override[],
  cwd: string,
): void {
  const override = overrides.find((o) => keyElement(o) === "hydra.searchpath" && o.value !== null);
  let node: Node | undefined;
  let pos: SourcePos | undefined;
  let provider = "hydra.searchpath in main";
  if (override?.value && !(override.value.kind === "scalar" && override.value.value === null)) {
    node = override.value;
    provider = "hydra.searchpath in command-line";
  } else if (primary !== null) {
    const hydra = primary.kind === "dict" ? getEntry(primary, "hydra")?.node : undefined;
    if (hydra?.kind === "list") {
      // OmegaConf.select(primary, "hydra.searchpath") indexes the list with a str
      const m = "Index 'searchpath' (str) is not an int";
      throw new ConfigError("ConfigTypeError", `${m}\n    full_key: hydra.searchpath\n    object_type=dict`, {
        ...(hydra.pos ? { pos: hydra.pos } : {}),
        chain: [
          { error: "ConfigTypeError", message: `${m}\n    full_key: hydra.searchpath\n    object_type=dict` },
          { error: "TypeError", message: m },
        ],
      });
    }
    const entry = hydra?.kind === "dict" ? getEntry(hydra, "searchpath") : undefined;
    node = entry?.node;
    pos = entry?.node.pos ?? entry?.keyPos;
  }
  if (node === undefined || (node.kind === "scalar" && node.value === null)) return;
  const items = node.kind === "list" ? node.items : [];
  if (node.kind !== "list" || items.some((i) => i.kind !== "scalar" || typeof i.value !== "string")) {
    throw new ConfigError(
      "ConfigCompositionException",
      `hydra.searchpath must be a list of strings. Got: ${pyStr(node)}`,
      pos ? { pos } : {},
    );
  }
  for (const item of items) {
    const entry = (item as { value: string }).value;
    const where = item.pos ?? pos;
    const idx = entry.indexOf("://");
    const scheme = idx === -1 ? "file" : entry.slice(0, idx);
    if (entry.includes("${")) {
      throw new ConfigError(
        "NotImplementedError",
        `hydra.searchpath entry '${entry}' is an interpolation; roll-config needs a literal file:// path`,
        where ? { pos: where } : {},
      );
    }
    if (scheme !== "file") {
      throw new ConfigError(
        "NotImplementedError",
        `hydra.searchpath entry '${entry}': ${scheme}:// config sources are Python packages, which roll-config cannot import; use a file:// path to the same directory`,
        where ? { pos: where } : {},
      );
    }
    const path = idx === -1 ? entry : entry.slice(idx + 3);
    repo.sources.push({ provider, path, dir: resolvePath(cwd, path), ...(where ? { pos: where } : {}) });
  }
  for (const source of repo.sources) {
    if (!statSync(source.dir, { throwIfNoEntry: false })?.isDirectory()) {
      repo.warnings.push(
        at(
          "hydra/searchpath-unavailable",
          `provider=${source.provider}, path=${source.path} is not available.`,
          source.pos,
        ),
      );
    }
  }
}

/** validate_sweep_overrides_legal() in RUN mode (compose() passes from_shell=False). */
function rejectSweeps(overrides: Override[]): void {
  for (const o of overrides) {
    if (!o.isSweep) continue;
    const override = o.inputLine;
    if (o.valueType !== "simple_choice_sweep") {
      throw new ConfigError(
        "ConfigCompositionException",
        `Sweep parameters '${o.inputLine}' requires --multirun`,
        { override },
      );
    }
    throw new ConfigError(
      "ConfigCompositionException",
      `Ambiguous value for argument '${o.inputLine}'\n` +
        "1. To use it as a list, use key=[value1,value2]\n" +
        "2. To use it as string, quote the value: key='value1,value2'\n" +
        "3. To sweep over it, add --multirun to your command line",
      { override },
    );
  }
}

/** Loads every entry of the final defaults list (cached), embeds it at its package and merges it in order. */
function mergeDefaults(
  repo: ConfigRepository,
  defaults: ResultDefault[],
  rootPos: SourcePos | undefined,
  hydraNodes: Node[],
): DictNode {
  // The root is attributed to the primary file, so errors about top-level keys point somewhere useful.
  let cfg: Node = dictNode(rootPos);
  for (const d of defaults) {
    const loaded = repo.loadConfig(d.configPath);
    if (loaded === null) continue; // unreachable: the defaults tree only keeps configs that exist
    // Package "" merges the cached node itself: Hydra merges without deep copies, so containers of a config
    // listed twice are aliased into the result (d27b). Embedding under a package copies.
    const aliased = d.package === "";
    const src = aliased ? loaded.config : embed(d.package, cloneNode(loaded.config));
    try {
      if (!d.primary && d.configPath !== "hydra/config") rejectSecondarySearchPath(d.configPath, src);
      const content = withoutHydraNode(src, hydraNodes);
      replaceListsInPlace(cfg, content);
      cfg = mergeNodes(cfg, content, { root: cfg, aliasSrc: aliased });
    } catch (e) {
      if (!isOmegaConfError(e)) throw e;
      const inner = e.chain[0]?.message ?? e.message;
      throw wrapComposition(
        `In '${d.configPath}': ${e.pythonType} raised while composing config:\n${inner}`,
        e,
      );
    }
  }
  return cfg as DictNode;
}

/**
 * OmegaConf's _list_merge replaces a destination list's items in place. Under Hydra's no-deepcopy merge that
 * list may belong to a cached config, so a config listed again later sees the newer list (d27).
 */
function replaceListsInPlace(dest: Node, src: Node): void {
  if (dest.kind !== "dict" || src.kind !== "dict") return;
  for (const entry of src.entries.values()) {
    const target = getEntry(dest, entry.key)?.node;
    if (target === undefined || target === entry.node) continue;
    if (target.kind === "list" && entry.node.kind === "list") target.items = [...entry.node.items];
    else replaceListsInPlace(target, entry.node);
  }
}

/** Only the primary config may set hydra.searchpath (checked on the config as embedded at its package). */
function rejectSecondarySearchPath(configPath: string, src: Node): void {
  const hydra = src.kind === "dict" ? getEntry(src, "hydra")?.node : undefined;
  const searchPath = hydra?.kind === "dict" ? getEntry(hydra, "searchpath") : undefined;
  if (!searchPath || (searchPath.node.kind === "scalar" && searchPath.node.value === null)) return;
  throw compositionError(
    `In '${configPath}': Overriding hydra.searchpath is only supported from the primary config`,
    searchPath.keyPos,
  );
}

/** A top-level `hydra:` node goes into Hydra's HydraConf (validated there), never into the result. */
function withoutHydraNode(src: Node, hydraNodes: Node[]): Node {
  if (src.kind !== "dict") return src;
  const hydra = src.entries.get("s:hydra");
  if (!hydra) return src;
  validateHydraNode(hydra.node);
  hydraNodes.push(hydra.node);
  const rest: DictNode = { ...src, entries: new Map(src.entries) };
  rest.entries.delete("s:hydra");
  return rest;
}

/** OmegaConf.update(cfg, package, content, merge=False): `a.b` nests the content under a -> b. */
function embed(pkg: string, content: Node): Node {
  let node = content;
  for (const key of pkg.split(".").reverse()) {
    const wrapper = dictNode();
    setEntry(wrapper, key, node);
    node = wrapper;
  }
  return node;
}

function cloneNode(node: Node): Node {
  const meta = {
    ...(node.pos ? { pos: node.pos } : {}),
    ...(node.overrode ? { overrode: [...node.overrode] } : {}),
    ...(node.via ? { via: [...node.via] } : {}),
  };
  if (node.kind === "scalar")
    return { kind: "scalar", value: node.value, ...(node.pyType && { pyType: node.pyType }), ...meta };
  if (node.kind === "list") return { kind: "list", items: node.items.map(cloneNode), ...meta };
  const entries = new Map();
  for (const [id, e] of node.entries) entries.set(id, { ...e, node: cloneNode(e.node) });
  return { kind: "dict", entries, ...meta };
}

function publicEntry(d: ResultDefault): DefaultsEntry {
  return {
    config_path: d.configPath,
    package: d.package,
    parent: d.parent,
    is_self: d.isSelf,
    primary: d.primary,
  };
}
