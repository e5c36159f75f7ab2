// Errors raised while merging or resolving, before OmegaConf's "full_key/object_type" tail is added.
// OmegaConf raises a short exception deep inside and re-raises it with the tail at the container that
// was being converted (format_and_raise); `OcError` is the short one, `toConfigError` adds the tail.
import { ConfigError, type ErrorLink } from "../errors.js";
import type { SourcePos } from "../model.js";

/** Exception types that OmegaConf lets through resolve_parse_tree unwrapped (InterpolationResolutionError and subclasses). */
const INTERPOLATION_ERRORS = new Set([
  "InterpolationResolutionError",
  "InterpolationKeyError",
  "InterpolationToMissingValueError",
  "UnsupportedInterpolationType",
  "InterpolationValidationError",
]);

export class OcError extends Error {
  readonly pythonType: string;
  /** Python causes of this exception (its __cause__ chain), outermost first. */
  readonly causes: ErrorLink[];
  /** Position of the node the failure is about, when known. */
  pos: SourcePos | undefined;

  constructor(pythonType: string, message: string, causes: ErrorLink[] = [], pos?: SourcePos) {
    super(message);
    this.name = "OcError";
    this.pythonType = pythonType;
    this.causes = causes;
    this.pos = pos;
  }

  isInterpolationError(): boolean {
    return INTERPOLATION_ERRORS.has(this.pythonType);
  }

  /** The chain of this exception and its causes, outermost first. */
  links(): ErrorLink[] {
    return [{ error: this.pythonType, message: this.message }, ...this.causes];
  }
}

/**
 * What resolve_parse_tree does with a non-interpolation exception: re-raise it as
 * InterpolationResolutionError("<Type> raised while resolving interpolation: <msg>") caused by it.
 */
export function wrapInResolutionError(e: OcError): OcError {
  if (e.isInterpolationError()) return e;
  const message = `${e.pythonType} raised while resolving interpolation: ${e.message}`;
  return new OcError("InterpolationResolutionError", message, e.links(), e.pos);
}

/**
 * OmegaConf's format_and_raise: `$KEY`-style placeholders in the message are substituted (Python's
 * string.Template.safe_substitute) and the message gets "\n    full_key: K\n    object_type=T".
 */
export function toConfigError(
  e: OcError,
  key: string,
  fullKey: string,
  objectType: "dict" | "list",
): ConfigError {
  const values: Record<string, string> = { KEY: key, FULL_KEY: fullKey, OBJECT_TYPE: objectType };
  const message = e.message.replace(
    /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\})/gi,
    (whole, dollar: string | undefined, name: string | undefined, braced: string | undefined) => {
      if (dollar) return "$";
      const key = (name ?? braced)!;
      return Object.hasOwn(values, key) ? values[key]! : whole;
    },
  );
  const full = `${message}\n    full_key: ${fullKey}\n    object_type=${objectType}`;
  return new ConfigError(e.pythonType, full, {
    pos: e.pos,
    chain: [{ error: e.pythonType, message: full }, ...e.links()],
  });
}
