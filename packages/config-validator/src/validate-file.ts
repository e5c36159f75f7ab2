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
import { ConfigView } from "./node-tree.js";
import { ReleaseFinder, type ReleaseSource } from "./release-source.js";
import { type ValidateConfigOptions, type ValidateConfigResult, validateConfig } from "./validate-config.js";
import { interpolatedRootsOfNode } from "./variables.js";

export interface ValidateFileResult extends ValidateConfigResult {
  /** The resolver's output, for explain(); absent when composition or resolution failed. */
  resolved?: ResolveResult;
  /** The one view of `resolved` that the rules read and placed their findings on (explain reads it too). */
  view?: ConfigView;
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
      message: `${error.overrideLabel()}${error.pythonType}: ${error.message}`,
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
  const primary = realpathSync(primaryPath);
  const view = new ConfigView(resolved.config, primary, resolved.composed);
  const result = validateConfig({ view, variables: variablesOf(resolved.composed, primary) }, chosen);
  return { ...sourced(result), resolved, view };
}

/** When resolution fails, the composed tree (interpolations unresolved) still tells release and pipeline. */
function composedForDetection(primaryPath: string, resolveOptions: ResolveOptions): unknown {
  try {
    return toPlain(resolve(primaryPath, { ...resolveOptions, resolve: false }).config);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    // An override that cannot be parsed or applied fails this too; the files alone still tell them.
    if (error.override !== undefined && resolveOptions.overrides?.length)
      return composedForDetection(primaryPath, { ...resolveOptions, overrides: [] });
    return {};
  }
}

/**
 * ROLL's "variables": top-level keys an interpolation points at, and top-level keys a preset brings in
 * (first written outside the primary file).
 */
export function variablesOf(composed: Node, primaryFile: string): Set<string> {
  const variables = interpolatedRootsOfNode(composed);
  if (composed.kind === "dict") {
    for (const entry of composed.entries.values()) {
      const file = entry.keyPos?.file ?? entry.node.pos?.file;
      if (file !== undefined && file !== primaryFile && typeof entry.key === "string")
        variables.add(entry.key);
    }
  }
  return variables;
}
