// The workspace as the language server sees it: which YAML files are primary configs, the last composition
// and validation of each, and which primaries read which files (so that a preset edit re-checks them).
import { type Dirent, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { type DefaultsEntry, type Node, pyJsonKey, type ResolveResult } from "@roll/config-resolver";
import { type JsonSchema, loadSchema, PIPELINE_DEFINITIONS, SCHEMA_NAMES } from "@roll/config-types";
import {
  ConfigView,
  type RollDiagnostic,
  type RollPipeline,
  type RollRelease,
  validateFile,
  withTarget,
} from "@roll/config-validator";
import { SchemaNavigator } from "./schema-nav.js";
import { interpolationTarget, type Segment } from "./yaml-text.js";

/**
 * Hydra's warnings where the config causes them (the CLI prints them once on stderr instead): the missing
 * `_self_` notice on the `defaults` key as information, since ROLL's own configs all compose that way;
 * deprecations and unavailable search paths as warnings. One without a place is left to the CLI.
 */
function hydraDiagnostics(resolved: ResolveResult): RollDiagnostic[] {
  return resolved.hydraWarnings.flatMap((w) => {
    if (!w.pos) return [];
    const { file, line, column } = w.pos;
    const missingSelf = w.code === "hydra/missing-self";
    const d: RollDiagnostic = {
      severity: missingSelf ? "info" : "warning",
      code: w.code,
      message: w.message.trim(),
      path: "",
      file,
      line,
      column,
    };
    // The notice is about the `defaults` key itself: its range is that key.
    return [missingSelf ? withTarget(d, ["defaults"], "key") : d];
  });
}

/** The last composition of a primary that succeeded: what hover, definition and completion read. */
export interface Composition {
  resolved: ResolveResult;
  /** The view validate placed its findings on: nodes and plain values (for schema conditions) by path. */
  view: ConfigView;
  /** The same over the composed tree (interpolations unresolved), where a `${...}` target is written. */
  composed: ConfigView;
  roll: RollRelease;
  pipeline: RollPipeline;
  /** Real path of each config file -> the package (config path) its content was merged at. */
  packages: Map<string, Segment[]>;
  schema: SchemaNavigator | undefined;
  /** `${a.b}` written as a whole value: its target (`readerKey(["a", "b"])`) -> the paths that read it. */
  readers: Map<string, Segment[][]>;
}

export interface Analysis {
  primary: string;
  /** Every file the primary read (its last attempt, plus earlier ones while it fails). */
  files: Set<string>;
  diagnostics: RollDiagnostic[];
  /** The last good composition (kept while the file is broken). */
  good?: Composition;
  /** The latest attempt failed to compose (parse error, missing preset, ...). */
  failed: boolean;
}

export interface ProjectOptions {
  /** Workspace folder (real path): scanned for primaries, and the boundary of `defaults` paths. */
  root?: string;
  /** Unsaved editor text by real path. */
  readText: (file: string) => string | undefined;
  /** Upper bound on files scanned at start-up. */
  maxFiles?: number;
}

const SKIPPED_DIRS = new Set(["node_modules", "__pycache__", "dist", "build", "output", "outputs"]);

/** Top-level keys that mark a YAML file as a ROLL pipeline config (any pipeline's fields, or a defaults list). */
const ROOT_KEYS: ReadonlySet<string> = (() => {
  const keys = new Set<string>(["defaults"]);
  for (const name of SCHEMA_NAMES) {
    if (!name.endsWith(".authoring.schema.json")) continue;
    const defs = (loadSchema(name) as JsonSchema & { definitions: Record<string, JsonSchema> }).definitions;
    for (const pipeline of Object.values(PIPELINE_DEFINITIONS)) {
      const props = (defs[pipeline] as { properties?: Record<string, unknown> } | undefined)?.properties;
      for (const key of Object.keys(props ?? {})) if (key !== "hydra") keys.add(key);
    }
  }
  return keys;
})();

/** A pipeline config, by its top-level keys: a defaults list, or at least two pipeline fields. */
export function looksLikePrimary(text: string): boolean {
  let hits = 0;
  for (const m of text.matchAll(/^([A-Za-z_][\w]*)[ \t]*:/gm)) {
    const key = m[1]!;
    if (key === "defaults") return true;
    if (ROOT_KEYS.has(key) && ++hits >= 2) return true;
  }
  return false;
}

export class Project {
  readonly analyses = new Map<string, Analysis>();
  /** Files known to be included by some other primary: never analysed as primaries themselves. */
  private readonly presets = new Set<string>();

  constructor(readonly options: ProjectOptions) {}

  /** Text of a file: the editor's if open, else the disk's. */
  textOf(file: string): string | undefined {
    const open = this.options.readText(file);
    if (open !== undefined) return open;
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  }

  /** Finds the workspace's primaries and analyses them all. */
  scan(): void {
    const root = this.options.root;
    if (!root) return;
    const candidates: string[] = [];
    let budget = this.options.maxFiles ?? 5000;
    const walk = (dir: string) => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
      } catch {
        return;
      }
      for (const entry of entries) {
        if (budget <= 0) return;
        const name = entry.name;
        if (name.startsWith(".") || SKIPPED_DIRS.has(name)) continue;
        const path = join(dir, name);
        if (entry.isFile() && /\.ya?ml$/.test(name)) {
          budget -= 1;
          const text = this.textOf(path);
          if (text !== undefined && looksLikePrimary(text)) candidates.push(path);
        } else if (entry.isDirectory()) {
          walk(path);
        }
      }
    };
    walk(root);
    for (const file of candidates) this.consider(file);
  }

  /** Makes `file` a primary unless some primary already includes it; returns whether it is one. */
  consider(file: string): boolean {
    const real = realOrSelf(file);
    if (this.analyses.has(real)) return true;
    if (this.presets.has(real)) return false;
    const text = this.textOf(real);
    if (text === undefined || !looksLikePrimary(text)) return false;
    this.analyze(real);
    return this.analyses.has(real);
  }

  /** Primaries to re-check after `file` changed: itself if it is one, and every primary that read it. */
  affected(file: string): string[] {
    const real = realOrSelf(file);
    const out: string[] = [];
    for (const analysis of this.analyses.values()) {
      if (analysis.primary === real || analysis.files.has(real)) out.push(analysis.primary);
    }
    return out;
  }

  /** Composes and validates one primary; a file that turns out to be included by others stops being one. */
  analyze(primary: string): Analysis {
    const previous = this.analyses.get(primary);
    const analysis: Analysis = {
      primary,
      files: new Set([primary]),
      diagnostics: [],
      failed: false,
      ...(previous?.good ? { good: previous.good } : {}),
    };
    try {
      const result = validateFile(primary, {
        readText: this.options.readText,
        ...(this.options.root ? { projectRoot: this.options.root } : {}),
      });
      analysis.diagnostics = result.resolved
        ? [...result.diagnostics, ...hydraDiagnostics(result.resolved)]
        : result.diagnostics;
      if (result.resolved && result.view) {
        for (const f of result.resolved.files) analysis.files.add(f);
        analysis.good = {
          resolved: result.resolved,
          view: result.view,
          composed: new ConfigView(result.resolved.composed, primary),
          roll: result.roll,
          pipeline: result.pipeline,
          packages: packagesOf(primary, result.resolved.defaults),
          schema: SchemaNavigator.for(result.roll, result.pipeline),
          readers: readersOf(result.resolved.composed),
        };
      } else {
        analysis.failed = true;
        for (const f of previous?.files ?? []) analysis.files.add(f);
        for (const d of result.diagnostics) if (d.file) analysis.files.add(d.file);
      }
    } catch (error) {
      // A bug of ours must not take the editor down: report it on the primary.
      analysis.failed = true;
      analysis.diagnostics = [
        {
          severity: "error",
          code: "roll/internal",
          message: `roll-config could not check this file: ${error instanceof Error ? error.message : String(error)}`,
          path: "",
          file: primary,
          line: 1,
          column: 1,
        },
      ];
    }
    this.analyses.set(primary, analysis);
    for (const f of analysis.files) {
      if (f === primary) continue;
      this.presets.add(f);
      this.analyses.delete(f); // a file some primary includes is a preset, not a primary
    }
    return analysis;
  }

  /** The composition that explains `file`: its own if it is a primary, else the first primary that read it. */
  contextFor(file: string): { composition: Composition; pkg: Segment[]; file: string } | undefined {
    const real = realOrSelf(file);
    const own = this.analyses.get(real);
    const candidates = own ? [own] : [...this.analyses.values()].filter((a) => a.files.has(real));
    for (const analysis of candidates) {
      const composition = analysis.good;
      if (!composition) continue;
      const pkg = composition.packages.get(real) ?? (real === analysis.primary ? [] : undefined);
      if (pkg) return { composition, pkg, file: real };
    }
    return undefined;
  }

  /** Every placed diagnostic, grouped by the file that wrote it (unplaced ones go on their primary). */
  diagnosticsByFile(): Map<string, RollDiagnostic[]> {
    const byFile = new Map<string, RollDiagnostic[]>();
    const seen = new Set<string>();
    for (const analysis of this.analyses.values()) {
      for (const d of analysis.diagnostics) {
        const file = d.file ?? analysis.primary;
        const id = `${file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
        if (seen.has(id)) continue; // a preset's finding, once, however many primaries include it
        seen.add(id);
        const list = byFile.get(file) ?? [];
        list.push(d.file ? d : { ...d, file, line: 1, column: 1 });
        byFile.set(file, list);
      }
    }
    return byFile;
  }

  /** Files that hold no primary but are read by one (presets), for defaults-list completion. */
  presetFiles(): string[] {
    return [...this.presets];
  }
}

/** Real path of each file of the composition -> the package its content was merged at. */
function packagesOf(primary: string, defaults: DefaultsEntry[]): Map<string, Segment[]> {
  const configDir = dirname(primary);
  const packages = new Map<string, Segment[]>();
  for (const entry of defaults) {
    if (entry.config_path === undefined || entry.config_path === null) continue;
    const name = /\.ya?ml$/.test(entry.config_path) ? entry.config_path : `${entry.config_path}.yaml`;
    const file = entry.primary ? primary : realOrSelf(`${configDir}/${name}`);
    if (!packages.has(file)) {
      packages.set(file, entry.package === "" ? [] : entry.package.split("."));
    }
  }
  packages.set(primary, []);
  return packages;
}

/** The id of a path among a composition's readers (segments, so that a key "a.b" is not `${a.b}`). */
export const readerKey = (path: readonly Segment[]) => JSON.stringify(path);

function readersOf(root: Node): Map<string, Segment[][]> {
  const readers = new Map<string, Segment[][]>();
  const visit = (node: Node, path: Segment[]) => {
    if (node.kind === "scalar") {
      const m = typeof node.value === "string" ? /^\$\{([\w.]+)\}$/.exec(node.value) : null;
      const target = m ? interpolationTarget(m[1]!, path) : undefined;
      if (target) readers.set(readerKey(target), [...(readers.get(readerKey(target)) ?? []), path]);
    } else if (node.kind === "list") {
      for (const [i, item] of node.items.entries()) visit(item, [...path, i]);
    } else {
      for (const entry of node.entries.values()) visit(entry.node, [...path, pyJsonKey(entry.key)]);
    }
  };
  visit(root, []);
  return readers;
}

export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
