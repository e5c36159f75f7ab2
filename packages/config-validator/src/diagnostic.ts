// The diagnostic shape of @roll/deepspeed (codes `ds/...`; ours are `roll/...`), plus where in the YAML the
// value was written. Paths here are dotted from the ROLL config's root.
import type { Diagnostic, Severity } from "@roll/deepspeed";

export type { Diagnostic, Severity };

export interface RollDiagnostic extends Diagnostic {
  file?: string;
  line?: number;
  column?: number;
}

export type ConfigPath = readonly (string | number)[];

export function dotted(path: ConfigPath): string {
  return path.join(".");
}

export function diagnostic(
  severity: Severity,
  code: string,
  path: ConfigPath,
  message: string,
): RollDiagnostic {
  return { severity, code, message, path: dotted(path) };
}
