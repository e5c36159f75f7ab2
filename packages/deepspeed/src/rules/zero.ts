/** ZeRO stage, offload and ZeRO++ rules (reference §0.6, §c.3, §g.8, §g.11, §g.12). */
import { zeroFieldByKey } from "../catalog.js";
import type { RuleContext } from "../context.js";
import { isAuto, isPlainObject, laxBool, show } from "../values.js";

type ZeroBlock = Record<string, unknown>;

function zeroBlock(ctx: RuleContext): ZeroBlock | undefined {
  const zero = ctx.config.zero_optimization;
  return isPlainObject(zero) ? zero : undefined;
}

/** Offload device as DeepSpeed sees it; undefined when the caller fills it. */
function offloadDevice(ctx: RuleContext, block: unknown, path: string): string | undefined {
  if (!isPlainObject(block)) return "none";
  const device = block.device;
  if (device === undefined || device === null) return "none";
  if (isAuto(device)) return ctx.filledByCaller.has(`${path}.device`) ? undefined : "none";
  return typeof device === "string" ? device : undefined;
}

/** Value under either spelling of a zero field. */
function zeroValue(zero: ZeroBlock, name: string): unknown {
  const spec = zeroFieldByKey.get(name);
  if (name in zero) return zero[name];
  return spec?.internalName ? zero[spec.internalName] : undefined;
}

export function checkZeroStage(ctx: RuleContext): void {
  const zero = zeroBlock(ctx);
  if (!zero) return;
  checkOffload(ctx, zero);
  checkIgnoredAtStage(ctx, zero);
  checkZeroPlusPlus(ctx, zero);
  checkReduceScatter(ctx, zero);
  checkRemovedAndCheckpointing(ctx, zero);
}

function checkOffload(ctx: RuleContext, zero: ZeroBlock): void {
  const stage = ctx.stage;
  const paramPath = "zero_optimization.offload_param";
  const optimizerPath = "zero_optimization.offload_optimizer";
  const paramDevice = offloadDevice(ctx, zero.offload_param, paramPath);
  const optimizerDevice = offloadDevice(ctx, zero.offload_optimizer, optimizerPath);

  if (stage !== undefined && stage < 3 && paramDevice !== undefined && paramDevice !== "none") {
    ctx.report(
      "warning",
      "ds/offload-param-below-stage3",
      paramPath,
      `offload_param (device ${show(paramDevice)}) is silently ignored at ZeRO stage ${stage}: DeepSpeed passes it only to the stage-3 optimizer ("Valid only with stage 3"). Remove it, or use stage 3 to offload parameters.`,
    );
  }
  if (stage !== undefined && (stage === 1 || stage === 2) && optimizerDevice === "nvme") {
    ctx.report(
      "warning",
      "ds/nvme-offload-below-stage3",
      `${optimizerPath}.device`,
      `offload_optimizer.device "nvme" is only implemented for ZeRO stage 3: at stage ${stage} DeepSpeed silently offloads the optimizer to CPU memory instead.`,
    );
  }
  // NVMe paths matter only where DeepSpeed really offloads to NVMe (stage 3, or an unknown stage).
  if (stage === undefined || stage === 3) {
    for (const [path, device, block, failure] of [
      [
        paramPath,
        paramDevice,
        zero.offload_param,
        '"nvme_path" in DeepSpeed Config cannot be None if remote device is nvme',
      ],
      [
        optimizerPath,
        optimizerDevice,
        zero.offload_optimizer,
        "DeepSpeed fails in os.path.join(nvme_path, 'zero_stage_3') with a TypeError",
      ],
    ] as const) {
      if (device !== "nvme" || !isPlainObject(block)) continue;
      const nvmePath = block.nvme_path;
      if (
        ctx.filledByCaller.has(`${path}.nvme_path`) ||
        (typeof nvmePath === "string" && nvmePath !== "" && nvmePath !== "auto")
      )
        continue;
      ctx.report(
        "error",
        "ds/nvme-path-required",
        `${path}.nvme_path`,
        `${path}.device is "nvme" but nvme_path is not set: ${failure}. Set nvme_path to a directory on a local NVMe drive.`,
      );
    }
  }
  const optimizer = zero.offload_optimizer;
  if (
    isPlainObject(optimizer) &&
    typeof optimizer.ratio === "number" &&
    optimizer.ratio < 1 &&
    stage !== undefined &&
    stage !== 3
  ) {
    ctx.report(
      "error",
      "ds/partial-offload-stage",
      `${optimizerPath}.ratio`,
      `offload_optimizer.ratio = ${optimizer.ratio} at ZeRO stage ${stage}: ValidationError "Assertion failed, Partial offloading only supported for ZeRO Stage 3."`,
    );
  }
}

