// Values ROLL silently replaces when it builds the config (dataclasses.md §2): the YAML value is ignored.
// Reported as info so that nobody tunes a number that has no effect.
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import type { ConfigNode } from "../node-tree.js";
import { asNumber, fieldOrDefault, type RuleContext, strategyOf } from "./context.js";
import { effectiveGpusPerWorker, evaluatesDeviceMapping, workerDevices } from "./device-mapping.js";

const CODE = "roll/rewritten-at-load";
const isSet = (value: unknown) => value !== undefined && value !== null;

/** The node at `segments` below `from` when its value is set (not absent, not null). */
function setAt(from: ConfigNode, ...segments: string[]): ConfigNode | undefined {
  const at = from.get(...segments);
  return at && isSet(at.plain) ? at : undefined;
}

export function checkRewrittenAtLoad(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const top = ctx.top;
  const perNode = setAt(top, "num_gpus_per_node");
  if (perNode) {
    out.push(
      diagnostic(
        "info",
        CODE,
        perNode,
        "num_gpus_per_node is replaced by the device count ROLL detects on the node.",
      ),
    );
  }
  const nodes = setAt(top, "num_nodes");
  if (nodes) {
    out.push(
      diagnostic(
        "info",
        CODE,
        nodes,
        "num_nodes is recomputed from the highest GPU id in the device mappings.",
      ),
    );
  }
  const response = setAt(top, "response_length");
  if (response && setAt(top, "sequence_length")) {
    out.push(
      diagnostic(
        "info",
        CODE,
        response,
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

const modelPath = (top: ConfigNode, worker: string) => setAt(top, worker, "model_args", "model_name_or_path");

/**
 * PPOConfig: when any of actor_train/actor_infer/reference lacks model_name_or_path, all three get `pretrain`.
 * SFTConfig: sft_train always gets `pretrain`.
 */
function modelPathRewrites(ctx: RuleContext): RollDiagnostic[] {
  const top = ctx.top;
  const replaced = (worker: string, at: ConfigNode, why: string) =>
    diagnostic(
      "info",
      CODE,
      at,
      `${worker}.model_args.model_name_or_path is replaced by pretrain (${JSON.stringify(top.value("pretrain") ?? null)}): ${why}.`,
    );
  if (ctx.pipeline === "sft") {
    const sft = modelPath(top, "sft_train");
    return sft ? [replaced("sft_train", sft, "SFTConfig always does this")] : [];
  }
  if (ctx.pipeline !== "rlvr" && ctx.pipeline !== "agentic") return [];
  const trio = ["actor_train", "actor_infer", "reference"];
  const unset = trio.filter((w) => !modelPath(top, w));
  if (unset.length === 0 || unset.length === trio.length) return [];
  return trio
    .flatMap((w) => {
      const at = modelPath(top, w);
      return at ? [{ w, at }] : [];
    })
    .map(({ w, at }) =>
      replaced(
        w,
        at,
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
    const at = ctx.top.get(...path);
    const value = asNumber(at?.plain);
    if (!at || value === undefined) return [];
    return [
      diagnostic(
        "info",
        CODE,
        at,
        `${path.join(".")} ${value} is doubled by DPOConfig to ${value * 2} (chosen + rejected pairs).`,
      ),
    ];
  });
}

function workerRewrites(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  for (const worker of ctx.workers) {
    if (!evaluatesDeviceMapping(worker)) continue;
    const v = worker.node;
    const devices = workerDevices(worker);
    const { gpus, why } = effectiveGpusPerWorker(worker, ctx);
    const gpusNode = v.get("num_gpus_per_worker");
    const yamlGpus = asNumber(gpusNode?.plain);
    if (
      gpusNode &&
      yamlGpus !== undefined &&
      strategyOf(worker, ctx).name !== undefined &&
      yamlGpus !== gpus
    ) {
      out.push(
        diagnostic(
          "info",
          CODE,
          gpusNode,
          `num_gpus_per_worker ${yamlGpus} is replaced by ${gpus} (${why}).`,
        ),
      );
    }
    const worldNode = v.get("world_size");
    const worldSize = asNumber(worldNode?.plain);
    if (
      worldNode &&
      devices &&
      worldSize !== undefined &&
      gpus > 0 &&
      worldSize !== Math.floor(devices.length / gpus)
    ) {
      out.push(
        diagnostic(
          "info",
          CODE,
          worldNode,
          `world_size ${worldSize} is replaced by len(device_mapping) // num_gpus_per_worker = ${Math.floor(devices.length / gpus)}.`,
        ),
      );
    }
    const offload = v.get("offload_nccl");
    if (ctx.release === "0.3" && offload?.plain === true) {
      out.push(diagnostic("info", CODE, offload, "offload_nccl is forced to false by ROLL 0.3."));
    }
  }
  return out;
}

/** RLVRConfig overwrites actor_infer's max_new_tokens and num_return_sequences. */
function rlvrRewrites(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const top = ctx.top;
  const args = top.get("actor_infer", "generating_args");
  const maxNewNode = args?.get("max_new_tokens");
  const maxNew = asNumber(maxNewNode?.plain);
  const sequence = asNumber(top.value("sequence_length"));
  const prompt = asNumber(fieldOrDefault(ctx.root, top, "prompt_length")) ?? 0;
  const response = asNumber(top.value("response_length"));
  const effectiveSequence = sequence ?? (response !== undefined ? response + prompt : undefined);
  if (
    maxNewNode &&
    maxNew !== undefined &&
    effectiveSequence !== undefined &&
    maxNew !== effectiveSequence - prompt
  ) {
    out.push(
      diagnostic(
        "info",
        CODE,
        maxNewNode,
        `actor_infer.generating_args.max_new_tokens ${maxNew} is replaced by sequence_length - prompt_length = ${effectiveSequence - prompt}.`,
      ),
    );
  }
  const returnedNode = args?.get("num_return_sequences");
  const returned = asNumber(returnedNode?.plain);
  const group = asNumber(fieldOrDefault(ctx.root, top, "num_return_sequences_in_group")) ?? 1;
  if (returnedNode && returned !== undefined && returned !== group) {
    out.push(
      diagnostic(
        "info",
        CODE,
        returnedNode,
        `actor_infer.generating_args.num_return_sequences ${returned} is replaced by num_return_sequences_in_group = ${group}.`,
      ),
    );
  }
  return out;
}
