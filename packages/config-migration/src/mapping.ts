// The ROLL 0.2 -> 0.3 mapping as data: what each DeepSpeed strategy becomes, how each FSDP2 setting is
// derived from the DeepSpeed config the worker used, and what happens to every other DeepSpeed key. Every row
// cites the ROLL code or example it follows. migrate.ts reads these rows; scripts/generate-table.ts renders
// them as generated/roll-0.2-to-0.3.md.

/** `repo@tag:path#Lstart-Lend`. v0.3.0 = 7f9d4d3873a8, v0.2.1 = 2eba7c3aa217. */
export type Citation = string;

const V03 = "alibaba/ROLL@v0.3.0:";
const V021 = "alibaba/ROLL@v0.2.1:";
const FSDP2 = `${V03}roll/distributed/strategy/fsdp2_strategy.py`;
const DS_STRATEGY = `${V021}roll/distributed/strategy/deepspeed_strategy.py`;
const SP2 = `${V03}examples/qwen2.5-7B-rlvr_megatron/rlvr_fsdp2_sp2.yaml`;
const WEBSHOP = `${V03}examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml`;

export type StrategyId = "deepspeed_train" | "deepspeed_infer";
export type TargetStrategy = "fsdp2_train" | "fsdp2_infer" | "hf_infer";

export interface StrategyRow {
  id: string;
  from: StrategyId;
  /** Which DeepSpeed configs the row applies to: ZeRO-3 shards the parameters, lower stages do not. */
  when: "any" | "zero3" | "below-zero3";
  to: TargetStrategy;
  /** "fsdp2": a strategy_config derived by SETTINGS; "null": `strategy_config: ~` (the strategy reads none). */
  config: "fsdp2" | "null";
  why: string;
  cites: Citation[];
}

export const STRATEGIES: readonly StrategyRow[] = [
  {
    id: "train",
    from: "deepspeed_train",
    when: "any",
    to: "fsdp2_train",
    config: "fsdp2",
    why: "ROLL 0.3's only data-parallel training strategy; ROLL's own DeepSpeed examples moved to it.",
    cites: [`${V03}roll/distributed/strategy/factory.py#L32-L33`, `${SP2}#L128-L135`, `${WEBSHOP}#L72-L79`],
  },
  {
    id: "infer-sharded",
    from: "deepspeed_infer",
    when: "zero3",
    to: "fsdp2_infer",
    config: "fsdp2",
    why: "ZeRO-3 sharded the model's parameters; FSDP2 inference shards them the same way.",
    cites: [
      `${V03}roll/distributed/strategy/factory.py#L30-L31`,
      `${SP2}#L171-L178`,
      `${V03}examples/qwen2.5-vl-7B-distill/distill_vl_fsdp2.yaml#L75-L82`,
    ],
  },
  {
    id: "infer-unsharded",
    from: "deepspeed_infer",
    when: "below-zero3",
    to: "hf_infer",
    config: "null",
    why:
      "Below stage 3 ZeRO shards nothing an inference worker holds (no gradients, no optimizer), so every rank " +
      "kept a full copy: plain HF inference. ROLL 0.2 itself refused this (deepspeed_infer asserts zero = 3).",
    cites: [
      `${V03}roll/distributed/strategy/factory.py#L18-L19`,
      `${V03}roll/distributed/strategy/hf_strategy.py`,
      `${WEBSHOP}#L113-L115`,
      `${DS_STRATEGY}#L60`,
    ],
  },
];

/** The FSDP2 strategy_config keys migrate writes, in the order ROLL's examples write them. */
export type Fsdp2Setting =
  | "fsdp_size"
  | "param_dtype"
  | "reduce_dtype"
  | "reshard_after_forward"
  | "offload_policy";

export interface SettingRow {
  id: string;
  setting: Fsdp2Setting;
  /** The DeepSpeed (or worker) values it is derived from. */
  from: string;
  rule: string;
  cites: Citation[];
}

