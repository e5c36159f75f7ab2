// The diagnostic shape of @roll/deepspeed (codes `ds/...`; ours are `roll/...`), plus where in the YAML the
// value was written. Paths here are dotted from the ROLL config's root.
import type { Diagnostic, Severity } from "@roll/deepspeed";

export type { Diagnostic, Severity };

export interface RollDiagnostic extends Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  /** Interpolation sites the value was reached through, outermost first (named in the message too). */
  via?: readonly { file: string; line: number; column: number }[];
  /** Every config path the finding holds for, when one finding repeats for several (see repeats.ts). */
  paths?: readonly string[];
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
