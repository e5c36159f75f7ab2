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
import { locator } from "./node-tree.js";
import { type ValidateConfigOptions, type ValidateConfigResult, validateConfig } from "./validate-config.js";
import { interpolatedRoots } from "./variables.js";

export interface ValidateFileResult extends ValidateConfigResult {
  /** The resolver's output, for explain(); absent when composition or resolution failed. */
  resolved?: ResolveResult;
}

export function validateFile(
  primaryPath: string,
  resolveOptions: ResolveOptions = {},
  options: ValidateConfigOptions = {},
): ValidateFileResult {
  let resolved: ResolveResult;
  try {
    resolved = resolve(primaryPath, resolveOptions);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    const failed = validateConfig({ config: composedForDetection(primaryPath, resolveOptions) }, options);
    const d: RollDiagnostic = {
      severity: "error",
      code: "roll/compose",
      message: `${error.pythonType}: ${error.message}`,
      path: "",
      ...(error.pos ? { file: error.pos.file, line: error.pos.line, column: error.pos.column } : {}),
    };
    return { ...failed, diagnostics: [d] };
  }
  const result = validateConfig(
    {
      config: toPlain(resolved.config),
      locate: locator(resolved.config, realpathSync(primaryPath)),
      variables: variablesOf(resolved.composed, realpathSync(primaryPath)),
    },
    options,
  );
  return { ...result, resolved };
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
