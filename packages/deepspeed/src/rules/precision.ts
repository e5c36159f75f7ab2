/** Precision rules (reference §c.2). */
import { precisionEnabled, precisionIsStrict, type RuleContext } from "../context.js";
import { isPlainObject, laxBool } from "../values.js";
import { atLeast } from "../version.js";
import { BF16_MASTER_WEIGHTS_SINCE, pyTruthy } from "./fp16.js";

export function checkPrecision(ctx: RuleContext): void {
  const fp16 = precisionEnabled(ctx, "fp16");
  const bf16 = precisionEnabled(ctx, "bf16");
  if (fp16 === true && bf16 === true) {
    ctx.report(
      "error",
      "ds/fp16-and-bf16",
      ctx.config.bf16 === undefined && ctx.config.bfloat16 !== undefined
        ? "bfloat16.enabled"
        : "bf16.enabled",
      "fp16.enabled and bf16.enabled are both true: AssertionError: bfloat16 and fp16 modes cannot be simultaneously enabled",
    );
  }
  checkAmp(ctx, fp16 === true || bf16 === true);
  checkMasterWeights(ctx);
}

function checkAmp(ctx: RuleContext, halfPrecision: boolean): void {
  const amp = ctx.config.amp;
  if (!isPlainObject(amp)) return;
  if (!("enabled" in amp)) {
    ctx.report(
      "error",
      "ds/amp",
      "amp",
      "amp without an \"enabled\" key: DeepSpeed's get_amp_params() pops 'enabled' and raises KeyError.",
    );
    return;
  }
  if (laxBool(amp.enabled) !== true) return;
  if (ctx.stage !== undefined && ctx.stage > 0) {
    ctx.report(
      "error",
      "ds/amp",
      "amp.enabled",
      `amp with ZeRO stage ${ctx.stage}: Amp and ZeRO are not currently compatible, please use (legacy) fp16 mode which performs similar to amp opt_mode=O2`,
    );
  }
  if (halfPrecision) {
    ctx.report(
      "error",
      "ds/amp",
      "amp.enabled",
      "NotImplementedError: Cannot enable both amp with (legacy) fp16 or bfloat16 mode",
    );
  }
}

/**
 * fp16_master_weights_and_grads / bf16 master-weight options against the ZeRO stage
 * (runtime/config.py DeepSpeedConfig._do_error_check; bf16's from 0.18.3).
 */
function checkMasterWeights(ctx: RuleContext): void {
  const fp16 = ctx.config.fp16;
  const strict = precisionIsStrict(ctx);
  // Before 0.17.1 fp16 is a dict read with .get: any truthy value switches the option on.
  const on = (value: unknown) => (strict ? laxBool(value) === true : pyTruthy(value));
  if (isPlainObject(fp16) && on(fp16.fp16_master_weights_and_grads) && ctx.stage !== undefined) {
    // Stages 1-3 since 0.18.3; stage 2 only before.
    const current = atLeast(ctx.version, BF16_MASTER_WEIGHTS_SINCE);
    if (current ? ctx.stage === 0 : ctx.stage !== 2) {
      ctx.report(
        "error",
        "ds/master-weights",
        "fp16.fp16_master_weights_and_grads",
        current
          ? "Fp16_master_weights_and_grads is only supported with ZeRO Stage 1, 2, or 3."
          : "Fp16_master_weights_and_grads is only supported with ZeRO Stage 2 for now.",
      );
    }
  }
  const bf16 = ctx.config.bf16 ?? ctx.config.bfloat16;
  const section = ctx.config.bf16 !== undefined ? "bf16" : "bfloat16";
  if (!isPlainObject(bf16) || !atLeast(ctx.version, BF16_MASTER_WEIGHTS_SINCE) || ctx.stage === undefined)
    return;
  const master = laxBool(bf16.bf16_master_weights_and_grads) === true;
  const states = laxBool(bf16.bf16_optimizer_states) === true;
  if (master && ctx.stage === 0) {
    ctx.report(
      "error",
      "ds/master-weights",
      `${section}.bf16_master_weights_and_grads`,
      "Bf16_master_weights_and_grads is only supported with ZeRO Stage 1, 2, or 3.",
    );
  } else if (states && ctx.stage === 0) {
    ctx.report(
      "error",
      "ds/master-weights",
      `${section}.bf16_optimizer_states`,
      "bf16_optimizer_states is only supported with ZeRO Stage 1, 2, or 3.",
    );
  } else if (states && !master) {
    ctx.report(
      "error",
      "ds/master-weights",
      `${section}.bf16_optimizer_states`,
      "bf16_optimizer_states requires bf16_master_weights_and_grads to be enabled.",
    );
  }
}
