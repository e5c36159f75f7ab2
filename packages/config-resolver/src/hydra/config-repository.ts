// Hydra's file config source + caching repository (hydra/_internal/config_repository.py,
// core_plugins/file_config_source.py, plugins/config_source.py), for one compose call.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";
import type { DictNode, Node, SourcePos } from "../model.js";
import { pyRepr } from "../python/format.js";
import { decodeUtf8 } from "../yaml/load.js";
import { ConfigDefault, GroupDefault, type InputDefault } from "./default-element.js";
import { omegaconfLoadCached, pyTypeName } from "./omegaconf-load.js";
import { isInside, realPath } from "./project-root.js";

/** A warning Hydra would print, and the place in a config file that causes it (when one place does). */
export interface HydraWarning {
  /** hydra/missing-self (the composition-order notice), hydra/deprecated, hydra/searchpath-unavailable. */
  code: HydraWarningCode;
  /** Hydra's text. */
  message: string;
  pos?: SourcePos;
}
export type HydraWarningCode = "hydra/missing-self" | "hydra/deprecated" | "hydra/searchpath-unavailable";

export interface LoadedConfig {
  configPath: string;
  /** Real path of the file (what PyYAML names in its errors). */
  file: string;
  /** The file's content with its top-level `defaults` removed. Shared by every use within one compose. */
  config: Node;
  header: { package: string | null; pos?: SourcePos };
  /** Where the file's top-level `defaults` key is, when it has one. */
  defaultsPos?: SourcePos;
  /** Fresh defaults-list elements (Hydra deep-copies the cached list on every visit). */
  defaultsList(): InputDefault[];
}

/** A `# @package` header is read from the first 512 characters only. */
const HEADER_WINDOW = 512;

/** A `file://` entry of Hydra's config search path. */
export interface ConfigSource {
  /** "main", "command-line", "hydra.searchpath in main", "hydra.searchpath in command-line". */
  provider: string;
  /** The path as Hydra prints it after `file://` (relative entries stay relative). */
  path: string;
  /** The `hydra.searchpath` item that added it (none for the primary and command-line ones). */
  pos?: SourcePos;
  /** The directory it names, resolved against the working directory. */
  dir: string;
}

export class ConfigRepository {
  /** Absolute config dir as given (not realpath'd): Hydra prints it verbatim in the search path. */
  readonly configDir: string;
  readonly legacy: boolean;
  /** Hydra's warnings (deprecations, missing `_self_`), in the order it would print them. */
  readonly warnings: HydraWarning[] = [];
  private readonly cache = new Map<string, LoadedConfig | null>();
  private readonly realRoots = new Map<string, string | undefined>();
  private readonly realDirs = new Map<string, string | undefined>();
  /** Files read, in first-read order. */
  readonly files: string[] = [];
  /** The file sources in search order (Hydra's own pkg://hydra.conf first and structured:// last are implied). */
  sources: ConfigSource[];

  /** Files outside these directories are refused (null: Hydra's behaviour, anything `..` reaches). */
  readonly projectRoots: string[] | null;

  constructor(
    configDir: string,
    legacy: boolean,
    projectRoot: string | null = null,
    extraRoots: string[] = [],
    private readonly readText?: (file: string) => string | undefined,
  ) {
    this.configDir = configDir;
    this.legacy = legacy;
    this.projectRoots = projectRoot === null ? null : [projectRoot, ...extraRoots];
    this.sources = [{ provider: "main", path: configDir, dir: configDir }];
  }

  /**
   * The one place a config or group path becomes a file-system path (an opt-in sandbox belongs here). Like
   * Hydra, `..` is not normalised or sandboxed: the string goes to the OS as is (so `dir/../x` follows
   * symlinks the way Python's os.path does). The first source that has it wins.
   */
  private fsPath(relative: string, test: (path: string) => boolean): string | undefined {
    for (const source of this.sources) {
      const path = `${source.dir}/${relative}`;
      if (test(path)) return path;
    }
    return undefined;
  }

  configExists(configPath: string): boolean {
    return this.fsPath(normalizeFileName(configPath), isFile) !== undefined;
  }

  groupExists(groupPath: string): boolean {
    return this.fsPath(groupPath, isDir) !== undefined;
  }

