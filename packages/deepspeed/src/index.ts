export { CONSUMER_NAMES, CONSUMERS, type Consumer, type ConsumerName } from "./consumers.js";
export {
  DEFAULT_CHANGES,
  type DeepSpeedDefault,
  type DefaultChange,
  defaultAt,
  defaultFor,
} from "./defaults.js";
export type { DeepSpeedDiagnostic, Diagnostic, Severity } from "./diagnostic.js";
export { DeepSpeedInputError } from "./errors.js";
export {
  AutoFillError,
  FILL_AUTO_PARAMS,
  type FillAutoParams,
  fillAuto,
  type UnfilledAuto,
} from "./fill-auto.js";
export { parseDeepSpeedJson } from "./json-input.js";
export {
  estimateForPresets,
  estimateZeroMemory,
  type Hardware,
  type PresetEstimateRow,
  type ZeroMemoryEstimate,
  type ZeroMemoryInput,
} from "./memory-estimate.js";
export { type RollFillResult, type RollTrainingArgs, rollFillIns } from "./roll-fill-ins.js";
export { type UpgradeChange, type UpgradeChangeKind, type UpgradeReport, upgradeCheck } from "./upgrade.js";
export { type ValidateOptions, validateDeepSpeedConfig } from "./validate.js";
export { type ClosestNameOptions, closestName, editDistance } from "./values.js";
export {
  DEEPSPEED_RELEASES,
  MAIN_VERSION,
  NEWEST_DEEPSPEED_RELEASE,
  RECORDED_DEEPSPEED_VERSIONS,
  ROLL_DEEPSPEED_VERSION,
} from "./version.js";
