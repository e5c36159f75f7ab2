// Subpath @roll/config-types/deepspeed: the DeepSpeed config types.
export type * from "./generated/deepspeed.js";
