// The `--fill-auto` parameters of `presets show --format deepspeed`: one flag per HF "auto" input
// (FILL_AUTO_PARAMS in @roll/deepspeed names the same flags in its error messages).
import type { FillAutoParams } from "@roll/deepspeed";
import { finiteNumber, oneOf, positiveInt } from "./args.js";
import { UsageError } from "./command.js";

export const FILL_AUTO_FLAGS = {
  "micro-batch": { type: "string" },
  "grad-accum": { type: "string" },
  "world-size": { type: "string" },
  "hidden-size": { type: "string" },
  lr: { type: "string" },
  "weight-decay": { type: "string" },
  betas: { type: "string" },
  eps: { type: "string" },
  "warmup-steps": { type: "string" },
  "total-steps": { type: "string" },
  "max-grad-norm": { type: "string" },
  dtype: { type: "string" },
  "zero-stage": { type: "string" },
  "offload-optimizer-device": { type: "string" },
  "offload-param-device": { type: "string" },
  "zero3-save-16bit-model": { type: "string" },
} as const;

export const FILL_AUTO_USAGE = `  --fill-auto                      fill "auto" offline by the HF Trainer/accelerate rules:
    --micro-batch N                train_micro_batch_size_per_gpu
    --grad-accum N                 gradient_accumulation_steps
    --world-size N                 data-parallel size (train_batch_size = world x micro x accum)
    --hidden-size H                reduce_bucket_size = H*H, stage3_prefetch_bucket_size = int(0.9*H*H),
                                   stage3_param_persistence_threshold = 10*H
    --lr X  --weight-decay X  --betas B1,B2  --eps X                   optimizer params
    --warmup-steps N  --total-steps N                                 scheduler params
    --max-grad-norm X              gradient_clipping
    --dtype fp16|bf16|fp32         fp16.enabled / bf16.enabled
    --zero-stage 0-3  --offload-optimizer-device D  --offload-param-device D  (none|cpu|nvme)
    --zero3-save-16bit-model true|false`;

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
  set("dtype", oneOf("dtype", values.dtype, ["fp16", "bf16", "fp32"] as const, usage));
  const stage = oneOf("zero-stage", values["zero-stage"], ["0", "1", "2", "3"] as const, usage);
  set("zeroStage", stage === undefined ? undefined : (Number(stage) as 0 | 1 | 2 | 3));
  const devices = ["none", "cpu", "nvme"] as const;
  set(
    "offloadOptimizerDevice",
    oneOf("offload-optimizer-device", values["offload-optimizer-device"], devices, usage),
  );
  set("offloadParamDevice", oneOf("offload-param-device", values["offload-param-device"], devices, usage));
  const save = oneOf(
    "zero3-save-16bit-model",
    values["zero3-save-16bit-model"],
    ["true", "false"] as const,
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
