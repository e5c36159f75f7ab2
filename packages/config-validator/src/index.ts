export type { RollPipeline, RollRelease } from "./dataclass-catalogue.js";
export { detectPipeline, detectRelease } from "./detect.js";
export { type DeviceMappingResult, parseDeviceMapping } from "./device-mapping.js";
export type { Diagnostic, RollDiagnostic, Severity, Subject } from "./diagnostic.js";
export {
  type ExplainAction,
  type ExplainStep,
  type Explanation,
  explain,
  formatExplanation,
} from "./explain.js";
export { formatDiagnostic, formatJson, formatText, summarize, type TextFormatOptions } from "./format.js";
export { type Locate, locator } from "./node-tree.js";
export {
  type SourceLocation,
  type ValidateConfigInput,
  type ValidateConfigOptions,
  type ValidateConfigResult,
  validateConfig,
} from "./validate-config.js";
export { type ValidateFileResult, validateFile, variablesOf } from "./validate-file.js";
export { interpolatedRoots } from "./variables.js";