/** Keys DeepSpeed only reads at other stages: set but silently without effect. */
function checkIgnoredAtStage(ctx: RuleContext, zero: ZeroBlock): void {
  const stage = ctx.stage;
  if (stage === undefined) return;
  for (const key of Object.keys(zero)) {
    // offload_param has its own rule; deprecated keys are reported as deprecated.
    if (key === "offload_param" || key === "stage") continue;
    const spec = zeroFieldByKey.get(key);
    if (!spec?.stages || spec.deprecated || spec.stages.includes(stage)) continue;
    ctx.report(
      "warning",
      "ds/ignored-at-stage",
      `zero_optimization.${key}`,
      `zero_optimization.${key} only has an effect at ZeRO stage ${spec.stages.join("/")}; at stage ${stage} DeepSpeed silently ignores it.`,
    );
  }
}

function checkZeroPlusPlus(ctx: RuleContext, zero: ZeroBlock): void {
  if (ctx.stage !== 3) return;
  const quantizedGradients = laxBool(zero.zero_quantized_gradients) === true;
  const reduceScatter = zero.reduce_scatter === undefined ? true : laxBool(zero.reduce_scatter);
  if (quantizedGradients && reduceScatter === false) {
    ctx.report(
      "error",
      "ds/qgz-needs-reduce-scatter",
      "zero_optimization.zero_quantized_gradients",
      "zero_quantized_gradients (qgZ) needs reduce_scatter: DeepSpeed asserts 'when enable all_to_all_reduce, reduce_scatter should also be enabled for data type checks.'",
    );
  }
  const hpz = zero.zero_hpz_partition_size;
  const ws = ctx.worldSize;
  if (typeof hpz === "number" && Number.isInteger(hpz) && hpz > 1 && ws !== undefined) {
    const group = Math.min(hpz, ws);
    if (ws % group !== 0) {
      ctx.report(
        "error",
        "ds/hpz-world-size",
        "zero_optimization.zero_hpz_partition_size",
        `zero_hpz_partition_size ${hpz} with world size ${ws}: DeepSpeed asserts '${ws} is not divisible by ${group}'.`,
      );
    }
  }
  const save16 = zeroValue(zero, "stage3_gather_16bit_weights_on_model_save");
  const legacySave = zero.stage3_gather_fp16_weights_on_model_save;
  const saves = laxBool(save16) === true || laxBool(legacySave) === true || isAuto(save16);
  if (!saves) {
    ctx.report(
      "warning",
      "ds/zero3-16bit-save",
      "zero_optimization.stage3_gather_16bit_weights_on_model_save",
      "ZeRO-3 without stage3_gather_16bit_weights_on_model_save: true saves no usable 16-bit weights (save_16bit_model() writes nothing usable; DeepSpeed#3841, transformers#25817).",
    );
  }
}

function checkRemovedAndCheckpointing(ctx: RuleContext, zero: ZeroBlock): void {
  // engine.py _configure_zero_optimizer raises only when a ZeRO optimizer is built (stage > 0).
  if (laxBool(zero.legacy_stage1) === true && ctx.stage !== 0) {
    ctx.report(
      "error",
      "ds/removed",
      "zero_optimization.legacy_stage1",
      "legacy_stage1: true raises at engine start: Exception: The deprecated version of ZeRO Stage 1 is not supported in deepspeed >= 0.5.9.",
    );
  }
  if (laxBool(zero.elastic_checkpoint) === true) {
    if (ctx.stage === 3) {
      // zero/config.py elastic_checkpoint_deprecated warns at start-up; stage3.py state_dict raises on save.
      ctx.report(
        "warning",
        "ds/deprecated",
        "zero_optimization.elastic_checkpoint",
        'elastic_checkpoint with ZeRO-3: DeepSpeed warns "ZeRO-3 elastic checkpointing is deprecated and no longer supported" at start-up, and saving a checkpoint raises NotImplementedError (runtime/zero/stage3.py state_dict). Use checkpoint.load_universal.',
      );
    } else {
      ctx.report(
        "warning",
        "ds/deprecated",
        "zero_optimization.elastic_checkpoint",
        "elastic_checkpoint is no longer supported (DeepSpeed docs); use checkpoint.load_universal (Universal Checkpointing).",
      );
    }
  }
}

/** Stage 2/3 with reduce_scatter (default true) assert on gradient pre-scaling (§c.3). */
function checkReduceScatter(ctx: RuleContext, zero: ZeroBlock): void {
  const stage = ctx.stage;
  if (stage !== 2 && stage !== 3) return;
  const reduceScatter = zero.reduce_scatter === undefined ? true : laxBool(zero.reduce_scatter);
  if (reduceScatter !== true) return;
  const label = `ZeRO-${stage}`;
  if (laxBool(ctx.config.prescale_gradients) === true) {
    ctx.report(
      "error",
      "ds/reduce-scatter-prescale",
      "prescale_gradients",
      `pre-scale gradients is not yet supported with ${label} with reduce scatter enabled`,
    );
  }
  const predivide = ctx.config.gradient_predivide_factor;
  if (typeof predivide === "number" && predivide !== 1) {
    ctx.report(
      "error",
      "ds/reduce-scatter-prescale",
      "gradient_predivide_factor",
      `gradient_predivide_factor != 1.0 is not yet supported with ${label} with reduce scatter enabled`,
    );
  }
}