export const SETTINGS: readonly SettingRow[] = [
  {
    id: "fsdp-size",
    setting: "fsdp_size",
    from: "the worker's world size (device_mapping / num_gpus_per_worker)",
    rule:
      "The world size: ZeRO partitions across all data-parallel ranks, and fsdp_size >= world size gives FSDP2's " +
      "1-D (fully sharded, no replica) mesh. Written explicitly because ROLL asserts fsdp_size >= ulysses_size.",
    cites: [`${FSDP2}#L103-L114`, `${FSDP2}#L832-L833`, `${SP2}#L131`],
  },
  {
    id: "param-dtype",
    setting: "param_dtype",
    from: "bf16.enabled / fp16.enabled",
    rule: "bf16 when bf16.enabled, fp16 when fp16.enabled (ROLL 0.3 then adds a ShardedGradScaler), else fp32.",
    cites: [`${FSDP2}#L68-L100`, `${FSDP2}#L1004-L1009`, `${FSDP2}#L1382-L1388`, `${SP2}#L132`],
  },
  {
    id: "reduce-dtype",
    setting: "reduce_dtype",
    from: "(none)",
    rule: "float32, as every ROLL 0.3 FSDP2 example and the strategy's default.",
    cites: [`${FSDP2}#L1005`, `${SP2}#L133`],
  },
  {
    id: "reshard",
    setting: "reshard_after_forward",
    from: "zero_optimization.stage",
    rule:
      "true for stage 3 (FULL_SHARD: parameters resharded after forward); false below it (SHARD_GRAD_OP: " +
      "parameters stay gathered, as ZeRO-1/2 keep them whole).",
    cites: [`${FSDP2}#L1019-L1025`, `${SP2}#L134`, `${WEBSHOP}#L78`],
  },
  {
    id: "offload",
    setting: "offload_policy",
    from: "zero_optimization.offload_optimizer.device, offload_param.device (stage 3 only)",
    rule:
      "true when the preset offloaded to CPU, else false. FSDP2's CPUOffloadPolicy(pin_memory=True) moves " +
      "parameters, gradients and the optimizer step together: an optimizer-only ZeRO offload becomes a full one.",
    cites: [
      `${FSDP2}#L1027-L1043`,
      `${V03}examples/ascend_examples/qwen3_30b_rlvr_fsdp2.yaml#L92`,
      `${SP2}#L135`,
    ],
  },
];

/**
 * What happens to a DeepSpeed key that SETTINGS does not consume:
 * - "mapped": read by a SETTINGS row;
 * - "roll-fills": ROLL 0.2 overwrote it from the worker's training_args / max_grad_norm, which ROLL 0.3 reads
 *   directly, so nothing is lost;
 * - "builtin": FSDP2 (as ROLL 0.3 sets it up) already behaves so; dropped with a note;
 * - "inert": it had no effect under DeepSpeed either (e.g. fp16 options with fp16 off); dropped with a note;
 * - "no-counterpart": behaviour ROLL 0.3's FSDP2 cannot express; dropped with a warning naming its line.
 */
export type KeyFate = "mapped" | "roll-fills" | "builtin" | "inert" | "no-counterpart";

/** Conditions a KeyRow can require; evaluated by migrate.ts on the worker's DeepSpeed config. */
export type KeyCondition =
  | "fp16-off" // fp16.enabled is not true
  | "fp16-on"
  | "below-zero3" // zero_optimization.stage < 3
  | "offload-off"; // the offload block's device is "none" or absent

export interface KeyRow {
  id: string;
  /** DeepSpeed key paths; `*` matches one segment. */
  keys: string[];
  /** The row applies only when the key's value is one of these. */
  values?: (string | number | boolean)[];
  when?: KeyCondition;
  fate: KeyFate;
  why: string;
  cites: Citation[];
}

const FULLY_SHARD_CONFIG = `${FSDP2}#L1044-L1054`;

