/**
 * Offline version of the HF "auto" rules: transformers' HfTrainerDeepSpeedConfig (reference §d.1) and
 * accelerate's DeepSpeedPlugin (§d.2). Anything else that is "auto" is refused, as accelerate does.
 */
import { CONSUMERS, type ConsumerName } from "./consumers.js";
import { DeepSpeedInputError } from "./errors.js";
import { STRICT_SECTIONS } from "./rules/auto.js";
import { autoValues, type ConfigObject, getPath, isPlainObject } from "./values.js";
import { atLeast, NEWEST_DEEPSPEED_RELEASE, parseVersion, ROLL_DEEPSPEED_VERSION } from "./version.js";

export interface FillAutoParams {
  microBatch?: number;
  gradAccum?: number;
  worldSize?: number;
  hiddenSize?: number;
  lr?: number;
  weightDecay?: number;
  betas?: [number, number];
  eps?: number;
  warmupSteps?: number;
  totalSteps?: number;
  maxGradNorm?: number;
  dtype?: "fp16" | "bf16" | "fp32";
  zeroStage?: 0 | 1 | 2 | 3;
  offloadOptimizerDevice?: "none" | "cpu" | "nvme";
  offloadParamDevice?: "none" | "cpu" | "nvme";
  /** accelerate's zero3_save_16bit_model; accelerate's default is false. */
  zero3Save16bitModel?: boolean;
}

type ParamName = keyof FillAutoParams;

/** Parameters with the CLI flag that supplies each (so the CLI and error messages agree). */
export const FILL_AUTO_PARAMS: Record<ParamName, { flag: string; description: string }> = {
  microBatch: { flag: "--micro-batch", description: "per-GPU micro batch (per_device_train_batch_size)" },
  gradAccum: { flag: "--grad-accum", description: "gradient accumulation steps" },
  worldSize: { flag: "--world-size", description: "data-parallel world size" },
  hiddenSize: { flag: "--hidden-size", description: "model hidden_size (bucket sizes)" },
  lr: { flag: "--lr", description: "learning rate" },
  weightDecay: { flag: "--weight-decay", description: "weight decay" },
  betas: { flag: "--betas", description: "Adam betas [beta1, beta2]" },
  eps: { flag: "--eps", description: "Adam epsilon" },
  warmupSteps: { flag: "--warmup-steps", description: "scheduler warm-up steps" },
  totalSteps: { flag: "--total-steps", description: "total training steps" },
  maxGradNorm: { flag: "--max-grad-norm", description: "gradient clipping norm" },
  dtype: { flag: "--dtype", description: "fp16 | bf16 | fp32 (sets fp16.enabled / bf16.enabled)" },
  zeroStage: { flag: "--zero-stage", description: "ZeRO stage 0-3 (accelerate zero_stage)" },
  offloadOptimizerDevice: { flag: "--offload-optimizer-device", description: "none | cpu | nvme" },
  offloadParamDevice: { flag: "--offload-param-device", description: "none | cpu | nvme" },
  zero3Save16bitModel: {
    flag: "--zero3-save-16bit-model",
    description: "true | false (accelerate default false)",
  },
};

export interface UnfilledAuto {
  path: string;
  /** Parameters that would fill it; empty when no HF rule covers the key. */
  needs: ParamName[];
  /** Why nobody fills it, when a consumer profile decided (e.g. "accelerate does not fill this key"). */
  reason?: string;
}

export class AutoFillError extends Error {
  override name = "AutoFillError";
  constructor(readonly unfilled: UnfilledAuto[]) {
    super(
      `Cannot fill every "auto" in the DeepSpeed config:\n${unfilled
        .map(({ path, needs }) =>
          needs.length > 0
            ? `- ${path}: pass ${needs.map((n) => `${n} (${FILL_AUTO_PARAMS[n].flag})`).join(" and ")}`
            : `- ${path}: ${unfilled.find((u) => u.path === path)?.reason ?? "no HF rule fills this key"}; replace "auto" with a value`,
        )
        .join("\n")}`,
    );
  }
}

interface FillRule {
  needs: ParamName[];
  value(params: FillAutoParams, config: ConfigObject): unknown;
}

/** The integer a config key holds, when it is a concrete number. */
const configInt = (config: ConfigObject, key: string) => {
  const value = config[key];
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
};

const h = (p: FillAutoParams) => p.hiddenSize as number;

