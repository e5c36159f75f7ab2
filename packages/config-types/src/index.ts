// @roll/config-types: the JSON Schemas of ROLL and DeepSpeed configs, the TypeScript types generated from them
// and runtime validation against them. Typed authoring is the "./authoring" subpath.

export type { DeepSpeedConfig, ZeroOptimization } from "./generated/deepspeed.js";
export { type JsonSchema, loadSchema, SCHEMA_NAMES, type SchemaName, schemaPath } from "./schemas.js";
export {
  PIPELINE_DEFINITIONS,
  type RollFlavour,
  type RollPipeline,
  type RollRelease,
  type RollValidationOptions,
  type ValidationError,
  type ValidationResult,
  validateDeepSpeed,
  validateRoll,
} from "./validate.js";