/** First match wins; a key no row matches is "no-counterpart". */
export const KEYS: readonly KeyRow[] = [
  {
    id: "stage",
    keys: ["zero_optimization.stage"],
    fate: "mapped",
    why: "Decides the strategy and reshard_after_forward.",
    cites: [`${FSDP2}#L1019-L1025`],
  },
  {
    id: "precision",
    keys: ["bf16.enabled", "bfloat16.enabled", "fp16.enabled"],
    fate: "mapped",
    why: "Decides param_dtype.",
    cites: [`${FSDP2}#L1004-L1009`],
  },
  {
    id: "offload-unused",
    keys: ["zero_optimization.offload_param.*"],
    when: "below-zero3",
    fate: "inert",
    why: "DeepSpeed reads offload_param only at stage 3; below it the block did nothing.",
    cites: ["deepspeedai/DeepSpeed@v0.16.4:deepspeed/runtime/engine.py#L1655-L1692"],
  },
  {
    id: "offload-device",
    keys: ["zero_optimization.offload_optimizer.device", "zero_optimization.offload_param.device"],
    values: ["cpu", "none"],
    fate: "mapped",
    why: "Decides offload_policy.",
    cites: [`${FSDP2}#L1027-L1043`],
  },
  {
    id: "offload-off",
    keys: ["zero_optimization.offload_optimizer.*", "zero_optimization.offload_param.*"],
    when: "offload-off",
    fate: "inert",
    why: "Options of an offload that is switched off.",
    cites: [`${FSDP2}#L1027-L1043`],
  },
  {
    id: "pin-memory",
    keys: ["zero_optimization.offload_optimizer.pin_memory", "zero_optimization.offload_param.pin_memory"],
    values: [true],
    fate: "builtin",
    why: "ROLL 0.3 always offloads to pinned memory: CPUOffloadPolicy(pin_memory=True).",
    cites: [`${FSDP2}#L1038-L1043`],
  },
  {
    id: "batch-and-clipping",
    keys: [
      "train_micro_batch_size_per_gpu",
      "train_batch_size",
      "gradient_accumulation_steps",
      "gradient_clipping",
    ],
    fate: "roll-fills",
    why:
      "ROLL 0.2 overwrote them from training_args and max_grad_norm (gradient_accumulation_steps follows from " +
      "the two batch sizes); ROLL 0.3's FSDP2 reads training_args and max_grad_norm itself.",
    cites: [`${DS_STRATEGY}#L42-L54`, `${FSDP2}#L1660-L1662`],
  },
  {
    id: "fp16-unused",
    keys: ["fp16.*"],
    when: "fp16-off",
    fate: "inert",
    why: "Loss-scaling options of fp16, which is off.",
    cites: [`${FSDP2}#L1382-L1388`],
  },
  {
    id: "fp16-dynamic-scale",
    keys: ["fp16.loss_scale"],
    values: [0],
    when: "fp16-on",
    fate: "builtin",
    why: "0 is DeepSpeed's dynamic loss scaling; ROLL 0.3 scales fp16 dynamically with ShardedGradScaler.",
    cites: [`${FSDP2}#L1382-L1388`],
  },
  {
    id: "bf16-overflow-check",
    keys: ["bf16.check_grad_overflow", "bfloat16.check_grad_overflow"],
    values: [false],
    fate: "builtin",
    why: "FSDP2 does not check bf16 gradients for overflow either.",
    cites: [`${FSDP2}#L1382-L1388`],
  },
  {
    id: "comm-tuning",
    keys: [
      "zero_optimization.overlap_comm",
      "zero_optimization.contiguous_gradients",
      "zero_optimization.reduce_bucket_size",
      "zero_optimization.allgather_bucket_size",
      "zero_optimization.allgather_partitions",
      "zero_optimization.reduce_scatter",
      "zero_optimization.sub_group_size",
      "zero_optimization.round_robin_gradients",
      "zero_optimization.stage3_prefetch_bucket_size",
      "zero_optimization.stage3_param_persistence_threshold",
      "zero_optimization.stage3_max_live_parameters",
      "zero_optimization.stage3_max_reuse_distance",
    ],
    fate: "builtin",
    why:
      "DeepSpeed's bucketing and prefetch tuning. FSDP2 communicates per fully_shard unit and overlaps it " +
      "itself; ROLL 0.3 passes fully_shard only mesh, reshard_after_forward, mixed precision and offload.",
    cites: [FULLY_SHARD_CONFIG],
  },
  {
    id: "save-16bit",
    keys: ["zero_optimization.stage3_gather_16bit_weights_on_model_save"],
    values: [true],
    fate: "builtin",
    why: "ROLL 0.3's FSDP2 always saves the full HF weights (save_pretrained of the full state dict).",
    cites: [`${FSDP2}#L503-L552`],
  },
  {
    id: "tag-validation",
    keys: ["checkpoint.tag_validation"],
    values: ["IGNORE", "Ignore", "ignore"],
    fate: "builtin",
    why: "FSDP2 checkpoints (torch DCP) have no DeepSpeed tags to validate.",
    cites: [`${FSDP2}#L503-L560`],
  },
];

/** The row for keys nothing else matches. */
export const NO_COUNTERPART: KeyRow = {
  id: "no-counterpart",
  keys: ["*"],
  fate: "no-counterpart",
  why:
    "ROLL 0.3 configures FSDP2 only through fsdp_size, param_dtype, reduce_dtype, reshard_after_forward and " +
    "offload_policy (plus model-specific wrap/MoE options): the setting is dropped.",
  cites: [FULLY_SHARD_CONFIG, `${V03}docs_roll/docs/User Guides/Configuration/fsdp2.md`],
};

/** Defaults entries migrate removes (data, so the doc can state it). */
export const DEFAULTS_ROW = {
  id: "defaults",
  rule:
    "A defaults entry whose file holds only DeepSpeed configs (every top-level value is a mapping with " +
    "zero_optimization) is removed once nothing in the migrated file interpolates its keys. Others stay.",
  cites: [
    `${V021}examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml#L1-L6`,
    `${SP2}#L1-L4`,
    `${V03}examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml#L1-L2`,
  ],
} as const;
