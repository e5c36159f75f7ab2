export type Severity = "error" | "warning" | "info";

/** One finding about a DeepSpeed config; the ROLL validator extends it with file/line/column. */
export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case code with the `ds/` prefix, documented in README.md. */
  code: string;
  message: string;
  /** Dotted path inside the DeepSpeed config, e.g. "zero_optimization.offload_param"; "" is the root. */
  path: string;
}
