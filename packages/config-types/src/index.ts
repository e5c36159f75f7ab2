// @roll/config-types: the JSON Schemas of ROLL and DeepSpeed configs and the TypeScript types generated from
// them. Typed authoring is the "./authoring" subpath; validation against the schemas is @roll/config-validator.

export type { DeepSpeedConfig, ZeroOptimization } from "./generated/deepspeed.js";
export { PIPELINE_DEFINITIONS, type RollPipeline, type RollRelease } from "./pipelines.js";
export { type JsonSchema, loadSchema, SCHEMA_NAMES, type SchemaName, schemaPath } from "./schemas.js";
