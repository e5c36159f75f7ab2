export { type DeepSpeedDefault, defaultFor } from "./defaults.js";
export type { Diagnostic, Severity } from "./diagnostic.js";
export { DeepSpeedInputError } from "./errors.js";
export {
  AutoFillError,
  FILL_AUTO_PARAMS,
  type FillAutoParams,
  fillAuto,
  type UnfilledAuto,
} from "./fill-auto.js";
export {
  estimateForPresets,
  estimateZeroMemory,
  type Hardware,
  type PresetEstimateRow,
  type ZeroMemoryEstimate,
  type ZeroMemoryInput,
} from "./memory-estimate.js";
export { type RollFillResult, type RollTrainingArgs, rollFillIns } from "./roll-fill-ins.js";
export { type ValidateOptions, validateDeepSpeedConfig } from "./validate.js";
export { type ClosestNameOptions, closestName, editDistance } from "./values.js";
export { ROLL_DEEPSPEED_VERSION } from "./version.js";
