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
  /**
   * The command-line override the error is about, when it is one and the error has no file position (as
   * Hydra's OverrideParseException carries its `override`).
   */
  override: string | undefined;

  constructor(
    pythonType: string,
    message: string,
    options: { pos?: SourcePos; chain?: ErrorLink[]; override?: string } = {},
  ) {
    super(message);
    this.name = "ConfigError";
    this.pythonType = pythonType;
    this.pos = options.pos;
    this.chain = options.chain ?? [{ error: pythonType, message }];
    this.override = options.override;
  }

  /**
   * `FILE:LINE:COL: message`, or `command-line override 'X': message` for one about an override whose text
   * the message does not already quote, or just the message; for terminals.
   */
  format(): string {
    if (this.pos) return `${this.pos.file}:${this.pos.line}:${this.pos.column}: ${this.message}`;
    return `${this.overrideLabel()}${this.message}`;
  }

  /** `command-line override 'X': ` for an error about an override that the message does not quote, else "". */
  overrideLabel(): string {
    if (this.pos || this.override === undefined || this.message.includes(this.override)) return "";
    return `command-line override '${shortened(this.override)}': `;
  }
}

/** An override as a message quotes it: a long one (a key thousands of levels deep) is cut. */
function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Runs `fn`, which processes the command-line override `text`: an error of ours it throws without a file
 * position is about that override.
 */
export function aboutOverride<T>(text: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConfigError && !e.pos && e.override === undefined) e.override = text;
    throw e;
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}
