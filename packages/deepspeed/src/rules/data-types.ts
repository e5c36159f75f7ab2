/**
 * data_types.* against the enabled precision: runtime/engine.py DeepSpeedEngine.get_data_types and
 * _do_optimizer_sanity_check (gradient accumulation dtype), _assert_valid_mixed_precision_config
 * (param_dtype, v0.19.2+) and _mixed_precision_dtypes (buffer_dtype, v0.19.2+).
 */
import { precisionEnabled, type RuleContext } from "../context.js";
import { isPlainObject, laxBool, show } from "../values.js";
import { atLeast } from "../version.js";

type Dtype = "fp16" | "fp32" | "bf16" | "int8";

/** runtime/config.py DtypeEnum: every spelling DtypeEnum(value) accepts. */
const DTYPE_NAMES: Record<string, Dtype> = {
  "torch.float16": "fp16",
  fp16: "fp16",
  float16: "fp16",
  half: "fp16",
  "torch.float32": "fp32",
  fp32: "fp32",
  float32: "fp32",
  float: "fp32",
  "torch.int8": "int8",
  int8: "int8",
  "torch.bfloat16": "bf16",
  bf16: "bf16",
  bfloat16: "bf16",
};
const TORCH: Record<Dtype, string> = {
  fp16: "torch.float16",
  fp32: "torch.float32",
  bf16: "torch.bfloat16",
  int8: "torch.int8",
};

/** Where the engine's dtype checks changed (release tags scanned in deepspeedai/DeepSpeed). */
export const DTYPE_CHECK_CHANGES = {
  /** v0.17.6: non-ZeRO bf16 no longer defaults to fp32 accumulation, and bf16+bf16 is allowed. */
  bf16WrapperRelaxed: "0.17.6",
  /** v0.18.5: the non-ZeRO bf16 + fp32-accumulation wrapper (BFLOAT16) is gone: only equal dtypes pass. */
  equalDtypesOnly: "0.18.5",
  /** v0.19.2: data_types.param_dtype / buffer_dtype. */
  paramDtype: "0.19.2",
};

function dtypeOf(value: unknown): Dtype | undefined {
  return typeof value === "string" ? DTYPE_NAMES[value] : undefined;
}

export function checkDataTypes(ctx: RuleContext): void {
  const block = ctx.config.data_types;
  if (!isPlainObject(block)) return;
  const fp16 = precisionEnabled(ctx, "fp16");
  const bf16 = precisionEnabled(ctx, "bf16");
  if (fp16 === undefined || bf16 === undefined) return; // caller fills "enabled": unknown model dtype
  const model: Dtype = fp16 ? "fp16" : bf16 ? "bf16" : "fp32";
  const keys = atLeast(ctx.version, DTYPE_CHECK_CHANGES.paramDtype)
    ? ["grad_accum_dtype", "param_dtype", "buffer_dtype"]
    : ["grad_accum_dtype"];
  for (const key of keys) {
    const value = block[key];
    if (value === undefined || value === null) continue;
    if (key === "buffer_dtype" && model === "fp32") continue; // only read when fp16/bf16 is enabled
    if (dtypeOf(value) === undefined) {
      ctx.report(
        "error",
        "ds/enum",
        `data_types.${key}`,
        `data_types.${key} = ${show(value)}: ValueError: ${typeof value === "string" ? `'${value}'` : show(value)} is not a valid DtypeEnum (use fp32, fp16 or bf16; runtime/config.py DtypeEnum).`,
      );
    }
  }
  const param = dtypeOf(block.param_dtype);
  if (keys.includes("param_dtype") && param !== undefined && param !== model) {
    ctx.report(
      "error",
      "ds/dtype-mix",
      "data_types.param_dtype",
      `data_types.param_dtype='${String(block.param_dtype)}' conflicts with the enabled precision mode (model dtype ${TORCH[model]}) (runtime/engine.py _assert_valid_mixed_precision_config).`,
    );
  }
  checkGradAccum(ctx, model, block.grad_accum_dtype);
}

function checkGradAccum(ctx: RuleContext, model: Dtype, value: unknown): void {
  if (ctx.stage === undefined || ctx.stage > 0) return; // ZeRO takes every mix
  const amp = ctx.config.amp;
  if (isPlainObject(amp) && laxBool(amp.enabled) === true) return; // the amp rule speaks for this path
  const old = !atLeast(ctx.version, DTYPE_CHECK_CHANGES.bf16WrapperRelaxed);
  let grad: Dtype | undefined;
  if (value === undefined || value === null) grad = old && model === "bf16" ? "fp32" : model;
  else grad = dtypeOf(value);
  if (grad === undefined) return; // reported as ds/enum
  const source = "runtime/engine.py DeepSpeedEngine._do_optimizer_sanity_check";
  if (grad === model) {
    if (old && model === "bf16") {
      ctx.report(
        "error",
        "ds/dtype-mix",
        "data_types.grad_accum_dtype",
        `NotImplementedError: Bfloat16 wrapper must use a gradient accumulation type of fp32, enable ZeRO to use Bfloat16 gradient accumulation (${source}, DeepSpeed < ${DTYPE_CHECK_CHANGES.bf16WrapperRelaxed}).`,
      );
    }
    return;
  }
  if (model === "bf16" && grad === "fp32" && !atLeast(ctx.version, DTYPE_CHECK_CHANGES.equalDtypesOnly))
    return;
  ctx.report(
    "error",
    "ds/dtype-mix",
    "data_types.grad_accum_dtype",
    `NotImplementedError: unsupported mix of model_dtype=${TORCH[model]} and grad_accum_dtype=${TORCH[grad]} without ZeRO (${source}); use ZeRO stage >= 1 or the model's dtype.`,
  );
}

export const TORCH_AUTOCAST_SINCE = "0.17.2";

/** runtime/config.py get_torch_autocast_dtype / get_lower_precision_safe_modules (v0.17.2+). */
export function checkTorchAutocast(ctx: RuleContext): void {
  const block = ctx.config.torch_autocast;
  if (!isPlainObject(block) || !atLeast(ctx.version, TORCH_AUTOCAST_SINCE)) return;
  if ("dtype" in block && dtypeOf(block.dtype) === undefined) {
    ctx.report(
      "error",
      "ds/enum",
      "torch_autocast.dtype",
      `torch_autocast.dtype = ${show(block.dtype)}: ValueError: not a valid DtypeEnum (use bfloat16, float16 or their short names; runtime/config.py get_torch_autocast_dtype). DeepSpeed checks it even when torch_autocast is disabled.`,
    );
  }
  if (!("lower_precision_safe_modules" in block)) return;
  const modules = block.lower_precision_safe_modules;
  if (typeof modules === "string") {
    ctx.report(
      "warning",
      "ds/type",
      "torch_autocast.lower_precision_safe_modules",
      `torch_autocast.lower_precision_safe_modules is the string ${show(modules)}: DeepSpeed iterates it character by character, so no module matches. Write a list: [${show(modules)}].`,
    );
  } else if (!Array.isArray(modules) || !modules.every((m) => typeof m === "string")) {
    ctx.report(
      "error",
      "ds/type",
      "torch_autocast.lower_precision_safe_modules",
      `ValueError: Invalid module names for torch autocast: ${show(modules)}. Expected list of strings (runtime/config.py get_lower_precision_safe_modules).`,
    );
  }
}
