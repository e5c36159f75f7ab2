// The `--fill-auto` parameters of `presets show --format deepspeed`: one flag per HF "auto" input
// (FILL_AUTO_PARAMS in @roll/deepspeed names the same flags in its error messages).
import type { FillAutoParams } from "@roll/deepspeed";
import { finiteNumber, oneOf, positiveInt } from "./args.js";
import { UsageError } from "./command.js";

const DEVICES = ["none", "cpu", "nvme"] as const;

/** Each needs --fill-auto; `presets show` checks that. */
export const FILL_AUTO_FLAGS = {
  "micro-batch": { type: "string", value: "N", help: "train_micro_batch_size_per_gpu" },
  "grad-accum": { type: "string", value: "N", help: "gradient_accumulation_steps" },
  "world-size": {
    type: "string",
    value: "N",
    help: "data-parallel size (train_batch_size = world x micro x accum)",
  },
  "hidden-size": {
    type: "string",
    value: "H",
    help: "reduce_bucket_size = H*H, stage3_prefetch_bucket_size = int(0.9*H*H),\nstage3_param_persistence_threshold = 10*H",
  },
  lr: { type: "string", value: "X", help: "optimizer lr" },
  "weight-decay": { type: "string", value: "X", help: "optimizer weight_decay" },
  betas: { type: "string", value: "B1,B2", help: "optimizer betas" },
  eps: { type: "string", value: "X", help: "optimizer eps" },
  "warmup-steps": { type: "string", value: "N", help: "scheduler warmup_num_steps" },
  "total-steps": { type: "string", value: "N", help: "scheduler total_num_steps" },
  "max-grad-norm": { type: "string", value: "X", help: "gradient_clipping" },
  dtype: { type: "string", choices: ["fp16", "bf16", "fp32"], help: "fp16.enabled / bf16.enabled" },
  "zero-stage": { type: "string", choices: ["0", "1", "2", "3"], help: "zero_optimization.stage" },
  "offload-optimizer-device": {
    type: "string",
    choices: DEVICES,
    help: "zero_optimization.offload_optimizer.device",
  },
  "offload-param-device": {
    type: "string",
    choices: DEVICES,
    help: "zero_optimization.offload_param.device",
  },
  "zero3-save-16bit-model": {
    type: "string",
    choices: ["true", "false"],
    help: "zero_optimization.stage3_gather_16bit_weights_on_model_save",
  },
} as const;

type FillAutoValues = { [K in keyof typeof FILL_AUTO_FLAGS]?: string | undefined };

export function hasFillAutoValues(values: FillAutoValues): string | undefined {
  return (Object.keys(FILL_AUTO_FLAGS) as (keyof typeof FILL_AUTO_FLAGS)[]).find(
    (k) => values[k] !== undefined,
  );
}

/** Converts the flag strings to FillAutoParams; malformed values are usage errors. */
export function fillAutoParams(values: FillAutoValues, usage: string): FillAutoParams {
  const params: FillAutoParams = {};
  const set = <K extends keyof FillAutoParams>(key: K, value: FillAutoParams[K] | undefined) => {
    if (value !== undefined) params[key] = value;
  };
  set("microBatch", positiveInt("micro-batch", values["micro-batch"], usage));
  set("gradAccum", positiveInt("grad-accum", values["grad-accum"], usage));
  set("worldSize", positiveInt("world-size", values["world-size"], usage));
  set("hiddenSize", positiveInt("hidden-size", values["hidden-size"], usage));
  set("lr", finiteNumber("lr", values.lr, usage));
  set("weightDecay", finiteNumber("weight-decay", values["weight-decay"], usage));
  set("betas", betas(values.betas, usage));
  set("eps", finiteNumber("eps", values.eps, usage));
  set("warmupSteps", nonNegativeInt("warmup-steps", values["warmup-steps"], usage));
  set("totalSteps", positiveInt("total-steps", values["total-steps"], usage));
  set("maxGradNorm", finiteNumber("max-grad-norm", values["max-grad-norm"], usage));
  set("dtype", oneOf("dtype", values.dtype, FILL_AUTO_FLAGS.dtype.choices, usage));
  const stage = oneOf("zero-stage", values["zero-stage"], FILL_AUTO_FLAGS["zero-stage"].choices, usage);
  set("zeroStage", stage === undefined ? undefined : (Number(stage) as 0 | 1 | 2 | 3));
  set(
    "offloadOptimizerDevice",
    oneOf("offload-optimizer-device", values["offload-optimizer-device"], DEVICES, usage),
  );
  set("offloadParamDevice", oneOf("offload-param-device", values["offload-param-device"], DEVICES, usage));
  const save = oneOf(
    "zero3-save-16bit-model",
    values["zero3-save-16bit-model"],
    FILL_AUTO_FLAGS["zero3-save-16bit-model"].choices,
    usage,
  );
  set("zero3Save16bitModel", save === undefined ? undefined : save === "true");
  return params;
}

function betas(value: string | undefined, usage: string): [number, number] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",").map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
  if (parts.length !== 2 || !parts.every(Number.isFinite)) {
    throw new UsageError(`--betas must be two numbers such as 0.9,0.999 (got '${value}')`, usage);
  }
  return parts as [number, number];
}

function nonNegativeInt(flag: string, value: string | undefined, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(value))
    throw new UsageError(`--${flag} must be an integer >= 0 (got '${value}')`, usage);
  return Number(value);
}
