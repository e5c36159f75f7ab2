/**
 * Gradient reduction switches: gradient_allreduce_op (master after 0.19.5; runtime/config.py
 * DeepSpeedConfig._do_error_check) and managed_gradient_accumulation (0.19.4; runtime/engine.py
 * DeepSpeedEngine._do_sanity_check).
 */
import { topLevelFieldByKey } from "../catalog.js";
import type { RuleContext } from "../context.js";
import { isPlainObject, laxBool } from "../values.js";
import { atLeast } from "../version.js";
import { pyTruthy } from "./fp16.js";

function since(key: string): string {
  return topLevelFieldByKey.get(key)?.since ?? "0.0.0";
}

function deepcompile(ctx: RuleContext): boolean {
  const compile = ctx.config.compile;
  return isPlainObject(compile) && laxBool(compile.deepcompile) === true;
}

export function checkReduction(ctx: RuleContext): void {
  const zero = isPlainObject(ctx.config.zero_optimization) ? ctx.config.zero_optimization : {};
  const op = ctx.config.gradient_allreduce_op;
  if (
    atLeast(ctx.version, since("gradient_allreduce_op")) &&
    typeof op === "string" &&
    op.toLowerCase() === "sum"
  ) {
    const conflict =
      ctx.stage === 3
        ? "ZeRO stage 3"
        : zero.zenflow !== undefined && zero.zenflow !== null
          ? "ZenFlow"
          : deepcompile(ctx)
            ? "DeepCompile"
            : undefined;
    if (conflict) {
      ctx.report(
        "error",
        "ds/reduce-op",
        "gradient_allreduce_op",
        `ValueError: gradient_allreduce_op='sum' is not supported with ${conflict} (runtime/config.py DeepSpeedConfig._do_error_check).`,
      );
    }
  }
  if (!atLeast(ctx.version, since("managed_gradient_accumulation"))) return;
  if (!("managed_gradient_accumulation" in ctx.config) || pyTruthy(ctx.config.managed_gradient_accumulation))
    return;
  const source = "runtime/engine.py DeepSpeedEngine._do_sanity_check";
  // zero/config.py overlap_comm_valid: an unset overlap_comm means stage == 3.
  const overlap =
    zero.overlap_comm === undefined || zero.overlap_comm === null
      ? ctx.stage === 3
      : laxBool(zero.overlap_comm) === true;
  if (ctx.stage !== undefined && ctx.stage < 2 && overlap) {
    ctx.report(
      "error",
      "ds/managed-gradient-accumulation",
      "managed_gradient_accumulation",
      `managed_gradient_accumulation=False supports ZeRO overlap_comm only with ZeRO stage 2 (${source}); this config has overlap_comm at stage ${ctx.stage}.`,
    );
  }
  if (deepcompile(ctx)) {
    ctx.report(
      "error",
      "ds/managed-gradient-accumulation",
      "managed_gradient_accumulation",
      `managed_gradient_accumulation=False is not supported with DeepCompile (${source}).`,
    );
  }
  const amp = ctx.config.amp;
  if (isPlainObject(amp) && laxBool(amp.enabled) === true) {
    ctx.report(
      "error",
      "ds/managed-gradient-accumulation",
      "managed_gradient_accumulation",
      `managed_gradient_accumulation=False is not supported with Apex AMP (${source}).`,
    );
  }
}