  /** Sorted option names of a group in every source; `.yml` files are listed too (Hydra 1.1 behaviour). */
  groupOptions(groupPath: string): string[] {
    const options = new Set<string>();
    for (const source of this.sources) {
      const dir = `${source.dir}/${groupPath}`;
      if (!isDir(dir)) continue;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name === "__pycache__" || name === "__init__.py") continue;
        if (!isFile(`${dir}/${normalizeFileName(name)}`)) continue;
        const dot = name.lastIndexOf(".");
        options.add(dot === -1 ? name : name.slice(0, dot));
      }
    }
    return [...options].sort();
  }

  searchPathText(): string {
    return [
      "\tprovider=hydra, path=pkg://hydra.conf",
      ...this.sources.map((s) => `\tprovider=${s.provider}, path=file://${s.path}`),
      "\tprovider=schema, path=structured://",
    ].join("\n");
  }

  /**
   * Loads (once per config path, like CachingConfigRepository) or returns null when there is no such file.
   * `pos` is the defaults entry that asked for it, for the error when the file is outside the project.
   */
  loadConfig(configPath: string, pos?: SourcePos): LoadedConfig | null {
    const cached = this.cache.get(configPath);
    if (cached !== undefined) return cached;
    // isFile with lstat first: a regular file's real path is then its directory's and its name (realFile).
    let regular: string | undefined;
    const path = this.fsPath(normalizeFileName(configPath), (p) => {
      const st = lstat(p);
      if (st?.isFile()) regular = p;
      return regular === p || (st?.isSymbolicLink() === true && isFile(p));
    });
    const roots = this.projectRoots;
    const checked = path ?? `${this.configDir}/${normalizeFileName(configPath)}`;
    const real = regular !== undefined ? this.realFile(regular) : realPath(checked);
    if (roots !== null && !roots.some((root) => isInside(checked, root, real, this.realRoot(root)))) {
      throw new ConfigError(
        "ConfigCompositionException",
        `'${configPath}' resolves to ${checked}, outside the project ${roots[0]}: refused (pass --allow-outside to read it)`,
        pos ? { pos } : {},
      );
    }
    const loaded = path === undefined ? null : this.loadUncached(configPath, path, real);
    this.cache.set(configPath, loaded);
    return loaded;
  }

  /**
   * realpath(3) of a regular file (not a symlink): its directory's real path, looked up once per directory
   * per compose, joined with its name. One lstat per file instead of realpath's walk of every component.
   */
  private realFile(path: string): string | undefined {
    const dir = dirname(path);
    if (!this.realDirs.has(dir)) this.realDirs.set(dir, realPath(dir));
    const realDir = this.realDirs.get(dir);
    return realDir === undefined ? realPath(path) : join(realDir, basename(path));
  }

  /** A project root's real path, looked up once per compose. */
  private realRoot(root: string): string | undefined {
    if (!this.realRoots.has(root)) this.realRoots.set(root, realPath(root));
    return this.realRoots.get(root);
  }

  /** `real`: the file's real path, when known. */
  private loadUncached(configPath: string, path: string, real: string | undefined): LoadedConfig {
    let file = path;
    let text: string;
    try {
      file = real ?? realpathSync.native(path); // the lookup failed: this throws its error
      text = this.readText?.(file) ?? decodeUtf8(readFileSync(file), file);
    } catch (e) {
      if (e instanceof ConfigError) throw e; // invalid UTF-8, with its position
      throw new ConfigError("OSError", `Cannot read ${file}: ${(e as Error).message}`, {
        pos: { file, line: 1, column: 1 },
      });
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!this.files.includes(file)) this.files.push(file);
    const header = parseHeader(text.slice(0, HEADER_WINDOW), file);
    const config = omegaconfLoadCached(text, file);
    const { specs, pos: defaultsPos } =
      config.kind === "dict"
        ? extractDefaults(configPath, config, this.legacy, this.warnings)
        : { specs: [] };
    const legacy = this.legacy;
    return {
      configPath,
      file,
      config,
      header,
      ...(defaultsPos ? { defaultsPos } : {}),
      defaultsList: () => specs.map((spec) => spec(legacy)),
    };
  }
}

function normalizeFileName(name: string): string {
  return name.endsWith(".yaml") || name.endsWith(".yml") ? name : `${name}.yaml`;
}

