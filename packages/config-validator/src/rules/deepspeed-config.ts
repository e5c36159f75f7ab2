// DeepSpeed's own rules (from @roll/deepspeed) for each worker on a DeepSpeed strategy, applied to the
// strategy_config as DeepSpeed receives it: after ROLL's fill-ins of train_micro_batch_size_per_gpu,
// train_batch_size and gradient_clipping (config-format.md §f.1).
import { DeepSpeedInputError, rollFillIns, validateDeepSpeedConfig } from "@roll/deepspeed";
import type { WorkerAt } from "../dataclass-walk.js";
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import { asNumber, fieldOrDefault, isTopWorker, type RuleContext, strategyOf } from "./context.js";
import { isDeepSpeedStrategy } from "./deepspeed-strategy.js";
import { effectiveGpusPerWorker, workerDevices } from "./device-mapping.js";

const TRAINING_DEFAULTS = { per_device_train_batch_size: 8, gradient_accumulation_steps: 1 };
const ROLL_FILLED = ["train_micro_batch_size_per_gpu", "train_batch_size", "gradient_clipping"];

export function checkDeepSpeedConfigs(
  ctx: RuleContext,
  deepspeedVersion: string | undefined,
): RollDiagnostic[] {
  if (ctx.release !== "0.2") return []; // 0.3 rejects the strategy itself (roll/deepspeed-removed-in-0.3)
  const out: RollDiagnostic[] = [];
  for (const worker of ctx.workers) {
    const strategy = strategyOf(worker, ctx);
    if (!isDeepSpeedStrategy(strategy.name)) continue;
    const at = strategy.configNode;
    if (!at) continue;
    const { config, filled, rewrites } = applyRollFillIns(worker, strategy.config, ctx);
    out.push(
      ...rewrites.map((r) =>
        diagnostic(
          "info",
          "roll/rewritten-at-load",
          at.spot(r.key),
          `${r.key} ${JSON.stringify(r.from)} is replaced by ROLL with ${r.to} (${r.why}).`,
        ),
      ),
    );
    const diagnostics = validateDeepSpeedConfig(config, {
      worldSize: worldSizeOf(worker, ctx),
      deepspeedVersion,
      filledByCaller: filled,
    });
    for (const d of diagnostics) {
      // deepspeed_infer never saves a checkpoint, so the 16-bit save flag does not matter there.
      if (strategy.name === "deepspeed_infer" && d.code === "ds/zero3-16bit-save") continue;
      out.push(diagnostic(d.severity, d.code, at.spot(...d.segments), d.message));
    }
  }
  return out;
}

function worldSizeOf(worker: WorkerAt, ctx: RuleContext): number | undefined {
  const devices = workerDevices(worker);
  const { gpus } = effectiveGpusPerWorker(worker, ctx);
  if (devices && gpus > 0) {
    const size = Math.floor(devices.length / gpus);
    return size > 0 ? size : undefined;
  }
  const yaml = asNumber(worker.node.value("world_size"));
  return yaml !== undefined && Number.isInteger(yaml) && yaml > 0 ? yaml : undefined;
}

function applyRollFillIns(worker: WorkerAt, strategyConfig: Record<string, unknown>, ctx: RuleContext) {
  const training = (key: keyof typeof TRAINING_DEFAULTS) =>
    asNumber(worker.node.value("training_args", key)) ?? TRAINING_DEFAULTS[key];
  // DPOConfig doubles actor_train's micro batch (chosen + rejected) before the strategy is built.
  const dpoFactor = ctx.pipeline === "dpo" && isTopWorker(ctx, worker, "actor_train") ? 2 : 1;
  const micro = training("per_device_train_batch_size") * dpoFactor;
  const gas = training("gradient_accumulation_steps");
  const maxGradNorm = asNumber(fieldOrDefault(ctx.root, ctx.top, "max_grad_norm")) ?? 1;
  const worldSize = worldSizeOf(worker, ctx);
  // Without a readable device_mapping the batch cannot be computed, but ROLL still fills the keys.
  if (worldSize === undefined) return { config: strategyConfig, filled: ROLL_FILLED, rewrites: [] };
  try {
    const result = rollFillIns(strategyConfig, {
      perDeviceTrainBatchSize: micro,
      gradientAccumulationSteps: gas,
      maxGradNorm,
      worldSize,
    });
    const why: Record<string, string> = {
      train_micro_batch_size_per_gpu: "training_args.per_device_train_batch_size",
      train_batch_size: `per_device_train_batch_size × gradient_accumulation_steps × world_size = ${micro} × ${gas} × ${worldSize}`,
      gradient_clipping: "max_grad_norm",
    };
    const rewrites = result.overwritten.map((o) => ({ ...o, why: why[o.key] ?? "ROLL" }));
    return { config: result.config as Record<string, unknown>, filled: result.filled, rewrites };
  } catch (error) {
    // Impossible training args are reported elsewhere (roll/schema); validate what the preset says.
    if (error instanceof DeepSpeedInputError)
      return { config: strategyConfig, filled: [] as string[], rewrites: [] };
    throw error;
  }
}
