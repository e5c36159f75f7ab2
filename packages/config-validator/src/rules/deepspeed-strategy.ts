// ROLL's own checks on DeepSpeed strategies (pre-v0.3.0 deepspeed_strategy.py, config-format.md §f.5),
// and the v0.3.0 removal of DeepSpeed (§0.1).
import type { WorkerAt } from "../dataclass-walk.js";
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import type { ConfigNode, Spot } from "../node-tree.js";
import { isPlainObject } from "../python-type.js";
import { asNumber, type RuleContext, strategyOf } from "./context.js";

export const DEEPSPEED_TRAIN_STRATEGIES = new Set(["deepspeed_train", "diffusion_deepspeed_train"]);

export function isDeepSpeedStrategy(name: string | undefined): boolean {
  return name?.includes("deepspeed") === true;
}

/** The ZeRO stage DeepSpeed will use (default 0) and where it is, or the node where it would go. */
function zeroStage(config: Spot) {
  const zeroNode = config.missing.length === 0 ? config.node.get("zero_optimization") : undefined;
  const zero = zeroNode && isPlainObject(zeroNode.plain) ? zeroNode : undefined;
  const stageNode = zero?.get("stage");
  const raw = stageNode?.plain;
  const stage = asNumber(raw);
  const at: Spot | ConfigNode = raw !== undefined ? stageNode! : (zero ?? config);
  return { stage: raw === undefined ? 0 : stage, at };
}

export function checkDeepSpeedStrategies(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  for (const worker of ctx.workers) {
    const strategy = strategyOf(worker, ctx);
    if (!isDeepSpeedStrategy(strategy.name)) continue;
    if (ctx.release === "0.3") {
      out.push(
        diagnostic(
          "error",
          "roll/deepspeed-removed-in-0.3",
          strategy.nameSpot,
          `ROLL 0.3 has no DeepSpeed strategies (removed in v0.3.0): "${strategy.name}" is rejected. Switch to ${strategy.name === "deepspeed_infer" ? "fsdp2_infer" : "fsdp2_train"} (FSDP2) or pin ROLL 0.2 (--roll 0.2).`,
        ),
      );
      continue;
    }
    out.push(...checkStages(worker, strategy.name!, strategy.configNode, strategy.configSpot));
  }
  return out;
}

function checkStages(
  worker: WorkerAt,
  name: string,
  config: ConfigNode | undefined,
  configSpot: Spot,
): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  // A strategy_config that is not a mapping reads as {} (as before): findings go where it is.
  const where: Spot = config ? { node: config, missing: [] } : configSpot;
  const { stage, at: path } = zeroStage(where);
  if (stage === undefined) return out; // not a number: the DeepSpeed rules report it
  if (name === "deepspeed_infer" && stage !== 3) {
    out.push(
      diagnostic(
        "error",
        "roll/deepspeed-infer-stage",
        path,
        `deepspeed_infer needs ZeRO stage 3, got ${stage}: ROLL asserts "deepspeed infer only supports zero = 3." Use a ZeRO-3 preset such as \${deepspeed_zero3}.`,
      ),
    );
  }
  if (DEEPSPEED_TRAIN_STRATEGIES.has(name) && stage === 0) {
    out.push(
      diagnostic(
        "error",
        "roll/deepspeed-train-stage0",
        path,
        `${name} needs ZeRO stage > 0, got 0: ROLL asserts "deepspeed train only supports zero > 0." Use \${deepspeed_zero2} or \${deepspeed_zero3}.`,
      ),
    );
  }
  if (stage !== 3) return out;
  if (name === "diffusion_deepspeed_train") {
    out.push(
      diagnostic(
        "error",
        "roll/diffusion-deepspeed-zero3",
        path,
        'diffusion_deepspeed_train cannot save checkpoints under ZeRO-3: ROLL asserts "zero3 is not supported yet". Use a ZeRO-2 preset.',
      ),
    );
  }
  if (name === "deepspeed_train") {
    const zero = config!.get("zero_optimization")!;
    const gather =
      zero.value("stage3_gather_16bit_weights_on_model_save") ??
      zero.value("stage3_gather_fp16_weights_on_model_save");
    if (gather !== true) {
      out.push(
        diagnostic(
          "error",
          "roll/zero3-save-gather",
          zero.spot("stage3_gather_16bit_weights_on_model_save"),
          'ZeRO-3 checkpoint saving needs zero_optimization.stage3_gather_16bit_weights_on_model_save: true: ROLL\'s save_checkpoint raises ValueError("Cannot get 16bit model weights because stage3_gather_16bit_weights_on_model_save in DeepSpeed config is False").',
        ),
      );
    }
    const lora = worker.node.value("model_args", "lora_target");
    const disabled = worker.node.value("model_args", "disable_gradient_checkpointing");
    if (lora !== undefined && lora !== null && lora !== "" && disabled !== true) {
      out.push(
        diagnostic(
          "error",
          "roll/lora-zero3-gradient-checkpointing",
          worker.node.spot("model_args", "disable_gradient_checkpointing"),
          "LoRA with ZeRO-3 fails in backward when gradient checkpointing is on (recomputed tensor size mismatch, huggingface/transformers#34928, alibaba/ROLL#307): set model_args.disable_gradient_checkpointing: true, as ROLL's LoRA+ZeRO-3 examples do.",
        ),
      );
    }
  }
  return out;
}
