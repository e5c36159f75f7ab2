// Hydra's error conventions: which exceptions are OmegaConf's, and how Hydra wraps them.
import { ConfigError, type ErrorLink } from "../errors.js";
import type { SourcePos } from "../model.js";

const OMEGACONF_ERRORS = new Set([
  "OmegaConfBaseException",
  "MissingMandatoryValue",
  "KeyValidationError",
  "ValidationError",
  "UnsupportedValueType",
  "ReadonlyConfigError",
  "ConfigTypeError",
  "ConfigAttributeError",
  "ConfigKeyError",
  "ConfigIndexError",
  "ConfigValueError",
  "InterpolationResolutionError",
  "InterpolationKeyError",
  "InterpolationToMissingValueError",
  "InterpolationValidationError",
  "UnsupportedInterpolationType",
  "GrammarParseError",
]);

/** True for the exception classes deriving from omegaconf.errors.OmegaConfBaseException. */
export function isOmegaConfError(e: unknown): e is ConfigError {
  return e instanceof ConfigError && OMEGACONF_ERRORS.has(e.pythonType);
}

/** A ConfigCompositionException caused by `cause` (Python's `raise ... from cause`). */
export function wrapComposition(message: string, cause: ConfigError): ConfigError {
  const chain: ErrorLink[] = [{ error: "ConfigCompositionException", message }, ...cause.chain];
  // Hydra often wraps with an empty message; ours then shows the cause's, so the user sees what went wrong.
  return new ConfigError("ConfigCompositionException", message || cause.message, {
    ...(cause.pos ? { pos: cause.pos } : {}),
    chain,
  });
}

/** Hydra's ConfigCompositionException, pointing at the defaults entry or key at fault when known. */
export function compositionError(message: string, pos?: SourcePos): ConfigError {
  return new ConfigError("ConfigCompositionException", message, pos ? { pos } : {});
}
