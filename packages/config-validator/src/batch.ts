// Validates many configs in one process: files as given, directories searched for primary configs
// (discover.ts). One ReleaseFinder and the process-wide catalogues and schema validators are shared, so a
// repository costs a small multiple of one file.
import { realpathSync, statSync } from "node:fs";
import { loadYamlFile, type ResolveOptions } from "@roll/config-resolver";
import type { RollPipeline, RollRelease } from "./dataclass-catalogue.js";
import type { RollDiagnostic, Severity } from "./diagnostic.js";
import { hasWorker, topLevelKeys, yamlFilesUnder } from "./discover.js";
import { ReleaseFinder, type ReleaseSource } from "./release-source.js";
import { mergeRepeats } from "./repeats.js";
import {
  type Composition,
  composeForValidation,
  type ValidateFileOptions,
  validateComposition,
} from "./validate-file.js";

export interface BatchFile {
  /** Absolute path of the primary config. */
  file: string;
  roll: RollRelease;
  rollSource: ReleaseSource;
  pipeline: RollPipeline;
  pipelineDetected: boolean;
  /** Findings, repeats merged (`paths`), each with a `file` (the primary's when the finding has no place). */
  diagnostics: RollDiagnostic[];
  counts: Record<Severity, number>;
}

export interface HydraNotice {
  /** Hydra's text for the first config that raised it. */
  text: string;
  /** Every config it was raised for (absolute paths), in order. */
  configs: string[];
}

export interface BatchResult {
  files: BatchFile[];
  /** Hydra's warnings (missing `_self_`, …), one per kind of notice for the whole run. */
  notices: HydraNotice[];
}

export interface BatchOptions extends Omit<ValidateFileOptions, "releases"> {
  resolve?: ResolveOptions;
  releases?: ReleaseFinder;
}

/** A path that is neither a file nor a directory. */
export class MissingPathError extends Error {
  override name = "MissingPathError";
}

export function validatePaths(paths: readonly string[], options: BatchOptions = {}): BatchResult {
  const { resolve: resolveOptions = {}, releases = new ReleaseFinder(), ...validateOptions } = options;
  const explicit: string[] = [];
  const searched: string[] = [];
  for (const path of paths) {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch {
      throw new MissingPathError(`${path}: no such file or directory`);
    }
    if (stats.isDirectory()) searched.push(...yamlFilesUnder(path));
    else explicit.push(path);
  }
  const primaries = selectPrimaries(explicit, searched, resolveOptions);
  const files = primaries.map(({ file, composition }) => {
    const result = validateComposition(file, composition, { ...validateOptions, releases });
    const diagnostics = mergeRepeats(result.diagnostics).map((d) =>
      d.file === undefined ? { ...d, file } : d,
    );
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) counts[d.severity]++;
    return {
      file,
      roll: result.roll,
      rollSource: result.rollSource,
      pipeline: result.pipeline,
      pipelineDetected: result.pipelineDetected,
      diagnostics,
      counts,
    };
  });
  return { files, notices: collectNotices(primaries) };
}

interface Primary {
  file: string;
  composition: Composition;
}

/**
 * Explicit files are always primaries. A searched file is one when it composes with a worker at its top, or
 * when it does not compose but names a worker itself, or when it cannot even be read as YAML and no primary
 * reached it (a broken file nobody includes must not pass silently).
 */
function selectPrimaries(explicit: string[], searched: string[], resolveOptions: ResolveOptions): Primary[] {
  const seen = new Set<string>();
  const unique = (file: string) => {
    const real = realpathOr(file);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const chosen: Primary[] = explicit
    .filter(unique)
    .map((file) => ({ file, composition: composeForValidation(file, resolveOptions) }));
  const unreadable: Primary[] = [];
  for (const file of searched.filter(unique)) {
    let own: string[];
    try {
      own = topLevelKeys(loadYamlFile(file));
    } catch {
      unreadable.push({ file, composition: composeForValidation(file, resolveOptions) });
      continue;
    }
    // Without a worker or a defaults list of its own, a file cannot compose into a pipeline config.
    if (!hasWorker(own) && !own.includes("defaults")) continue;
    const composition = composeForValidation(file, resolveOptions);
    const isPrimary =
      "resolved" in composition ? hasWorker(topLevelKeys(composition.resolved.composed)) : hasWorker(own);
    if (isPrimary) chosen.push({ file, composition });
  }
  // Files the primaries read, and the files their composition failed in (already reported there).
  const reached = new Set(
    chosen.flatMap((p) =>
      "resolved" in p.composition
        ? p.composition.resolved.files
        : p.composition.failure.file
          ? [realpathOr(p.composition.failure.file)]
          : [],
    ),
  );
  chosen.push(...unreadable.filter((p) => !reached.has(realpathOr(p.file))));
  return chosen.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Hydra names the config in its notices (`In 'x': Defaults list is missing `_self_`…`): one per kind. */
function collectNotices(primaries: Primary[]): HydraNotice[] {
  const byKind = new Map<string, HydraNotice>();
  for (const { file, composition } of primaries) {
    if (!("resolved" in composition)) continue;
    for (const text of composition.resolved.warnings) {
      const kind = text.replace(/^In '[^']*': /, "");
      const notice = byKind.get(kind);
      if (notice) notice.configs.push(file);
      else byKind.set(kind, { text, configs: [file] });
    }
  }
  return [...byKind.values()];
}
