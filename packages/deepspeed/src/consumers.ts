/**
 * Who fills "auto" before DeepSpeed sees the config, and with what. Each profile follows its consumer's code
 * (reference/deepspeed/config-reference.md §d, from the sources named in `source`).
 */
import { isPlainObject } from "./values.js";

export type ConsumerName = "hf-trainer" | "accelerate" | "roll-0.2" | "deepspeed";

export interface Consumer {
  name: ConsumerName;
  source: string;
  /** Dotted keys whose "auto" this consumer fills, for this config. */
  fills(config: unknown): string[];
  /**
   * What happens to an "auto" it does not fill: "deepspeed" = DeepSpeed gets it (pydantic sections drop it,
   * dict.get keys fail later); "error" = the consumer itself refuses it.
   */
  leftover: "deepspeed" | "error";
}

const BATCH = ["train_micro_batch_size_per_gpu", "train_batch_size"];
const HF_COMMON = [
  ...BATCH,
  "gradient_accumulation_steps",
  "gradient_clipping",
  "scheduler.params.warmup_min_lr",
  "scheduler.params.warmup_max_lr",
  "scheduler.params.warmup_num_steps",
  "scheduler.params.total_num_steps",
  "fp16.enabled",
  "bf16.enabled",
  "zero_optimization.reduce_bucket_size",
];

function zeroStage(config: unknown): unknown {
  return isPlainObject(config) && isPlainObject(config.zero_optimization)
    ? config.zero_optimization.stage
    : undefined;
}

export const CONSUMERS: Record<ConsumerName, Consumer> = {
  "hf-trainer": {
    name: "hf-trainer",
    source:
      "transformers integrations/deepspeed.py HfTrainerDeepSpeedConfig.trainer_config_process / trainer_config_finalize",
    fills: (config) => [
      ...HF_COMMON,
      "optimizer.params.lr",
      "optimizer.params.betas",
      "optimizer.params.eps",
      "optimizer.params.weight_decay",
      "amp.enabled",
      "amp.opt_level",
      // trainer_config_finalize fills these two only when is_zero3().
      ...(zeroStage(config) === 3
        ? [
            "zero_optimization.stage3_prefetch_bucket_size",
            "zero_optimization.stage3_param_persistence_threshold",
          ]
        : []),
    ],
    leftover: "deepspeed",
  },
  accelerate: {
    name: "accelerate",
    source:
      "accelerate utils/dataclasses.py DeepSpeedPlugin.__post_init__ and accelerator.py Accelerator._prepare_deepspeed",
    fills: () => [
      ...HF_COMMON,
      "optimizer.params.lr",
      "optimizer.params.weight_decay",
      "zero_optimization.stage",
      "zero_optimization.offload_optimizer.device",
      "zero_optimization.offload_param.device",
      "zero_optimization.offload_optimizer.nvme_path",
      "zero_optimization.offload_param.nvme_path",
      "zero_optimization.stage3_gather_16bit_weights_on_model_save",
      "zero_optimization.stage3_prefetch_bucket_size",
      "zero_optimization.stage3_param_persistence_threshold",
    ],
    // "`{key}` not found in kwargs. Please specify `{key}` without `auto` ..." (deepspeed_config_process)
    leftover: "error",
  },
  "roll-0.2": {
    name: "roll-0.2",
    source:
      "ROLL v0.2.1 roll/distributed/strategy/deepspeed_strategy.py DeepSpeedInferStrategy.__init__ (DeepSpeedTrainStrategy inherits it) writes train_micro_batch_size_per_gpu, train_batch_size and gradient_clipping",
    fills: () => [...BATCH, "gradient_clipping"],
    leftover: "deepspeed",
  },
  deepspeed: {
    name: "deepspeed",
    source:
      'deepspeed.initialize: DeepSpeed resolves no "auto" (pydantic sections drop it, dict.get keys keep the string)',
    fills: () => [],
    leftover: "deepspeed",
  },
};

export const CONSUMER_NAMES = Object.keys(CONSUMERS) as ConsumerName[];
