// Resolves a primary ROLL config like ROLL does (Hydra compose, then to_container) and validates it, with
// every diagnostic placed at the YAML line that set the value — through presets and interpolations.
import { realpathSync } from "node:fs";
import {
  isConfigError,
  type Node,
  type ResolveOptions,
  type ResolveResult,
  resolve,
  toPlain,
} from "@roll/config-resolver";
import type { RollDiagnostic } from "./diagnostic.js";
import { nodesAlong, positionOf } from "./node-tree.js";
import { ReleaseFinder, type ReleaseSource } from "./release-source.js";
import {
  type SourceLocation,
  type ValidateConfigOptions,
  type ValidateConfigResult,
  validateConfig,
} from "./validate-config.js";
import { interpolatedRoots } from "./variables.js";

export interface ValidateFileResult extends ValidateConfigResult {
  /** The resolver's output, for explain(); absent when composition or resolution failed. */
  resolved?: ResolveResult;
  /** What decided the release: --roll, a pin, the enclosing ROLL checkout, or the config's content. */
  rollSource: ReleaseSource;
}

export interface ValidateFileOptions extends ValidateConfigOptions {
  /** Reads pins and ROLL checkouts around the file (share one across files); false: content only. */
  releases?: ReleaseFinder | false;
}

/** The outcome of composing a primary file: the resolver's result, or the error as a diagnostic. */
export type Composition = { resolved: ResolveResult } | { failure: RollDiagnostic; composed: unknown };

export function composeForValidation(primaryPath: string, resolveOptions: ResolveOptions = {}): Composition {
  try {
    return { resolved: resolve(primaryPath, resolveOptions) };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    const failure: RollDiagnostic = {
      severity: "error",
      code: "roll/compose",
      message: `${error.pythonType}: ${error.message}`,
      path: "",
      ...(error.pos ? { file: error.pos.file, line: error.pos.line, column: error.pos.column } : {}),
    };
    return { failure, composed: composedForDetection(primaryPath, resolveOptions) };
  }
}

export function validateFile(
  primaryPath: string,
  resolveOptions: ResolveOptions = {},
  options: ValidateFileOptions = {},
): ValidateFileResult {
  return validateComposition(primaryPath, composeForValidation(primaryPath, resolveOptions), options);
}

export function validateComposition(
  primaryPath: string,
  composition: Composition,
  options: ValidateFileOptions = {},
): ValidateFileResult {
  const { releases, ...configOptions } = options;
  const pinned: ReleaseSource | undefined = options.roll
    ? { roll: options.roll, kind: "flag" }
    : releases === false
      ? undefined
      : (releases ?? new ReleaseFinder()).forFile(primaryPath);
  const chosen = pinned ? { ...configOptions, roll: pinned.roll } : configOptions;
  const sourced = (result: ValidateConfigResult) => ({
    ...result,
    rollDetected: pinned?.kind !== "flag",
    rollSource: pinned ?? { roll: result.roll, kind: "content" as const },
  });
  if ("failure" in composition) {
    const failed = validateConfig({ config: composition.composed }, chosen);
    return { ...sourced(failed), diagnostics: [composition.failure] };
  }
  const { resolved } = composition;
  const result = validateConfig(
    {
      config: toPlain(resolved.config),
      locate: locator(resolved.config, realpathSync(primaryPath)),
      variables: variablesOf(resolved.composed, realpathSync(primaryPath)),
    },
    chosen,
  );
  return { ...sourced(result), resolved };
}

/** When resolution fails, the composed tree (interpolations unresolved) still tells release and pipeline. */
function composedForDetection(primaryPath: string, resolveOptions: ResolveOptions): unknown {
  try {
    return toPlain(resolve(primaryPath, { ...resolveOptions, resolve: false }).config);
  } catch (error) {
    if (isConfigError(error)) return {};
    throw error;
  }
}

/**
 * Finds where the value at a path was written; a missing key points at its nearest existing parent. With
 * target "key", an existing key points at the key itself, in the file that wrote it (its value may come
 * through an interpolation from elsewhere); only the interpolations of its parents are named.
 */
export function locator(
  root: Node,
  primaryFile: string,
): (path: string[], target?: "key" | "value") => SourceLocation | undefined {
  return (path, target = "value") => {
    const chain = nodesAlong(root, path);
    const last = chain[chain.length - 1]!;
    if (target === "key" && path.length > 0 && chain.length === path.length + 1 && last.entry?.keyPos) {
      const via = chain.slice(0, -1).flatMap((a) => a.node.via ?? []);
      return { ...last.entry.keyPos, ...(via.length ? { via: dedupe(via) } : {}) };
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i]!;
      const pos = positionOf(at);
      if (!pos) continue;
      // Every interpolation crossed on the way (e.g. `strategy_config: ${deepspeed_zero3}`), outermost first.
      const via = chain.slice(0, i + 1).flatMap((a) => a.node.via ?? []);
      return {
        file: pos.file,
        line: pos.line,
        column: pos.column,
        ...(via.length ? { via: dedupe(via) } : {}),
      };
    }
    return { file: primaryFile, line: 1, column: 1 };
  };
}

function dedupe(positions: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  return positions.filter((p) => {
    const id = `${p.file}:${p.line}:${p.column}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * ROLL's "variables": top-level keys an interpolation points at, and top-level keys a preset brings in
 * (first written outside the primary file).
 */
export function variablesOf(composed: Node, primaryFile: string): Set<string> {
  const variables = interpolatedRoots(toPlain(composed));
  if (composed.kind === "dict") {
    for (const entry of composed.entries.values()) {
      const file = entry.keyPos?.file ?? entry.node.pos?.file;
      if (file !== undefined && file !== primaryFile && typeof entry.key === "string")
        variables.add(entry.key);
    }
  }
  return variables;
}
