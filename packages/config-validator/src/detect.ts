// Picks the ROLL release and pipeline a config targets when the caller does not say.
// - release: a `deepspeed_*` strategy anywhere means ROLL ≤ 0.2 (DeepSpeed was removed in 0.3.0), else 0.3;
// - pipeline: the pipeline class with the most top-level keys that only it declares (e.g. custom_envs or
//   train_env_manager → agentic, sft_train → sft); RLVR, the most common, when nothing is distinctive.
import type { RollPipeline, RollRelease } from "./dataclass-catalogue.js";
import { PIPELINE_KEYS } from "./generated/roll-fields.js";
import { isPlainObject } from "./python-type.js";

export function strategyNames(config: unknown): string[] {
  const names: string[] = [];
  // Iterative, in document order: a config from the command line may be nested 20,000 deep.
  const stack: unknown[] = [config];
  while (stack.length > 0) {
    const value = stack.pop();
    const children = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
    if (isPlainObject(value)) {
      const args = value.strategy_args;
      if (isPlainObject(args) && typeof args.strategy_name === "string") names.push(args.strategy_name);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return names;
}

export function detectRelease(config: unknown): RollRelease {
  return strategyNames(config).some((name) => name.includes("deepspeed")) ? "0.2" : "0.3";
}

export function detectPipeline(config: unknown, release: RollRelease): RollPipeline {
  if (!isPlainObject(config)) return "rlvr";
  let best: RollPipeline = "rlvr";
  let bestScore = 0;
  for (const [pipeline, keys] of Object.entries(PIPELINE_KEYS[release]) as [RollPipeline, string[]][]) {
    const score = keys.filter((key) => key in config).length;
    if (score > bestScore) {
      best = pipeline;
      bestScore = score;
    }
  }
  return best;
}
