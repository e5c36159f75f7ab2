import type { SourcePos } from "./model.js";

/** One link of an error chain, outermost first, named after the Python exception Hydra/OmegaConf raise. */
export interface ErrorLink {
  error: string;
  message: string;
}

/**
 * Every failure of loading, composing or resolving a config. `pythonType` is the exception class the real
 * Hydra/OmegaConf stack raises for the same input (e.g. "InterpolationKeyError", "MissingConfigException",
 * "ConfigCompositionException"), so conformance tests can compare kinds; `chain` mirrors Python's
 * exception chain (outermost first) when Hydra wraps an OmegaConf error.
 */
export class ConfigError extends Error {
  readonly pythonType: string;
  readonly pos: SourcePos | undefined;
  readonly chain: ErrorLink[];

  constructor(pythonType: string, message: string, options: { pos?: SourcePos; chain?: ErrorLink[] } = {}) {
    super(message);
    this.name = "ConfigError";
    this.pythonType = pythonType;
    this.pos = options.pos;
    this.chain = options.chain ?? [{ error: pythonType, message }];
  }

  /** `FILE:LINE:COL: message` (or just the message when no position is known), for terminals. */
  format(): string {
    const where = this.pos ? `${this.pos.file}:${this.pos.line}:${this.pos.column}: ` : "";
    return `${where}${this.message}`;
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}
