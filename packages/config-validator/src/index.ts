export type { RollPipeline, RollRelease } from "./dataclass-catalogue.js";
export { detectPipeline, detectRelease } from "./detect.js";
export { parseDeviceMapping, type DeviceMappingResult } from "./device-mapping.js";
export type { Diagnostic, RollDiagnostic, Severity } from "./diagnostic.js";
export {
  type SourceLocation,
  type ValidateConfigInput,
  type ValidateConfigOptions,
  type ValidateConfigResult,
  validateConfig,
} from "./validate-config.js";
