// Picks the ROLL release and pipeline a config targets when the caller does not say. The one pipeline
// detector of the project (the validator and the schema validation both use it).
// - release: a `deepspeed_*` strategy anywhere means ROLL ≤ 0.2 (DeepSpeed was removed in 0.3.0), else 0.3;
// - pipeline: scored by the top-level keys only that pipeline's root class declares (e.g. custom_envs or
//   train_env_manager → agentic, sft_train → sft). detectPipeline takes the best score, RLVR (the most
//   common) when nothing is distinctive; distinctivePipeline answers only when exactly one pipeline scores,
//   so the schema validation can fall back to the best-fitting pipeline instead.
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

/** Each pipeline of the release (in PIPELINES order) with how many of its distinctive keys `config` sets. */
function pipelineScores(config: Record<string, unknown>, release: RollRelease): [RollPipeline, number][] {
  const catalogue = DataclassCatalogue.forRelease(release);
  const fieldSets = new Map<RollPipeline, Set<string>>();
  for (const pipeline of PIPELINES) {
    const cls = catalogue.pipelineClass(pipeline);
    if (cls) fieldSets.set(pipeline, new Set(cls.fields.keys()));
  }
  return [...fieldSets].map(([pipeline, fields]) => {
    const distinctive = [...fields].filter((f) =>
      [...fieldSets].every(([other, otherFields]) => other === pipeline || !otherFields.has(f)),
    );
    return [pipeline, distinctive.filter((key) => key in config).length];
  });
}

export function detectPipeline(config: unknown, release: RollRelease): RollPipeline {
  if (!isPlainObject(config)) return "rlvr";
  let best: RollPipeline = "rlvr";
  let bestScore = 0;
  for (const [pipeline, score] of pipelineScores(config, release)) {
    if (score > bestScore) {
      best = pipeline;
      bestScore = score;
    }
  }
  return best;
}

/** The one pipeline whose distinctive keys `config` sets; undefined when none or several do. */
export function distinctivePipeline(config: unknown, release: RollRelease): RollPipeline | undefined {
  if (!isPlainObject(config)) return undefined;
  const scoring = pipelineScores(config, release).filter(([, score]) => score > 0);
  return scoring.length === 1 ? scoring[0]![0] : undefined;
}