const RULES: Record<string, FillRule> = {
  train_micro_batch_size_per_gpu: { needs: ["microBatch"], value: (p) => p.microBatch },
  gradient_accumulation_steps: { needs: ["gradAccum"], value: (p) => p.gradAccum },
  // world_size * per_device_train_batch_size * gradient_accumulation_steps
  train_batch_size: {
    needs: ["worldSize", "microBatch", "gradAccum"],
    value: (p, c) => {
      const micro = p.microBatch ?? configInt(c, "train_micro_batch_size_per_gpu");
      const gas = p.gradAccum ?? configInt(c, "gradient_accumulation_steps");
      return p.worldSize !== undefined && micro !== undefined && gas !== undefined
        ? p.worldSize * micro * gas
        : undefined;
    },
  },
  gradient_clipping: { needs: ["maxGradNorm"], value: (p) => p.maxGradNorm },
  "optimizer.params.lr": { needs: ["lr"], value: (p) => p.lr },
  "optimizer.params.betas": { needs: ["betas"], value: (p) => p.betas && [...p.betas] },
  "optimizer.params.eps": { needs: ["eps"], value: (p) => p.eps },
  "optimizer.params.weight_decay": { needs: ["weightDecay"], value: (p) => p.weightDecay },
  "scheduler.params.warmup_min_lr": { needs: [], value: () => 0 },
  "scheduler.params.warmup_max_lr": { needs: ["lr"], value: (p) => p.lr },
  "scheduler.params.warmup_num_steps": { needs: ["warmupSteps"], value: (p) => p.warmupSteps },
  "scheduler.params.total_num_steps": { needs: ["totalSteps"], value: (p) => p.totalSteps },
  "fp16.enabled": {
    needs: ["dtype"],
    value: (p) => (p.dtype === undefined ? undefined : p.dtype === "fp16"),
  },
  "bf16.enabled": {
    needs: ["dtype"],
    value: (p) => (p.dtype === undefined ? undefined : p.dtype === "bf16"),
  },
  "zero_optimization.reduce_bucket_size": {
    needs: ["hiddenSize"],
    value: (p) => (p.hiddenSize === undefined ? undefined : h(p) * h(p)),
  },
  // int(0.9 * hidden * hidden): transformers >= PR #33402; the old float broke DeepSpeed >= 0.15 (DeepSpeed#6525).
  "zero_optimization.stage3_prefetch_bucket_size": {
    needs: ["hiddenSize"],
    value: (p) => (p.hiddenSize === undefined ? undefined : Math.trunc(0.9 * h(p) * h(p))),
  },
  "zero_optimization.stage3_param_persistence_threshold": {
    needs: ["hiddenSize"],
    value: (p) => (p.hiddenSize === undefined ? undefined : 10 * h(p)),
  },
  "zero_optimization.stage3_gather_16bit_weights_on_model_save": {
    needs: [],
    value: (p) => p.zero3Save16bitModel ?? false,
  },
  "zero_optimization.stage": { needs: ["zeroStage"], value: (p) => p.zeroStage },
  "zero_optimization.offload_optimizer.device": {
    needs: ["offloadOptimizerDevice"],
    value: (p) => p.offloadOptimizerDevice,
  },
  "zero_optimization.offload_param.device": {
    needs: ["offloadParamDevice"],
    value: (p) => p.offloadParamDevice,
  },
};

