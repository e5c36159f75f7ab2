/**
 * What ROLL 0.2's DeepSpeedInferStrategy.__init__ wrote into strategy_config before DeepSpeed saw it
 * (alibaba/ROLL@e98e9f89:roll/distributed/strategy/deepspeed_strategy.py; config-format.md §f.1).
 * Every other "auto" reached deepspeed.initialize unchanged.
 */
import { DeepSpeedInputError } from "./errors.js";
import { type ConfigObject, isPlainObject } from "./values.js";

export interface RollTrainingArgs {
  /** worker training_args.per_device_train_batch_size */
  perDeviceTrainBatchSize: number;
  /** worker training_args.gradient_accumulation_steps */
  gradientAccumulationSteps: number;
  /** pipeline max_grad_norm (1.0 for PPO/DPO/SFT/RewardFL, 0 = no clipping for Distill) */
  maxGradNorm: number;
  /** the worker's world_size (number of ranks) */
  worldSize: number;
}

export interface RollFillResult {
  config: ConfigObject;
  /** Keys ROLL wrote (always all three: ROLL overwrites whatever the preset had). */
  filled: string[];
  /** Keys that held a concrete value other than "auto" which ROLL replaced. */
  overwritten: { key: string; from: unknown; to: number }[];
}

function requirePositiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new DeepSpeedInputError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function rollFillIns(strategyConfig: unknown, training: RollTrainingArgs): RollFillResult {
  if (!isPlainObject(strategyConfig)) {
    throw new DeepSpeedInputError("strategy_config of a DeepSpeed strategy must be a mapping");
  }
  if (!isPlainObject(training))
    throw new DeepSpeedInputError("rollFillIns needs the worker's training arguments");
  const micro = requirePositiveInteger("perDeviceTrainBatchSize", training.perDeviceTrainBatchSize);
  const gas = requirePositiveInteger("gradientAccumulationSteps", training.gradientAccumulationSteps);
  const worldSize = requirePositiveInteger("worldSize", training.worldSize);
  const maxGradNorm = training.maxGradNorm;
  if (typeof maxGradNorm !== "number" || !Number.isFinite(maxGradNorm) || maxGradNorm < 0) {
    throw new DeepSpeedInputError(`maxGradNorm must be a number >= 0, got ${String(maxGradNorm)}`);
  }
  const config = structuredClone(strategyConfig);
  // ROLL does not write gradient_accumulation_steps: DeepSpeed derives it from the other two.
  const writes: [string, number][] = [
    ["train_micro_batch_size_per_gpu", micro],
    ["train_batch_size", micro * gas * worldSize],
    ["gradient_clipping", maxGradNorm],
  ];
  const overwritten: RollFillResult["overwritten"] = [];
  for (const [key, value] of writes) {
    const before = config[key];
    if (before !== undefined && before !== "auto" && before !== value)
      overwritten.push({ key, from: before, to: value });
    config[key] = value;
  }
  return { config, filled: writes.map(([key]) => key), overwritten };
}
