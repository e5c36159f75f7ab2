/**
 * ZeRO's ZenFlow section (v0.17.5+): runtime/zenflow/zenflow_config.py ZenFlowConfig (fields, ranges and its
 * validate_fields model validator) and runtime/zenflow/engine.py configure_zenflow, which DeepSpeedEngine.__init__
 * runs at start-up. Like every DeepSpeedConfigModel, "auto" values are dropped before validation.
 */
import type { RuleContext } from "../context.js";
import { isAuto, isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";
import { checkType } from "./field-values.js";

interface ZenFlowField {
  type: string;
  min?: number;
  max?: number;
  /** Release that added the field, when later than ZenFlow itself. */
  since?: string;
}

export const ZENFLOW_SINCE = "0.17.5";

/** ZenFlowConfig fields (v0.17.5 … master; pt_reserved_cores_perc from 0.17.6). */
export const ZENFLOW_FIELDS: Record<string, ZenFlowField> = {
  topk_ratio: { type: "number", min: 0, max: 1 },
  select_strategy: { type: "string" },
  select_interval: { type: "string|integer" },
  update_interval: { type: "string|integer" },
  overlap_step: { type: "boolean" },
  offload: { type: "boolean" },
  auto_ratio: { type: "number", min: 0, max: 1 },
  full_warm_up_rounds: { type: "integer" },
  pt_reserved_cores_perc: { type: "number", min: 0, max: 1, since: "0.17.6" },
  steps_per_epoch: { type: "integer|null" },
};

const STRATEGIES = ["auto", "step", "epoch"];
const PATH = "zero_optimization.zenflow";

export function checkZenFlow(ctx: RuleContext): void {
  const zero = ctx.config.zero_optimization;
  if (!isPlainObject(zero) || !atLeast(ctx.version, ZENFLOW_SINCE)) return;
  const zenflow = zero.zenflow;
  if (zenflow === undefined || zenflow === null) return;
  if (!isPlainObject(zenflow)) {
    ctx.report(
      "error",
      "ds/type",
      PATH,
      `${PATH} must be a mapping, got ${show(zenflow)}: Input should be a valid dictionary or instance of ZenFlowConfig.`,
    );
    return;
  }
  // "auto" is dropped (DeepSpeedConfigModel.__init__), so the default applies.
  const given = Object.fromEntries(Object.entries(zenflow).filter(([, v]) => !isAuto(v)));
  let valid = true;
  for (const [key, field] of Object.entries(ZENFLOW_FIELDS)) {
    if (!(key in given)) continue;
    const value = given[key];
    const path = `${PATH}.${key}`;
    if (field.since && !atLeast(ctx.version, field.since)) {
      valid = false;
      ctx.report(
        "error",
        "ds/field-too-new",
        path,
        `"${key}" needs DeepSpeed >= ${field.since}, but the config targets ${ctx.versionText}: ZenFlowConfig raises "Extra inputs are not permitted".`,
      );
      continue;
    }
    const verdict = checkType(field.type, value, true);
    if (verdict !== "ok" && verdict !== "lax") {
      valid = false;
      ctx.report(
        "error",
        "ds/type",
        path,
        `${path} must be ${field.type}, got ${show(value)} (ZenFlowConfig ValidationError).`,
      );
      continue;
    }
    const numeric = Number(value);
    if (
      (field.min !== undefined && numeric < field.min) ||
      (field.max !== undefined && numeric > field.max)
    ) {
      valid = false;
      ctx.report(
        "error",
        "ds/range",
        path,
        `${path} = ${show(value)}: must be between ${field.min} and ${field.max} (ZenFlowConfig Field(ge=${field.min}, le=${field.max})).`,
      );
    }
  }
  if (!valid) return;
  const strategy = given.select_strategy ?? "auto";
  const select = given.select_interval ?? "auto";
  const update = given.update_interval ?? "auto";
  const validator = (path: string, text: string) => {
    ctx.report("error", "ds/zenflow", path, `${text} (ZenFlowConfig.validate_fields).`);
    valid = false;
  };
  if (!STRATEGIES.includes(String(strategy)))
    validator(`${PATH}.select_strategy`, 'select_strategy must be one of "auto", "step", or "epoch"');
  if (typeof select === "string" && select !== "auto")
    validator(`${PATH}.select_interval`, 'If select_interval is a string, it must be "auto"');
  if (typeof update === "string" && update !== "auto")
    validator(`${PATH}.update_interval`, 'If update_interval is a string, it must be "auto"');
  if (!valid) return;
  checkConfigureZenFlow(ctx, String(strategy), select, update);
}

/** runtime/zenflow/engine.py configure_zenflow (no training dataloader passed to deepspeed.initialize). */
function checkConfigureZenFlow(ctx: RuleContext, strategy: string, select: unknown, update: unknown): void {
  const source = "runtime/zenflow/engine.py configure_zenflow, at engine start-up";
  if (strategy === "auto") {
    if (typeof select !== "string") {
      ctx.report(
        "error",
        "ds/zenflow",
        `${PATH}.select_interval`,
        `raise Warning("If use auto select strategy, select_interval will be set to 1 and select_strategy will be set to epoch, thus select_interval would be overwritten.") (${source}): drop select_interval or set select_strategy.`,
      );
    }
    return;
  }
  if (typeof select === "string") {
    ctx.report(
      "error",
      "ds/zenflow",
      `${PATH}.select_interval`,
      `ValueError: If don't use auto select strategy, select_interval must be a number. (${source})`,
    );
    return;
  }
  // "epoch" without a dataloader sets select_interval to 0, which skips the comparison.
  const interval = strategy === "epoch" ? 0 : Number(select);
  if (typeof update !== "string" && interval !== 0 && interval < Number(update)) {
    ctx.report(
      "error",
      "ds/zenflow",
      `${PATH}.select_interval`,
      `ValueError: Select interval must be greater or equal to update interval (${source}).`,
    );
  }
}
