// Picks the ROLL release and pipeline a config targets when the caller does not say.
// - release: a `deepspeed_*` strategy anywhere means ROLL ≤ 0.2 (DeepSpeed was removed in 0.3.0), else 0.3;
// - pipeline: the pipeline class with the most top-level keys that only it declares (e.g. custom_envs or
//   train_env_manager → agentic, sft_train → sft); RLVR, the most common, when nothing is distinctive.
import {
  DataclassCatalogue,
  PIPELINE_ROOT_CLASS,
  type RollPipeline,
  type RollRelease,
} from "./dataclass-catalogue.js";
import { isPlainObject } from "./python-type.js";

export function strategyNames(config: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isPlainObject(value)) {
      const args = value.strategy_args;
      if (isPlainObject(args) && typeof args.strategy_name === "string") names.push(args.strategy_name);
      Object.values(value).forEach(visit);
    }
  };
  visit(config);
  return names;
}

export function detectRelease(config: unknown): RollRelease {
  return strategyNames(config).some((name) => name.includes("deepspeed")) ? "0.2" : "0.3";
}

const PIPELINES = Object.keys(PIPELINE_ROOT_CLASS) as RollPipeline[];

export function detectPipeline(config: unknown, release: RollRelease): RollPipeline {
  if (!isPlainObject(config)) return "rlvr";
  const catalogue = DataclassCatalogue.forRelease(release);
  const fieldSets = new Map<RollPipeline, Set<string>>();
  for (const pipeline of PIPELINES) {
    const cls = catalogue.pipelineClass(pipeline);
    if (cls) fieldSets.set(pipeline, new Set(cls.fields.keys()));
  }
  let best: RollPipeline = "rlvr";
  let bestScore = 0;
  for (const [pipeline, fields] of fieldSets) {
    const distinctive = [...fields].filter((f) =>
      [...fieldSets].every(([other, otherFields]) => other === pipeline || !otherFields.has(f)),
    );
    const score = distinctive.filter((key) => key in config).length;
    if (score > bestScore) {
      best = pipeline;
      bestScore = score;
    }
  }
  return best;
}
