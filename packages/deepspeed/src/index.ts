export type { Diagnostic, Severity } from "./diagnostic.js";
export { DeepSpeedInputError } from "./errors.js";
export { type ValidateOptions, validateDeepSpeedConfig } from "./validate.js";
export { ROLL_DEEPSPEED_VERSION } from "./version.js";
