/**
 * fp16 and bf16 field rules by release. Before 0.17.1 both were read with dict.get (runtime/config.py
 * get_fp16_enabled, get_initial_dynamic_scale, get_loss_scale): Python truthiness decides, and values are first
 * used in arithmetic. From 0.17.1 they are pydantic models (runtime/precision_config.py), whose validators grew:
 * DeepSpeedFP16Config._validate_loss_scale (0.18.8), _reject_non_integer_scale_params and
 * _validate_dynamic_loss_scale_params (0.19.3); runtime/config.py DeepSpeedConfig._do_error_check checks the
 * bf16 master-weight options against the ZeRO stage (0.18.3).
 */
import { precisionIsStrict, type RuleContext } from "../context.js";
import { isAuto, isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";

export const FP16_LOSS_SCALE_CHECK_SINCE = "0.18.8";
export const FP16_DYNAMIC_PARAMS_CHECK_SINCE = "0.19.3";
export const BF16_MASTER_WEIGHTS_SINCE = "0.18.3";

/** Python's bool(value) for JSON values. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

export function checkFp16Fields(ctx: RuleContext): void {
  const fp16 = ctx.config.fp16;
  if (!isPlainObject(fp16)) return;
  if (!precisionIsStrict(ctx)) {
    if (!pyTruthy(fp16.enabled)) return;
    const power = fp16.initial_scale_power;
    if ("initial_scale_power" in fp16 && (typeof power === "string" || power === null)) {
      ctx.report(
        "error",
        "ds/type",
        "fp16.initial_scale_power",
        `fp16.initial_scale_power = ${show(power)}: DeepSpeed ${ctx.versionText} computes 2 ** initial_scale_power and raises TypeError (runtime/config.py get_initial_dynamic_scale).`,
      );
    }
    if (typeof fp16.loss_scale === "string") {
      ctx.report(
        "error",
        "ds/type",
        "fp16.loss_scale",
        `fp16.loss_scale = ${show(fp16.loss_scale)}: DeepSpeed ${ctx.versionText} takes a non-zero value as a static loss scale and multiplies the loss by it at the first backward (TypeError; runtime/fp16/loss_scaler.py). Use a number (0 = dynamic).`,
      );
    }
    return;
  }
  const enabled =
    fp16.enabled === true ||
    fp16.enabled === 1 ||
    (typeof fp16.enabled === "string" && /^(1|on|t|true|y|yes)$/i.test(fp16.enabled));
  let lossScale = 0;
  if ("loss_scale" in fp16 && !isAuto(fp16.loss_scale)) {
    const value = fp16.loss_scale;
    lossScale = Number(value);
    if (atLeast(ctx.version, FP16_LOSS_SCALE_CHECK_SINCE)) {
      const reason =
        typeof value === "boolean"
          ? "fp16.loss_scale must be a number, not bool"
          : typeof value === "number" && value < 0
            ? "fp16.loss_scale must be >= 0 (0 enables dynamic loss scaling)"
            : undefined;
      if (reason)
        ctx.report(
          "error",
          "ds/range",
          "fp16.loss_scale",
          `${reason} (DeepSpeedFP16Config._validate_loss_scale, DeepSpeed >= ${FP16_LOSS_SCALE_CHECK_SINCE}).`,
        );
    }
  }
  if (!atLeast(ctx.version, FP16_DYNAMIC_PARAMS_CHECK_SINCE)) return;
  const params = { loss_scale_window: 1000, min_loss_scale: 1 };
  for (const key of Object.keys(params) as (keyof typeof params)[]) {
    if (!(key in fp16) || isAuto(fp16[key])) continue;
    const value = fp16[key];
    if (typeof value === "boolean") {
      ctx.report(
        "error",
        "ds/type",
        `fp16.${key}`,
        `fp16.${key} must be an integer, not bool (DeepSpeedFP16Config._reject_non_integer_scale_params, DeepSpeed >= ${FP16_DYNAMIC_PARAMS_CHECK_SINCE}).`,
      );
      return;
    }
    if (typeof value === "number") params[key] = value;
  }
  if (!enabled || lossScale !== 0) return;
  for (const key of Object.keys(params) as (keyof typeof params)[]) {
    if (params[key] > 0) continue;
    ctx.report(
      "error",
      "ds/range",
      `fp16.${key}`,
      `fp16.${key} must be > 0 when dynamic loss scaling is enabled (loss_scale=0) (DeepSpeedFP16Config._validate_dynamic_loss_scale_params, DeepSpeed >= ${FP16_DYNAMIC_PARAMS_CHECK_SINCE}); got ${params[key]}.`,
    );
  }
}
