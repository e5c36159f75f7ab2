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

/** A finding of this package's rules: `path` for people (and JSON output), `segments` to find the key. */
export interface DeepSpeedDiagnostic extends Diagnostic {
  /** The keys from the config's root: a key containing "." is one segment, a list index its decimal text. */
  segments: readonly string[];
}
