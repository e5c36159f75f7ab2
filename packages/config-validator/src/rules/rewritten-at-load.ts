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
  return out;
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
