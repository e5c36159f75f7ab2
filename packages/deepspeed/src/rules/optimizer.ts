/**
 * Optimizer and scheduler rules: the names DeepSpeed can build and what each needs.
 * Sources: runtime/config.py DEEPSPEED_OPTIMIZERS / get_optimizer_name / get_scheduler_params,
 * runtime/engine.py _do_sanity_check, _configure_basic_optimizer, _do_optimizer_sanity_check,
 * _scheduler_from_config, runtime/zero/utils.py ZERO_SUPPORTED_OPTIMIZERS, runtime/lr_schedules.py.
 */
import { precisionEnabled, type RuleContext } from "../context.js";
import { isPlainObject, laxBool, show } from "../values.js";
import { atLeast } from "../version.js";

/** runtime/config.py DEEPSPEED_OPTIMIZERS (lower-case names DeepSpeed builds itself), with the release that added each. */
export const DEEPSPEED_OPTIMIZERS: Record<string, string> = {
  adagrad: "0.3.0",
  adam: "0.3.0",
  adamw: "0.3.0",
  lamb: "0.3.0",
  onebitadam: "0.3.0",
  onebitlamb: "0.3.0",
  zerooneadam: "0.3.0",
  muadam: "0.6.0",
  muadamw: "0.6.0",
  musgd: "0.6.0",
  lion: "0.10.0",
  muon: "0.17.6",
};

/** torch.optim classes (torch 2.x); DeepSpeed falls back to getattr(torch.optim, type), case-sensitive. */
export const TORCH_OPTIMIZERS = [
  "Adadelta",
  "Adafactor",
  "Adagrad",
  "Adam",
  "AdamW",
  "Adamax",
  "ASGD",
  "LBFGS",
  "NAdam",
  "RAdam",
  "RMSprop",
  "Rprop",
  "SGD",
  "SparseAdam",
];

/**
 * Types whose built optimizer is in ZERO_SUPPORTED_OPTIMIZERS (FusedAdam/DeepSpeedCPUAdam, Adagrad, Lion;
 * torch's Adam, AdamW, Adagrad), with the release that added it; any other type under ZeRO needs
 * zero_allow_untested_optimizer.
 */
const ZERO_SUPPORTED: Record<string, string> = {
  adam: "0.3.0",
  adamw: "0.3.0",
  adagrad: "0.3.0",
  lion: "0.10.0",
  muon: "0.18.5",
  Adam: "0.3.0",
  AdamW: "0.3.0",
  Adagrad: "0.3.0",
};

const ZENFLOW_CPU_ADAM_SUPPORTED_SINCE = "0.19.3";

const ONE_BIT: Record<string, string> = {
  onebitadam: "1bit-Adam is not compatible with ZeRO",
  zerooneadam: "0/1 Adam is not compatible with ZeRO",
  onebitlamb: "1bit-Lamb is not compatible with ZeRO",
};

/** bf16 runs with a static loss scale of 1.0 (so Lamb refuses it) until fp16/bf16 became models in 0.17.1. */
const BF16_DYNAMIC_SCALE_SINCE = "0.17.1";

/** The optimizer name as DeepSpeed holds it: lower-cased when it is one of its own, else as written. */
export function optimizerName(ctx: RuleContext): string | undefined {
  const optimizer = ctx.config.optimizer;
  if (!isPlainObject(optimizer) || typeof optimizer.type !== "string") return undefined;
  const lower = optimizer.type.toLowerCase();
  const since = DEEPSPEED_OPTIMIZERS[lower];
  return since && atLeast(ctx.version, since) ? lower : optimizer.type;
}

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
  if (type === undefined || type === null) return;
  if (typeof type !== "string") {
    ctx.report(
      "error",
      "ds/type",
      "optimizer.type",
      `optimizer.type must be a string, got ${show(type)}: runtime/config.py calls .lower() on it (AttributeError).`,
    );
    return;
  }
  const name = optimizerName(ctx) as string;
  const own = DEEPSPEED_OPTIMIZERS[name] !== undefined && atLeast(ctx.version, DEEPSPEED_OPTIMIZERS[name]);
  if (!own && !TORCH_OPTIMIZERS.includes(name)) {
    const muon =
      name.toLowerCase() === "muon" ? ` (Muon needs DeepSpeed >= ${DEEPSPEED_OPTIMIZERS.muon})` : "";
    ctx.report(
      "error",
      "ds/unknown-optimizer",
      "optimizer.type",
      `AssertionError: ${type} is not a supported DeepSpeed Optimizer${muon}: DeepSpeed builds ${Object.keys(DEEPSPEED_OPTIMIZERS).join(", ")} or a torch.optim class by its exact name (runtime/engine.py _do_sanity_check).`,
    );
    return;
  }
  if (name === "lamb" || name === "onebitlamb") checkLambLossScale(ctx, name);
  if (ctx.stage === undefined || ctx.stage === 0) return;
  const oneBit = ONE_BIT[name];
  if (oneBit) {
    ctx.report(
      "error",
      "ds/optimizer-zero",
      "optimizer.type",
      `optimizer.type ${type} with ZeRO stage ${ctx.stage}: ${oneBit}`,
    );
    return;
  }
  // With ZenFlow and optimizer offload, adam/adamw build ZenFlowCPUAdam, ZeRO-supported from 0.19.3.
  const zero = ctx.config.zero_optimization;
  const zenflow = isPlainObject(zero) && isPlainObject(zero.zenflow) && (name === "adam" || name === "adamw");
  const offload =
    isPlainObject(zero) &&
    isPlainObject(zero.offload_optimizer) &&
    ["cpu", "nvme"].includes(String(zero.offload_optimizer.device));
  const supported = zenflow && offload ? ZENFLOW_CPU_ADAM_SUPPORTED_SINCE : ZERO_SUPPORTED[name];
  if (
    (supported && atLeast(ctx.version, supported)) ||
    laxBool(ctx.config.zero_allow_untested_optimizer) === true
  )
    return;
  ctx.report(
    "error",
    "ds/untested-optimizer",
    "optimizer.type",
    `optimizer.type ${type} with ZeRO stage ${ctx.stage}: AssertionError: You are using an untested ZeRO Optimizer. Please add <"zero_allow_untested_optimizer": true> in the configuration file to use it. (runtime/engine.py _do_optimizer_sanity_check)`,
  );
}

/** _do_sanity_check: "DeepSpeed {lamb} optimizer requires dynamic loss scaling". */
function checkLambLossScale(ctx: RuleContext, name: string): void {
  const fp16 = ctx.config.fp16;
  let staticScale: string | undefined;
  if (precisionEnabled(ctx, "fp16") === true && isPlainObject(fp16)) {
    const scale = fp16.loss_scale;
    if (typeof scale === "number" && scale !== 0) staticScale = `fp16.loss_scale is ${scale}`;
  } else if (precisionEnabled(ctx, "bf16") === true && !atLeast(ctx.version, BF16_DYNAMIC_SCALE_SINCE)) {
    staticScale = `bf16 uses a static loss scale of 1.0 before DeepSpeed ${BF16_DYNAMIC_SCALE_SINCE}`;
  }
  if (!staticScale) return;
  ctx.report(
    "error",
    "ds/optimizer-loss-scale",
    ctx.config.fp16 !== undefined && precisionEnabled(ctx, "fp16") ? "fp16.loss_scale" : "optimizer.type",
    `AssertionError: DeepSpeed ${name} optimizer requires dynamic loss scaling, but ${staticScale} (runtime/engine.py _do_sanity_check).`,
  );
}