function checkParams(params: FillAutoParams): void {
  const problems: string[] = [];
  const positiveInt = (name: ParamName, min = 1) => {
    const v = params[name];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= min)) {
      problems.push(`${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  const finite = (name: ParamName) => {
    const v = params[name];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
      problems.push(`${name} must be a number >= 0, got ${String(v)}`);
    }
  };
  const oneOf = (name: ParamName, allowed: unknown[]) => {
    const v = params[name];
    if (v !== undefined && !allowed.includes(v)) {
      problems.push(`${name} must be one of ${allowed.map(String).join(", ")}, got ${String(v)}`);
    }
  };
  for (const name of ["microBatch", "gradAccum", "worldSize", "hiddenSize", "totalSteps"] as const)
    positiveInt(name);
  positiveInt("warmupSteps", 0);
  for (const name of ["lr", "weightDecay", "eps", "maxGradNorm"] as const) finite(name);
  const { betas } = params;
  if (betas !== undefined && !(Array.isArray(betas) && betas.length === 2 && betas.every(Number.isFinite))) {
    problems.push(`betas must be two numbers, got ${JSON.stringify(betas)}`);
  }
  oneOf("dtype", ["fp16", "bf16", "fp32"]);
  oneOf("zeroStage", [0, 1, 2, 3]);
  oneOf("offloadOptimizerDevice", ["none", "cpu", "nvme"]);
  oneOf("offloadParamDevice", ["none", "cpu", "nvme"]);
  oneOf("zero3Save16bitModel", [true, false]);
  if (problems.length > 0)
    throw new DeepSpeedInputError(`Invalid fill-auto parameters:\n- ${problems.join("\n- ")}`);
}

/** A parameter counts as supplied when passed, or (for the batch product) when the config holds a number. */
function supplied(name: ParamName, params: FillAutoParams, config: ConfigObject): boolean {
  if (params[name] !== undefined) return true;
  if (name === "microBatch") return configInt(config, "train_micro_batch_size_per_gpu") !== undefined;
  if (name === "gradAccum") return configInt(config, "gradient_accumulation_steps") !== undefined;
  return false;
}

function setPath(config: ConfigObject, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = keys.length === 0 ? config : getPath(config, keys.join("."));
  if (isPlainObject(parent)) parent[last] = value;
}

export interface FillAutoOptions {
  /**
   * Fill "auto" as this consumer does (consumers.ts): only its keys are filled; an "auto" it leaves is dropped
   * where DeepSpeed drops it (pydantic sections; listed in `dropped`, removed from the output) and an error
   * where DeepSpeed would crash on the string or the consumer itself refuses it. Without a consumer, every
   * HF Trainer / accelerate rule applies.
   */
  consumer?: ConsumerName;
  /** DeepSpeed release that receives the config (fp16/bf16 drop "auto" from 0.17.1); default per consumer. */
  deepspeedVersion?: string;
}

/** Sections whose DeepSpeedConfigModel drops "auto" at this release. */
function dropsAuto(path: string, version: string): boolean {
  const section = path.split(".")[0] as string;
  if (section === "fp16" || section === "bf16") return atLeast(parseVersion(version), "0.17.1");
  return STRICT_SECTIONS.includes(section);
}

function deletePath(config: ConfigObject, path: string): void {
  const keys = path.split(".");
  const last = keys.pop() as string;
  const parent = keys.length === 0 ? config : getPath(config, keys.join("."));
  if (isPlainObject(parent)) delete parent[last];
}

/** Replaces every "auto" by the HF rule for its key; throws AutoFillError listing every "auto" left over. */
export function fillAuto(
  config: unknown,
  params: FillAutoParams = {},
  options: FillAutoOptions = {},
): { config: ConfigObject; filled: string[]; dropped: string[] } {
  if (!isPlainObject(config)) throw new DeepSpeedInputError("A DeepSpeed config must be a JSON object");
  if (!isPlainObject(params)) throw new DeepSpeedInputError("fillAuto parameters must be an object");
  checkParams(params);
  const consumer = options.consumer === undefined ? undefined : CONSUMERS[options.consumer];
  if (options.consumer !== undefined && !consumer)
    throw new DeepSpeedInputError(`unknown consumer ${JSON.stringify(options.consumer)}`);
  const version =
    options.deepspeedVersion ??
    (options.consumer === "roll-0.2" ? ROLL_DEEPSPEED_VERSION : NEWEST_DEEPSPEED_RELEASE);
  const allowed = consumer ? new Set(consumer.fills(config)) : undefined;
  const result = structuredClone(config);
  const autoPaths = autoValues(result).map((a) => a.path);
  const filled: string[] = [];
  const dropped: string[] = [];
  const unfilled: UnfilledAuto[] = [];
  for (const path of autoPaths) {
    if (consumer && allowed && !allowed.has(path)) {
      if (consumer.leftover === "deepspeed" && dropsAuto(path, version)) {
        deletePath(result, path);
        dropped.push(path);
      } else {
        unfilled.push({
          path,
          needs: [],
          reason:
            consumer.leftover === "error"
              ? `${consumer.name} does not fill this key and refuses the "auto" (${consumer.source})`
              : `${consumer.name} does not fill this key, and DeepSpeed ${version} reads it with dict.get and fails on the string`,
        });
      }
      continue;
    }
    const rule = RULES[path];
    const value = rule?.value(params, config);
    if (rule && value !== undefined) {
      setPath(result, path, value);
      filled.push(path);
    } else {
      unfilled.push({
        path,
        needs: rule ? rule.needs.filter((name) => !supplied(name, params, config)) : [],
      });
    }
  }
  if (unfilled.length > 0) throw new AutoFillError(unfilled);
  return { config: result, filled, dropped };
}
