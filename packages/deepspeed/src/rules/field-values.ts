/** Value rules: types (with pydantic's lax coercion), fractional integers, ranges and enums. */
import { topLevelFieldByKey } from "../catalog.js";
import { precisionIsStrict, type RuleContext } from "../context.js";
import { ZERO_FIELDS } from "../generated/field-catalog.js";
import { getPath, isAuto, isPlainObject, joinPath, laxBool, show } from "../values.js";
import { atLeast } from "../version.js";

type Verdict = "ok" | "lax" | "fractional" | "too-big" | "wrong";

/** pydantic-core converts a float to int only within i64: 2^63 and beyond "exceeded maximum size". */
const I64_LIMIT = 2 ** 63;

function matchesAlternative(type: string, value: unknown, lax: boolean): Verdict {
  switch (type) {
    case "null":
      return value === null ? "ok" : "wrong";
    case "integer":
      if (typeof value === "bigint") return "ok"; // Python ints are unbounded; JSON ints beyond 2^53 stay exact
      if (typeof value === "number") {
        if (!Number.isInteger(value)) return "fractional";
        return Math.abs(value) >= I64_LIMIT && lax ? "too-big" : "ok";
      }
      if (lax && typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return "lax";
      return lax && typeof value === "boolean" ? "lax" : "wrong";
    case "number":
      if (typeof value === "bigint") return "ok";
      if (typeof value === "number") return Number.isFinite(value) ? "ok" : "wrong";
      if (lax && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
        return "lax";
      return lax && typeof value === "boolean" ? "lax" : "wrong";
    case "boolean":
      if (typeof value === "boolean") return "ok";
      return lax && laxBool(value) !== undefined ? "lax" : "wrong";
    case "string":
      return typeof value === "string" ? "ok" : "wrong";
    case "object":
      return isPlainObject(value) ? "ok" : "wrong";
    case "array<string>":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? "ok" : "wrong";
    case "array<integer>":
      return Array.isArray(value) && value.every((v) => Number.isInteger(v)) ? "ok" : "wrong";
    case "array":
      return Array.isArray(value) ? "ok" : "wrong";
    default:
      return "ok";
  }
}

/** Best verdict over a "a|b" type union. */
export function checkType(type: string, value: unknown, lax: boolean): Verdict {
  const verdicts = type.split("|").map((alternative) => matchesAlternative(alternative, value, lax));
  for (const wanted of ["ok", "lax", "fractional", "too-big"] as const)
    if (verdicts.includes(wanted)) return wanted;
  return "wrong";
}

/** Report type problems of one value; returns true when the value has the declared type. */
function reportType(ctx: RuleContext, path: string, type: string, value: unknown, strict: boolean): boolean {
  const verdict = checkType(type, value, strict);
  if (verdict === "ok") return true;
  if (verdict === "lax") {
    ctx.report(
      "warning",
      "ds/type",
      path,
      `${path} = ${show(value)} is accepted only through pydantic's lax coercion; write it as a JSON ${type}.`,
    );
    return true;
  }
  if (verdict === "fractional") {
    reportFractional(ctx, path, value as number, strict);
    return false;
  }
  if (verdict === "too-big") {
    ctx.report(
      "error",
      "ds/range",
      path,
      `${path} = ${show(value)}: a float this large does not fit a 64-bit integer (pydantic: "Unable to parse input string as an integer, exceeded maximum size"). Write the integer digits (e.g. 9223372036854775807), which DeepSpeed keeps exact.`,
    );
    return false;
  }
  if (
    !strict &&
    typeof value === "boolean" &&
    /\b(integer|number)\b/.test(type) &&
    !type.includes("boolean")
  ) {
    ctx.report(
      "warning",
      "ds/type",
      path,
      `${path} = ${value}: Python treats a bool as the number ${Number(value)}; write ${Number(value)}.`,
    );
    return true;
  }
  if (!strict && typeof value === "string" && DEFERRED_NUMBERS[path]) {
    ctx.report(
      "warning",
      "ds/type",
      path,
      `${path} must be ${type}, got ${show(value)}: DeepSpeed stores it unchecked and fails when it first uses it (${DEFERRED_NUMBERS[path]}).`,
    );
    return false;
  }
  if (
    !strict &&
    BOOL_OR_KEYS[path] &&
    typeof value !== "boolean" &&
    !(typeof value === "number" && Number.isInteger(value))
  ) {
    ctx.report(
      "error",
      "ds/type",
      path,
      `${path} must be a boolean, got ${show(value)}: ${BOOL_OR_KEYS[path]} raises TypeError at start-up.`,
    );
    return false;
  }
  const consequence = strict
    ? "DeepSpeed's pydantic model rejects it (ValidationError)."
    : type.includes("boolean")
      ? 'DeepSpeed does no type check here, and Python treats any non-empty string (even "false") as true.'
      : "DeepSpeed does no type check here and fails or misbehaves later (e.g. TypeError: '>' not supported between instances of 'str' and 'int').";
  ctx.report(
    strict || !type.includes("boolean") ? "error" : "warning",
    "ds/type",
    path,
    `${path} must be ${type}, got ${show(value)}: ${consequence}`,
  );
  return false;
}

/** dict.get numbers only used in arithmetic under conditions (a string there is not refused at start-up). */
const DEFERRED_NUMBERS: Record<string, string> = {
  gradient_predivide_factor:
    "runtime/engine.py allreduce_bucket divides by it when it is not 1.0 and gradients are post-scaled",
};

/** dict.get booleans combined with `|` at start-up (a string raises TypeError there). */
const BOOL_OR_KEYS: Record<string, string> = {
  wall_clock_breakdown:
    "runtime/config.py _initialize_params (wall_clock_breakdown | flops_profiler.enabled)",
};

function reportFractional(ctx: RuleContext, path: string, value: number, strict: boolean): void {
  if (strict && !atLeast(ctx.version, "0.15.0")) {
    ctx.report(
      "warning",
      "ds/fractional-int",
      path,
      `${path} = ${value} is not an integer: DeepSpeed ${ctx.versionText} (pydantic v1) truncates it to ${Math.trunc(value)}, and DeepSpeed >= 0.15.0 rejects it (int_from_float).`,
    );
    return;
  }
  const why = strict
    ? 'DeepSpeed >= 0.15.0 (pydantic v2) rejects floats with a fractional part (int_from_float: "Input should be a valid integer, got a number with a fractional part"; DeepSpeed#6525)'
    : "DeepSpeed uses it in integer arithmetic";
  ctx.report(
    "error",
    "ds/fractional-int",
    path,
    `${path} = ${value} must be an integer: ${why}. Use ${Math.trunc(value)}.`,
  );
}

const STAGE_ENUM_TEXT = "Input should be 0, 1, 2, 3 or 3";
const OFFLOAD_DEVICES = ["none", "cpu", "nvme"];

export function checkZeroValues(ctx: RuleContext): void {
  const zero = ctx.config.zero_optimization;
  if (!isPlainObject(zero)) return;
  for (const spec of ZERO_FIELDS) {
    const [parent, child] = spec.name.includes(".") ? spec.name.split(".") : [undefined, spec.name];
    const block = parent ? zero[parent as string] : zero;
    if (!isPlainObject(block)) continue;
    for (const key of [child as string, ...(spec.internalName ? [spec.internalName] : [])]) {
      if (!(key in block)) continue;
      const value = block[key];
      const path = joinPath(parent ? `zero_optimization.${parent}` : "zero_optimization", key);
      if (isAuto(value)) continue; // the auto rule owns this
      if (spec.name === "leaf_module") continue; // rules/leaf-module.ts owns its coercions
      checkZeroValue(ctx, path, spec.name, spec.type, value, spec.min, spec.max);
    }
  }
}

function checkZeroValue(
  ctx: RuleContext,
  path: string,
  name: string,
  type: string,
  value: unknown,
  min?: number,
  max?: number,
): void {
  if (name === "stage") {
    const numeric = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    const stage = typeof numeric === "boolean" ? Number(numeric) : numeric;
    if (![0, 1, 2, 3].includes(stage as number)) {
      ctx.report(
        "error",
        "ds/enum",
        path,
        `zero_optimization.stage = ${show(value)}: ${STAGE_ENUM_TEXT} (ZeroStageEnum).`,
      );
    } else if (typeof value !== "number") {
      ctx.report(
        "warning",
        "ds/type",
        path,
        `zero_optimization.stage = ${show(value)} is accepted only through pydantic's lax coercion; write ${stage}.`,
      );
    }
    return;
  }
  if (!reportType(ctx, path, type, value, true)) return;
  if (name.endsWith(".device") && typeof value === "string" && !OFFLOAD_DEVICES.includes(value)) {
    ctx.report(
      "error",
      "ds/enum",
      path,
      `${path} = ${show(value)}: must be one of "none", "cpu", "nvme" (case-sensitive OffloadDeviceEnum).`,
    );
  }
  const numeric =
    typeof value === "number" || typeof value === "bigint" || typeof value === "string"
      ? Number(value)
      : Number.NaN;
  if (min !== undefined && numeric < min) {
    ctx.report(
      "error",
      "ds/range",
      path,
      `${path} = ${show(value)}: Input should be greater than or equal to ${min}.`,
    );
  }
  if (max !== undefined && numeric > max) {
    ctx.report(
      "error",
      "ds/range",
      path,
      `${path} = ${show(value)}: Input should be less than or equal to ${max}.`,
    );
  }
}

/** Case-insensitive string enums read by DeepSpeedConfig, with DeepSpeed's own error text. */
const TOP_LEVEL_ENUMS: Record<
  string,
  { values: string[]; since?: string; nullRaises?: boolean; message: (v: unknown) => string }
> = {
  communication_data_type: {
    values: ["fp16", "bf16", "fp32"],
    message: (v) =>
      `Invalid communication_data_type. Supported data types: ['fp16', 'bf16', 'fp32']. Got: ${v}`,
  },
  seq_parallel_communication_data_type: {
    values: ["fp16", "bf16", "fp32"],
    message: (v) =>
      `Invalid seq_parallel_communication_data_type. Supported data types: ['fp16', 'bf16', 'fp32']. Got: ${v}`,
  },
  "checkpoint.tag_validation": {
    values: ["warn", "ignore", "fail"],
    nullRaises: true, // tag_validation_mode.upper() on None: AttributeError
    message: (v) =>
      `Checkpoint config contains invalid tag_validation value of ${v}, expecting one of ['WARN', 'IGNORE', 'FAIL']`,
  },
  log_level: {
    values: ["debug", "info", "warning", "error", "critical"],
    since: "0.19.3",
    message: (v) =>
      `${typeof v === "string" ? `${v.toLowerCase()} is not one of the valid logging levels` : `log_level ${show(v)} has no .lower() (AttributeError)`} (utils/logging.py get_log_level_from_string; valid: debug, info, warning, error, critical)`,
  },
  gradient_allreduce_op: {
    values: ["mean", "sum"],
    since: "0.19.6",
    message: (v) => `Invalid gradient_allreduce_op. Supported operations: ['mean', 'sum']. Got: ${v}`,
  },
};

const SCALAR_TYPES = /^(integer|number|boolean|string)(\|null)?$/;

export function checkTopLevelValues(ctx: RuleContext): void {
  checkSpecialScalars(ctx);
  for (const [key, value] of Object.entries(ctx.config)) {
    const spec = topLevelFieldByKey.get(key);
    if (!spec || isAuto(value)) continue;
    if (spec.since && !atLeast(ctx.version, spec.since)) continue; // not read yet: ds/field-too-new
    if (SCALAR_TYPES.test(spec.type)) {
      if (!reportType(ctx, key, spec.type, value, false)) continue;
    }
    if (isPlainObject(value)) checkSectionValues(ctx, key, value);
  }
  for (const [path, rule] of Object.entries(TOP_LEVEL_ENUMS)) {
    if (rule.since && !atLeast(ctx.version, rule.since)) continue;
    const value = getPath(ctx.config, path);
    if (value === undefined || (value === null && !rule.nullRaises) || isAuto(value)) continue;
    if (typeof value !== "string" || !rule.values.includes(value.toLowerCase())) {
      ctx.report("error", "ds/enum", path, `${rule.message(value)} (DeepSpeed raises this at startup).`);
    }
  }
}

/** Sub-field types of pydantic sections (fp16/bf16 from 0.17.1, monitors, hybrid_engine, ...). */
function checkSectionValues(ctx: RuleContext, key: string, value: Record<string, unknown>): void {
  const spec = topLevelFieldByKey.get(key);
  if (!spec) return;
  const strict = key === "fp16" || key === "bf16" ? precisionIsStrict(ctx) : spec.strict;
  for (const field of spec.subfields) {
    if (!(field.name in value)) continue;
    const sub = value[field.name];
    if (isAuto(sub)) continue;
    const path = `${key}.${field.name}`;
    // Dict-parsed sections are only type-checked for flags whose wrong type silently flips behaviour.
    if (!strict && field.name !== "enabled") continue;
    reportType(ctx, path, field.type, sub, strict);
  }
}

/** Scalars whose valid range only shows where DeepSpeed first uses them. */
function checkSpecialScalars(ctx: RuleContext): void {
  if (ctx.config.steps_per_print === 0) {
    ctx.report(
      "error",
      "ds/range",
      "steps_per_print",
      "steps_per_print = 0: the first step computes (global_steps + 1) % 0 and raises ZeroDivisionError (runtime/engine.py _take_model_step); use null to never print.",
    );
  }
  // runtime/zero/config.py read_zero_config_deprecated: the boolean form feeds allgather_size into
  // allgather_bucket_size (Field ge=0).
  const size = ctx.config.allgather_size;
  if (ctx.config.zero_optimization === true && size !== undefined) {
    const verdict = checkType("integer", size, true);
    if (verdict === "wrong" || verdict === "fractional" || Number(size) < 0) {
      ctx.report(
        "error",
        "ds/range",
        "allgather_size",
        `allgather_size = ${show(size)} becomes zero_optimization.allgather_bucket_size under "zero_optimization": true: Input should be an integer greater than or equal to 0 (runtime/zero/config.py read_zero_config_deprecated).`,
      );
    }
  }
}
