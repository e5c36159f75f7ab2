/** Lookups over the generated field catalogue, plus the few facts the catalogue keeps only in prose. */
import type { TopLevelFieldSpec, ZeroFieldSpec } from "./catalog-types.js";
import { TOP_LEVEL_FIELDS, ZERO_FIELDS } from "./generated/field-catalog.js";

export const zeroFieldByKey = new Map<string, ZeroFieldSpec>();
for (const spec of ZERO_FIELDS) {
  zeroFieldByKey.set(spec.name, spec);
  if (spec.internalName) zeroFieldByKey.set(spec.internalName, spec);
}

export const topLevelFieldByKey = new Map<string, TopLevelFieldSpec>();
for (const spec of TOP_LEVEL_FIELDS) {
  topLevelFieldByKey.set(spec.name, spec);
  for (const alias of spec.aliases) topLevelFieldByKey.set(alias, spec);
}

/** Keys directly under zero_optimization, in both spellings. */
export const zeroDirectKeys = [...zeroFieldByKey.keys()].filter((key) => !key.includes("."));

/** Keys of a nested zero_optimization model (offload_param, offload_optimizer). */
export function zeroChildKeys(parent: string): string[] {
  return ZERO_FIELDS.filter((spec) => spec.name.startsWith(`${parent}.`)).map((spec) =>
    spec.name.slice(parent.length + 1),
  );
}

/**
 * Pydantic sub-models whose keys the catalogue lists only in descriptions
 * (config-reference.md §b.3 `zenflow`, `leaf_module`; §b.2 `timers`).
 */
export const EXTRA_STRICT_KEYS: Record<string, string[]> = {
  "zero_optimization.zenflow": [
    "topk_ratio",
    "select_strategy",
    "select_interval",
    "update_interval",
    "overlap_step",
    "offload",
    "auto_ratio",
    "full_warm_up_rounds",
    "pt_reserved_cores_perc",
    "steps_per_epoch",
  ],
  "zero_optimization.leaf_module": ["classes", "names", "name_suffixes"],
  timers: ["throughput"],
  "timers.throughput": ["enabled", "synchronized"],
};

/** Sub-keys added after their section existed (config-reference.md §b.2 descriptions and §b.5). */
export const SUBFIELD_SINCE: Record<string, string> = {
  "bf16.check_grad_overflow": "0.17.1",
  "bf16.bf16_master_weights_and_grads": "0.18.3",
  "bf16.bf16_optimizer_states": "0.18.3",
  "checkpoint.checkpoint_serialization": "0.17.1",
  "data_types.param_dtype": "0.19.2",
  "data_types.buffer_dtype": "0.19.2",
  "aio.use_gds": "0.15.0",
  "hybrid_engine.enable_cuda_graph": "0.19.6",
};

/** fp16 and bf16 became pydantic models (unknown keys rejected, "auto" dropped) in v0.17.1. */
export const PRECISION_STRICT_SINCE = "0.17.1";

/**
 * Dict-parsed sections whose unknown sub-keys DeepSpeed ignores (fp16/bf16 only before 0.17.1);
 * `amp` and `pipeline` pass every key on, so they are not listed.
 */
export const LOOSE_SECTIONS_WITH_KNOWN_KEYS = [
  "fp16",
  "bf16",
  "optimizer",
  "scheduler",
  "activation_checkpointing",
  "flops_profiler",
  "aio",
  "checkpoint",
  "data_types",
  "elasticity",
  "autotuning",
  "torch_autocast",
];
