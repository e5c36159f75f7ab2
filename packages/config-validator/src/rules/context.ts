// What every ROLL rule sees, and small accessors for reading fields with their dataclass defaults. Rules
// read values from the view's nodes (`top`, each worker's `node`) and make their findings at those nodes.
import type { Dataclass, DataclassCatalogue, RollPipeline, RollRelease } from "../dataclass-catalogue.js";
import type { WorkerAt } from "../dataclass-walk.js";
import type { ConfigNode, Spot } from "../node-tree.js";
import { isPlainObject } from "../python-type.js";

export interface RuleContext {
  /** The config's plain value (`top.plain`). */
  config: Record<string, unknown>;
  /** The config's root node in the view. */
  top: ConfigNode;
  release: RollRelease;
  pipeline: RollPipeline;
  catalogue: DataclassCatalogue;
  root: Dataclass;
  workers: WorkerAt[];
}

/** The value of a simple Python default (`1`, `0.2`, `'copy'`, `None`, `True`); undefined otherwise. */
export function pythonLiteral(text: string | null): unknown {
  if (text === null) return undefined;
  if (text === "None") return null;
  if (text === "True" || text === "False") return text === "True";
  if (/^-?\d+(\.\d*)?(e[-+]?\d+)?$/i.test(text)) return Number(text);
  const quoted = /^(['"])(.*)\1$/.exec(text);
  return quoted ? quoted[2] : undefined;
}

/** A field's value as ROLL sees it: the YAML value, or the dataclass default when the key is absent. */
export function fieldOrDefault(cls: Dataclass, node: ConfigNode, name: string): unknown {
  const field = node.get(name);
  return field ? field.plain : pythonLiteral(cls.fields.get(name)?.default ?? null);
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "bigint") return Number(value);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Whether `worker` is the one at a top-level key (actor_train, …). */
export const isTopWorker = (ctx: RuleContext, worker: WorkerAt, key: string): boolean =>
  worker.node.parent === ctx.top && worker.node.segment === key;

/** The worker at a top-level key, if the config has one there. */
export const topWorker = (ctx: RuleContext, key: string): WorkerAt | undefined =>
  ctx.workers.find((w) => isTopWorker(ctx, w, key));

/** The worker's strategy; a `strategy_args` without `strategy_name` gets the release's default. */
export function strategyOf(
  worker: WorkerAt,
  ctx: RuleContext,
): {
  name: string | undefined;
  /** The strategy_config mapping ({} when absent or not a mapping), and its node when it is one. */
  config: Record<string, unknown>;
  configNode: ConfigNode | undefined;
  /** Where findings about the name and the config are made (the nearest node that exists). */
  nameSpot: Spot;
  configSpot: Spot;
} {
  const node = worker.node.get("strategy_args");
  const args = node && isPlainObject(node.plain) ? node : undefined;
  const configNode = args?.get("strategy_config");
  let name = args?.value("strategy_name");
  if (args && !args.get("strategy_name")) {
    const id = ctx.catalogue.resolveName("StrategyArguments");
    if (id) name = fieldOrDefault(ctx.catalogue.get(id), args, "strategy_name");
  }
  const isMapping = configNode !== undefined && isPlainObject(configNode.plain);
  return {
    name: typeof name === "string" ? name : undefined,
    config: isMapping ? (configNode.plain as Record<string, unknown>) : {},
    configNode: isMapping ? configNode : undefined,
    nameSpot: worker.node.spot("strategy_args", "strategy_name"),
    configSpot: worker.node.spot("strategy_args", "strategy_config"),
  };
}

/**
 * The worker ROLL runs as actor_infer. Pure on-policy distillation (`is_pure_opd`, which ROLL's
 * start_onpolicy_distill_pipeline.py forces on; its configs have student_infer and no actor_infer) maps
 * student_infer onto actor_infer before any check (BaseConfig._handle_opd_mapping).
 */
export function actorInferKey(top: ConfigNode): "actor_infer" | "student_infer" {
  const pureOpd =
    top.value("is_pure_opd") === true ||
    (top.value("is_pure_opd") !== false &&
      isPlainObject(top.value("student_infer")) &&
      !isPlainObject(top.value("actor_infer")));
  return pureOpd ? "student_infer" : "actor_infer";
}
