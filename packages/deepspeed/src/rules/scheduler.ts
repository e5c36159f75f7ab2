/**
 * scheduler.type and scheduler.params: runtime/engine.py _scheduler_from_config builds
 * getattr(lr_schedules, type)(optimizer, **params), else torch.optim.lr_scheduler's class of that name.
 */
import type { RuleContext } from "../context.js";
import { isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";

interface SchedulerSpec {
  required: string[];
  optional: string[];
  /** Parameters checked `isinstance(x, int) and x > 0` at construction (v0.19.3+). */
  positiveInts: string[];
}

const WARMUP = ["warmup_min_lr", "warmup_max_lr", "warmup_num_steps", "warmup_type", "last_batch_iteration"];

/** runtime/lr_schedules.py __init__ signatures (unchanged v0.16.4 … master). */
export const DEEPSPEED_SCHEDULERS: Record<string, SchedulerSpec> = {
  LRRangeTest: {
    required: [],
    optional: [
      "lr_range_test_min_lr",
      "lr_range_test_step_size",
      "lr_range_test_step_rate",
      "lr_range_test_staircase",
      "last_batch_iteration",
    ],
    positiveInts: ["lr_range_test_step_size"],
  },
  OneCycle: {
    required: ["cycle_min_lr", "cycle_max_lr"],
    optional: [
      "decay_lr_rate",
      "cycle_first_step_size",
      "cycle_second_step_size",
      "cycle_first_stair_count",
      "cycle_second_stair_count",
      "decay_step_size",
      "cycle_momentum",
      "cycle_min_mom",
      "cycle_max_mom",
      "decay_mom_rate",
      "last_batch_iteration",
    ],
    positiveInts: [],
  },
  WarmupLR: { required: [], optional: WARMUP, positiveInts: ["warmup_num_steps"] },
  WarmupDecayLR: { required: ["total_num_steps"], optional: WARMUP, positiveInts: ["warmup_num_steps"] },
  WarmupCosineLR: {
    required: ["total_num_steps"],
    optional: [
      "warmup_min_ratio",
      "warmup_num_steps",
      "cos_min_ratio",
      "warmup_type",
      "last_batch_iteration",
    ],
    positiveInts: ["warmup_num_steps"],
  },
};

/** torch.optim.lr_scheduler classes (torch 2.x); their parameters are torch's to check. */
export const TORCH_SCHEDULERS = [
  "LambdaLR",
  "MultiplicativeLR",
  "StepLR",
  "MultiStepLR",
  "ConstantLR",
  "LinearLR",
  "ExponentialLR",
  "SequentialLR",
  "CosineAnnealingLR",
  "ChainedScheduler",
  "ReduceLROnPlateau",
  "CyclicLR",
  "CosineAnnealingWarmRestarts",
  "OneCycleLR",
  "PolynomialLR",
];

/** lr_schedules.py: `if not isinstance(n, int) or n <= 0: raise ValueError(...)` (added in v0.19.3). */
export const SCHEDULER_INT_CHECK_SINCE = "0.19.3";

const SOURCE = "runtime/engine.py _scheduler_from_config";

export function checkScheduler(ctx: RuleContext): void {
  const scheduler = ctx.config.scheduler;
  if (!isPlainObject(scheduler)) return;
  const type = scheduler.type;
  if (type === undefined || type === null) return;
  const spec = typeof type === "string" ? DEEPSPEED_SCHEDULERS[type] : undefined;
  if (!spec && !(typeof type === "string" && TORCH_SCHEDULERS.includes(type))) {
    ctx.report(
      "error",
      "ds/unknown-scheduler",
      "scheduler.type",
      `AssertionError: DeepSpeed does not recognize LR scheduler ${String(type)}: use ${Object.keys(DEEPSPEED_SCHEDULERS).join(", ")} or a torch.optim.lr_scheduler class (${SOURCE}).`,
    );
    return;
  }
  const params = scheduler.params;
  if (!isPlainObject(params)) {
    ctx.report(
      "error",
      "ds/scheduler-params",
      "scheduler.params",
      `scheduler.params must be a mapping (got ${params === undefined ? "nothing" : show(params)}): DeepSpeed calls ${String(type)}(optimizer, **params) and raises TypeError (${SOURCE}).`,
    );
    return;
  }
  if (!spec) return;
  for (const key of Object.keys(params)) {
    if (!spec.required.includes(key) && !spec.optional.includes(key)) {
      ctx.report(
        "error",
        "ds/scheduler-params",
        `scheduler.params.${key}`,
        `TypeError: ${type}.__init__() got an unexpected keyword argument '${key}' (runtime/lr_schedules.py; accepted: ${[...spec.required, ...spec.optional].join(", ")}).`,
        ["scheduler", "params", key],
      );
    }
  }
  const missing = spec.required.filter((key) => !(key in params));
  if (missing.length > 0) {
    ctx.report(
      "error",
      "ds/scheduler-params",
      `scheduler.params.${missing[0]}`,
      `TypeError: ${type}.__init__() missing required argument(s): ${missing.map((k) => `'${k}'`).join(" and ")} (runtime/lr_schedules.py).`,
    );
  }
  for (const key of spec.positiveInts) {
    if (!(key in params)) continue;
    const value = params[key];
    const isInt = (typeof value === "number" && Number.isInteger(value)) || typeof value === "boolean";
    const positive = isInt && Number(value) > 0;
    if (atLeast(ctx.version, SCHEDULER_INT_CHECK_SINCE) ? !positive : typeof value === "string") {
      ctx.report(
        "error",
        "ds/scheduler-params",
        `scheduler.params.${key}`,
        atLeast(ctx.version, SCHEDULER_INT_CHECK_SINCE)
          ? `ValueError: ${key} must be a positive integer, got ${show(value)} (runtime/lr_schedules.py ${type}.__init__, DeepSpeed >= ${SCHEDULER_INT_CHECK_SINCE}).`
          : `${key} = ${show(value)}: a string here fails in ${type}.__init__ with TypeError ('>' not supported between str and int).`,
      );
    }
  }
}
