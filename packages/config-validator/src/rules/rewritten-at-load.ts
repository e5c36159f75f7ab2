// Values ROLL silently replaces when it builds the config (dataclasses.md §2): the YAML value is ignored.
// Reported as info so that nobody tunes a number that has no effect.
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import { asNumber, child, fieldOrDefault, type RuleContext, strategyOf } from "./context.js";
import { effectiveGpusPerWorker, evaluatesDeviceMapping, workerDevices } from "./device-mapping.js";

const CODE = "roll/rewritten-at-load";
const isSet = (value: unknown) => value !== undefined && value !== null;

export function checkRewrittenAtLoad(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const c = ctx.config;
  if (isSet(c.num_gpus_per_node)) {
    out.push(
      diagnostic(
        "info",
        CODE,
        ["num_gpus_per_node"],
        "num_gpus_per_node is replaced by the device count ROLL detects on the node.",
      ),
    );
  }
  if (isSet(c.num_nodes)) {
    out.push(
      diagnostic(
        "info",
        CODE,
        ["num_nodes"],
        "num_nodes is recomputed from the highest GPU id in the device mappings.",
      ),
    );
  }
  if (isSet(c.response_length) && isSet(c.sequence_length)) {
    out.push(
      diagnostic(
        "info",
        CODE,
        ["response_length"],
        "response_length is ignored when sequence_length is set: ROLL resets it to None.",
      ),
    );
  }
  out.push(...workerRewrites(ctx));
  if (ctx.pipeline === "rlvr") out.push(...rlvrRewrites(ctx));
  out.push(...modelPathRewrites(ctx));
  if (ctx.pipeline === "dpo") out.push(...dpoRewrites(ctx));
  return out;
}

const modelPath = (c: Record<string, unknown>, worker: string) =>
  child(c, worker, "model_args", "model_name_or_path");

/**
 * PPOConfig: when any of actor_train/actor_infer/reference lacks model_name_or_path, all three get `pretrain`.
 * SFTConfig: sft_train always gets `pretrain`.
 */
function modelPathRewrites(ctx: RuleContext): RollDiagnostic[] {
  const c = ctx.config;
  const replaced = (worker: string, why: string) =>
    diagnostic(
      "info",
      CODE,
      [worker, "model_args", "model_name_or_path"],
      `${worker}.model_args.model_name_or_path is replaced by pretrain (${JSON.stringify(c.pretrain ?? null)}): ${why}.`,
    );
  if (ctx.pipeline === "sft") {
    return isSet(modelPath(c, "sft_train")) ? [replaced("sft_train", "SFTConfig always does this")] : [];
  }
  if (ctx.pipeline !== "rlvr" && ctx.pipeline !== "agentic") return [];
  const trio = ["actor_train", "actor_infer", "reference"];
  const unset = trio.filter((w) => !isSet(modelPath(c, w)));
  if (unset.length === 0 || unset.length === trio.length) return [];
  return trio
    .filter((w) => isSet(modelPath(c, w)))
    .map((w) =>
      replaced(
        w,
        `${unset.join(" and ")} ${unset.length === 1 ? "has" : "have"} none, so ROLL sets all three`,
      ),
    );
}

/** DPOConfig doubles actor_train's micro batch and both infer batches (chosen + rejected). */
function dpoRewrites(ctx: RuleContext): RollDiagnostic[] {
  const targets: [string, ...string[]][] = [
    ["actor_train", "training_args", "per_device_train_batch_size"],
    ["actor_train", "infer_batch_size"],
    ["reference", "infer_batch_size"],
  ];
  return targets.flatMap((path) => {
    const value = asNumber(child(ctx.config, ...path));
    if (value === undefined) return [];
    return [
      diagnostic(
        "info",
        CODE,
        path,
        `${path.join(".")} ${value} is doubled by DPOConfig to ${value * 2} (chosen + rejected pairs).`,
      ),
    ];
  });
}

function workerRewrites(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  for (const worker of ctx.workers) {
    if (!evaluatesDeviceMapping(worker)) continue;
    const v = worker.value;
    const devices = workerDevices(worker);
    const { gpus, why } = effectiveGpusPerWorker(worker, ctx);
    const yamlGpus = asNumber(v.num_gpus_per_worker);
    if (yamlGpus !== undefined && strategyOf(worker, ctx).name !== undefined && yamlGpus !== gpus) {
      out.push(
        diagnostic(
          "info",
          CODE,
          [...worker.path, "num_gpus_per_worker"],
          `num_gpus_per_worker ${yamlGpus} is replaced by ${gpus} (${why}).`,
        ),
      );
    }
    const worldSize = asNumber(v.world_size);
    if (devices && worldSize !== undefined && gpus > 0 && worldSize !== Math.floor(devices.length / gpus)) {
      out.push(
        diagnostic(
          "info",
          CODE,
          [...worker.path, "world_size"],
          `world_size ${worldSize} is replaced by len(device_mapping) // num_gpus_per_worker = ${Math.floor(devices.length / gpus)}.`,
        ),
      );
    }
    if (ctx.release === "0.3" && v.offload_nccl === true) {
      out.push(
        diagnostic(
          "info",
          CODE,
          [...worker.path, "offload_nccl"],
          "offload_nccl is forced to false by ROLL 0.3.",
        ),
      );
    }
  }
  return out;
}

/** RLVRConfig overwrites actor_infer's max_new_tokens and num_return_sequences. */
function rlvrRewrites(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const c = ctx.config;
  const maxNew = asNumber(child(c, "actor_infer", "generating_args", "max_new_tokens"));
  const sequence = asNumber(c.sequence_length);
  const prompt = asNumber(fieldOrDefault(ctx.root, c, "prompt_length")) ?? 0;
  const response = asNumber(c.response_length);
  const effectiveSequence = sequence ?? (response !== undefined ? response + prompt : undefined);
  if (maxNew !== undefined && effectiveSequence !== undefined && maxNew !== effectiveSequence - prompt) {
    out.push(
      diagnostic(
        "info",
        CODE,
        ["actor_infer", "generating_args", "max_new_tokens"],
        `actor_infer.generating_args.max_new_tokens ${maxNew} is replaced by sequence_length - prompt_length = ${effectiveSequence - prompt}.`,
      ),
    );
  }
  const returned = asNumber(child(c, "actor_infer", "generating_args", "num_return_sequences"));
  const group = asNumber(fieldOrDefault(ctx.root, c, "num_return_sequences_in_group")) ?? 1;
  if (returned !== undefined && returned !== group) {
    out.push(
      diagnostic(
        "info",
        CODE,
        ["actor_infer", "generating_args", "num_return_sequences"],
        `actor_infer.generating_args.num_return_sequences ${returned} is replaced by num_return_sequences_in_group = ${group}.`,
      ),
    );
  }
  return out;
}
