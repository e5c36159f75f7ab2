/** Optimizer rules (reference §b.2 optimizer, §c.3 "Optimizer support under ZeRO", §g.10). */
import type { RuleContext } from "../context.js";
import { isPlainObject, laxBool } from "../values.js";

/** DeepSpeed optimizer types that map onto ZeRO-tested implementations (FusedAdam/CPUAdam, Adagrad, Lion). */
const ZERO_TESTED = new Set(["adam", "adamw", "adagrad", "lion"]);
const ONE_BIT: Record<string, string> = {
  onebitadam: "1bit-Adam is not compatible with ZeRO",
  zerooneadam: "0/1 Adam is not compatible with ZeRO",
  onebitlamb: "1bit-Lamb is not compatible with ZeRO",
};
/** Types whose ZeRO status the reference does not settle; no finding rather than a guess. */
const UNSETTLED = new Set(["muadam", "muadamw", "musgd", "muon"]);

export function checkOptimizer(ctx: RuleContext): void {
  const optimizer = ctx.config.optimizer;
  if (!isPlainObject(optimizer)) return;
  const params = optimizer.params;
  if (isPlainObject(params) && "max_grad_norm" in params) {
    ctx.report(
      "error",
      "ds/optimizer-max-grad-norm",
      "optimizer.params.max_grad_norm",
      "ValueError: 'max_grad_norm' is not supported as an optimizer parameter, please switch to using the deepspeed parameter 'gradient_clipping'.",
    );
  }
  const type = optimizer.type;
  if (typeof type !== "string" || ctx.stage === undefined || ctx.stage === 0) return;
  const lower = type.toLowerCase();
  const oneBit = ONE_BIT[lower];
  if (oneBit) {
    ctx.report(
      "error",
      "ds/optimizer-zero",
      "optimizer.type",
      `optimizer.type ${type} with ZeRO stage ${ctx.stage}: ${oneBit}`,
    );
    return;
  }
  if (
    ZERO_TESTED.has(lower) ||
    UNSETTLED.has(lower) ||
    laxBool(ctx.config.zero_allow_untested_optimizer) === true
  )
    return;
  ctx.report(
    "error",
    "ds/untested-optimizer",
    "optimizer.type",
    `optimizer.type ${type} with ZeRO stage ${ctx.stage}: AssertionError: You are using an untested ZeRO Optimizer. Please add <"zero_allow_untested_optimizer": true> in the configuration file to use it.`,
  );
}
