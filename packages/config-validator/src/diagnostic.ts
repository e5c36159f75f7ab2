// The diagnostic shape shared with @roll/deepspeed, plus where in the YAML the value was written.

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `roll/unknown-key` or `deepspeed/batch-size`. */
  code: string;
  message: string;
  /** Dotted JSON path, e.g. `actor_train.strategy_args.strategy_config.zero_optimization.stage`. */
  path: string;
}

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
