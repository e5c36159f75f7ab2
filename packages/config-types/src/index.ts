// @roll/config-types: JSON Schemas, generated TypeScript types and runtime validators for ROLL and DeepSpeed.

export {
  defineDeepSpeedConfig,
  defineRollConfig,
  isRollConfigDefinition,
  pythonFloatText,
  type RollConfigDefinition,
  type RollPipelineOf,
  type RollPipelineTypes,
  renderYaml,
} from "./authoring.js";
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
