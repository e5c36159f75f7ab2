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

const PIPELINES = Object.keys(PIPELINE_ROOT_CLASS) as RollPipeline[];

/** Per release, each pipeline's distinctive keys: the fields of its root dataclass no other pipeline's has. */
const distinctiveKeys = new Map<RollRelease, Map<RollPipeline, string[]>>();

function distinctiveKeysOf(release: RollRelease): Map<RollPipeline, string[]> {
  let keys = distinctiveKeys.get(release);
  if (!keys) {
    const catalogue = DataclassCatalogue.forRelease(release);
    const fieldSets = new Map<RollPipeline, Set<string>>();
    for (const pipeline of PIPELINES) {
      const id = catalogue.resolveName(PIPELINE_ROOT_CLASS[pipeline]);
      if (id) fieldSets.set(pipeline, new Set(catalogue.fieldNames(id)));
    }
    const count = new Map<string, number>();
    for (const fields of fieldSets.values()) for (const f of fields) count.set(f, (count.get(f) ?? 0) + 1);
    keys = new Map(
      [...fieldSets].map(([pipeline, fields]) => [pipeline, [...fields].filter((f) => count.get(f) === 1)]),
    );
    distinctiveKeys.set(release, keys);
  }
  return keys;
}

export function detectPipeline(config: unknown, release: RollRelease): RollPipeline {
  if (!isPlainObject(config)) return "rlvr";
  let best: RollPipeline = "rlvr";
  let bestScore = 0;
  for (const [pipeline, keys] of distinctiveKeysOf(release)) {
    const score = keys.filter((key) => key in config).length;
    if (score > bestScore) {
      best = pipeline;
      bestScore = score;
    }
  }
  return best;
}
