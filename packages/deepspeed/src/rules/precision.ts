/** Precision rules (reference §c.2). */
import { precisionEnabled, type RuleContext } from "../context.js";

export function checkPrecision(ctx: RuleContext): void {
  if (precisionEnabled(ctx, "fp16") === true && precisionEnabled(ctx, "bf16") === true) {
    ctx.report(
      "error",
      "ds/fp16-and-bf16",
      "bf16.enabled",
      "fp16.enabled and bf16.enabled are both true: AssertionError: bfloat16 and fp16 modes cannot be simultaneously enabled",
    );
  }
}