/** Like Python's os.path.isfile / isdir: any error (ENOENT, ENOTDIR, EACCES, ...) means "no". */
function stat(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function lstat(path: string) {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  return stat(path)?.isFile() ?? false;
}

function isDir(path: string): boolean {
  return stat(path)?.isDirectory() ?? false;
}

/** Python's str.splitlines() boundaries. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** `# @package x` header lines; parsing stops at the first line that is neither blank nor `# @...`. */
export function parseHeader(text: string, file: string): { package: string | null; pos?: SourcePos } {
  const res: Record<string, string> = {};
  let packagePos: SourcePos | undefined;
  const lines = text.split(LINE_BREAKS);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? "").trim();
    if (line.length === 0) continue;
    if (!/^\s*#\s*@/.test(line)) break;
    line = line.replace(/^#+/, "").trim();
    const splits = line.split(" ").filter((s) => s.length > 0);
    const pos = { file, line: i + 1, column: 1 };
    if (splits.length < 2)
      throw new ConfigError("ValueError", `Expected header format: KEY VALUE, got '${line}'`, { pos });
    if (splits.length > 2) throw new ConfigError("ValueError", `Too many components in '${line}'`, { pos });
    const [key, val] = splits as [string, string];
    if (key.startsWith("@")) res[key.slice(1)] = val;
    if (key === "@package") packagePos = pos;
  }
  return { package: res.package ?? null, ...(packagePos ? { pos: packagePos } : {}) };
}

type DefaultSpec = (legacy: boolean) => InputDefault;

/** Removes the top-level `defaults` key and parses it into element factories (errors are raised now, as in
 * Hydra's ConfigRepository.load_config); `pos` is where the key was. */
function extractDefaults(
  configPath: string,
  config: DictNode,
  legacy: boolean,
  warnings: HydraWarning[],
): { specs: DefaultSpec[]; pos?: SourcePos } {
  const entry = config.entries.get("s:defaults");
  if (!entry) return { specs: [] };
  config.entries.delete("s:defaults");
  const defaults = entry.node;
  if (defaults.kind !== "list") {
    const typeStr = defaults.kind === "dict" ? "mapping" : pyTypeName(defaults.value);
    throw new ConfigError(
      "ValueError",
      `Invalid defaults list in '${configPath}', defaults must be a list (got ${typeStr})`,
      { pos: defaults.pos ?? entry.keyPos },
    );
  }
  const specs = defaults.items.map((item) => {
    const spec = parseDefaultItem(configPath, item, legacy, warnings);
    spec(legacy); // constructors validate (e.g. `_self_@pkg`): fail at load time like Hydra
    return spec;
  });
  return entry.keyPos ? { specs, pos: entry.keyPos } : { specs };
}

/** A warning placed at `pos` when there is one. */
export const at = (code: HydraWarningCode, message: string, pos: SourcePos | undefined): HydraWarning =>
  pos ? { code, message, pos } : { code, message };

const NAME_KEYWORD_WARNING = (configPath: string) =>
  `In ${configPath}: Defaults List contains deprecated keyword _name_, see ` +
  "https://hydra.cc/docs/1.2/upgrades/1.0_to_1.1/changes_to_package_header\n";

function parseDefaultItem(
  configPath: string,
  item: Node,
  legacy: boolean,
  warnings: HydraWarning[],
): DefaultSpec {
  const pos = item.pos;
  if (item.kind === "scalar") {
    if (typeof item.value !== "string") {
      throw new ConfigError("ValueError", `Unsupported type in defaults : ${pyTypeName(item.value)}`, {
        pos,
      });
    }
    const { group: path, pkg } = splitGroup(item.value);
    if (legacy && pkg?.includes("_name_"))
      warnings.push(at("hydra/deprecated", NAME_KEYWORD_WARNING(configPath), pos));
    return (legacy) => new ConfigDefault({ path, package: pkg }, legacy, pos);
  }
  if (item.kind === "list") {
    throw new ConfigError("ValueError", "Unsupported type in defaults : ListConfig", { pos });
  }
  const entries = [...item.entries.values()];
  let oldOptional: boolean | undefined;
  // `{db: mysql, optional: true}`: the pre-1.1 form, still accepted (with a warning) under version_base 1.1.
  if (legacy && entries.length > 1) {
    const idx = entries.findIndex((e) => e.key === "optional");
    if (idx !== -1) {
      const [opt] = entries.splice(idx, 1);
      oldOptional = opt?.node.kind === "scalar" && Boolean(opt.node.value);
    }
  }
  if (entries.length > 1) {
    throw new ConfigError("ValueError", `In ${configPath}: Too many keys in default item ${describe(item)}`, {
      pos,
    });
  }
  const first = entries[0];
  if (!first) throw new ConfigError("ValueError", `In ${configPath}: Missing group name in {}`, { pos });
  if (typeof first.key !== "string") {
    throw new ConfigError(
      "ValueError",
      `In ${configPath}: group name must be a string in ${describe(item)}`,
      { pos },
    );
  }
  const { group: groupWithKeywords, pkg } = splitGroup(first.key);
  const keywords = extractKeywords(groupWithKeywords);
  const optional = keywords.optional || (oldOptional ?? false);
  const value = groupValue(first.node, first.keyPos ?? pos);
  const entryPos = first.keyPos ?? pos;
  if (oldOptional !== undefined) {
    const shown =
      value === null ? "None" : Array.isArray(value) ? `[${value.map((v) => `'${v}'`).join(", ")}]` : value;
    warnings.push(
      at(
        "hydra/deprecated",
        `\nIn ${configPath}: 'optional: true' is deprecated.\nUse 'optional ${first.key}: ${shown}' instead.\n` +
          "Support for the old style is removed for Hydra version_base >= 1.2",
        pos,
      ),
    );
  }
  if (legacy && pkg?.includes("_name_"))
    warnings.push(at("hydra/deprecated", NAME_KEYWORD_WARNING(configPath), entryPos));
  return (legacy) =>
    new GroupDefault(
      {
        group: keywords.group,
        value: Array.isArray(value) ? [...value] : value,
        package: pkg,
        optional,
        override: keywords.override,
      },
      legacy,
      entryPos,
    );
}

function groupValue(node: Node, pos: SourcePos | undefined): string | string[] | null {
  if (node.kind === "scalar") {
    if (node.value === null || typeof node.value === "string") return node.value;
    throw new ConfigError(
      "ValueError",
      `Unsupported item value in defaults : ${pyTypeName(node.value)}. Supported: string or list`,
      { pos: node.pos ?? pos },
    );
  }
  if (node.kind === "dict") {
    throw new ConfigError(
      "ValueError",
      "Unsupported item value in defaults : dict. Supported: string or list",
      {
        pos: node.pos ?? pos,
      },
    );
  }
  return node.items.map((v) => {
    if (v.kind === "scalar" && typeof v.value === "string") return v.value;
    const type = v.kind === "scalar" ? pyTypeName(v.value) : v.kind === "dict" ? "DictConfig" : "ListConfig";
    throw new ConfigError(
      "ValueError",
      `Unsupported item value in defaults : ${type}, nested list items must be strings`,
      { pos: v.pos ?? pos },
    );
  });
}

/** `group@package` split at the first `@`; a `:pkg2` rename suffix is dropped (Hydra ignores it). */
function splitGroup(text: string): { group: string; pkg: string | null } {
  const idx = text.indexOf("@");
  if (idx === -1) return { group: text, pkg: null };
  let pkg = text.slice(idx + 1);
  const colon = pkg.indexOf(":");
  if (colon !== -1) pkg = pkg.slice(0, colon);
  return { group: text.slice(0, idx), pkg };
}

function extractKeywords(text: string): { group: string; optional: boolean; override: boolean } {
  const elements = text.split(" ");
  const group = elements.pop() ?? "";
  let optional = false;
  let override = false;
  for (const e of elements) {
    if (e === "optional") optional = true;
    else if (e === "override") override = true;
    else break;
  }
  return { group, optional, override };
}

function describe(item: DictNode): string {
  const parts = [...item.entries.values()].map((e) => {
    const v = e.node.kind === "scalar" ? pyRepr(e.node.value) : e.node.kind === "dict" ? "{...}" : "[...]";
    return `${pyRepr(e.key)}: ${v}`;
  });
  return `{${parts.join(", ")}}`;
}
