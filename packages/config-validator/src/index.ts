export {
  type BatchFile,
  type BatchOptions,
  type BatchResult,
  type HydraNotice,
  MissingPathError,
  validatePaths,
} from "./batch.js";
export type { RollPipeline, RollRelease } from "./dataclass-catalogue.js";
export { detectPipeline, detectRelease } from "./detect.js";
export { type DeviceMappingResult, parseDeviceMapping } from "./device-mapping.js";
export {
  type ConfigPath,
  type Diagnostic,
  type RollDiagnostic,
  type Severity,
  type Subject,
  targetOf,
  withTarget,
} from "./diagnostic.js";
export {
  type ExplainAction,
  type ExplainStep,
  type Explanation,
  explain,
  formatExplanation,
  keyPath,
} from "./explain.js";
export {
  formatDiagnostic,
  formatHeader,
  formatJson,
  formatText,
  releaseNote,
  summarize,
  type TextFormatOptions,
} from "./format.js";
export {
  formatBatchJson,
  formatBatchText,
  formatGithub,
  relativeMessages,
  totals,
  withoutInfo,
} from "./format-batch.js";
export {
  ConfigNode,
  ConfigView,
  type InterpolationSite,
  type Locate,
  locator,
  type NodeAt,
  nodesAlong,
  positionOf,
  type Spot,
  segmentsOf,
  valueAt,
} from "./node-tree.js";
export {
  ReleaseFinder,
  ReleasePinError,
  type ReleaseSource,
  type ReleaseSourceKind,
} from "./release-source.js";
export { mergeRepeats } from "./repeats.js";
export { formatSarif, type SarifOptions } from "./sarif.js";
export {
  type PrebuiltLoader,
  type RollFlavour,
  type RollValidationOptions,
  setPrebuiltLoader,
  type ValidationError,
  type ValidationResult,
  validateDeepSpeed,
  validateRoll,
} from "./schema-check.js";
export {
  type SourceLocation,
  type ValidateConfigInput,
  type ValidateConfigOptions,
  type ValidateConfigResult,
  validateConfig,
} from "./validate-config.js";
export {
  type Composition,
  composeForValidation,
  type ValidateFileOptions,
  type ValidateFileResult,
  validateComposition,
  validateFile,
  variablesOf,
} from "./validate-file.js";
export { interpolatedRoots } from "./variables.js";
