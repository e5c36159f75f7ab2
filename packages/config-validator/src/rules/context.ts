// What every ROLL rule sees, and small accessors for reading fields with their dataclass defaults.
import type { Dataclass, DataclassCatalogue, RollPipeline, RollRelease } from "../dataclass-catalogue.js";
import type { WorkerAt } from "../dataclass-walk.js";
import type { ConfigPath } from "../diagnostic.js";
import { isPlainObject } from "../python-type.js";

export interface RuleContext {
  config: Record<string, unknown>;
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
export function fieldOrDefault(cls: Dataclass, value: Record<string, unknown>, name: string): unknown {
  if (name in value) return value[name];
  return pythonLiteral(cls.fields.get(name)?.default ?? null);
}

export function child(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === "bigint") return Number(value);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The worker's strategy; a `strategy_args` without `strategy_name` gets the release's default. */
export function strategyOf(
  worker: WorkerAt,
  ctx: RuleContext,
): {
  name: string | undefined;
  config: Record<string, unknown>;
  namePath: ConfigPath;
  configPath: ConfigPath;
} {
  const args = worker.value.strategy_args;
  const config = child(args, "strategy_config");
  let name = child(args, "strategy_name");
  if (isPlainObject(args) && !("strategy_name" in args)) {
    const id = ctx.catalogue.resolveName("StrategyArguments");
    if (id) name = fieldOrDefault(ctx.catalogue.get(id), args, "strategy_name");
  }
  return {
    name: typeof name === "string" ? name : undefined,
    config: isPlainObject(config) ? config : {},
    namePath: [...worker.path, "strategy_args", "strategy_name"],
    configPath: [...worker.path, "strategy_args", "strategy_config"],
  };
}

/**
 * The worker ROLL runs as actor_infer. Pure on-policy distillation (`is_pure_opd`, which ROLL's
 * start_onpolicy_distill_pipeline.py forces on; its configs have student_infer and no actor_infer) maps
 * student_infer onto actor_infer before any check (BaseConfig._handle_opd_mapping).
 */
export function actorInferKey(config: Record<string, unknown>): "actor_infer" | "student_infer" {
  const pureOpd =
    config.is_pure_opd === true ||
    (config.is_pure_opd !== false &&
      isPlainObject(config.student_infer) &&
      !isPlainObject(config.actor_infer));
  return pureOpd ? "student_infer" : "actor_infer";
}
