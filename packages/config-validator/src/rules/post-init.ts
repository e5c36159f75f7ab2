// The `__post_init__` checks that raise when ROLL builds the config (dataclasses.md §2).
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import { isPlainObject } from "../python-type.js";
import {
  actorInferKey,
  asNumber,
  fieldOrDefault,
  isTopWorker,
  type RuleContext,
  strategyOf,
  topWorker,
} from "./context.js";
import { workerDevices } from "./device-mapping.js";

const isSet = (value: unknown) => value !== undefined && value !== null;

export function checkPostInit(ctx: RuleContext): RollDiagnostic[] {
  return [
    ...checkActorInfer(ctx),
    ...checkGeneratingArgs(ctx),
    ...checkLengths(ctx),
    ...checkProfiler(ctx),
    ...checkDataArgs(ctx),
    ...checkAsyncGeneration(ctx),
    ...checkMegatronBatch(ctx),
    ...checkAgentic(ctx),
    ...checkDpo(ctx),
  ];
}

/** BaseConfig / AgenticConfig: `actor_infer` must be served by vLLM or SGLang. */
function checkActorInfer(ctx: RuleContext): RollDiagnostic[] {
  const key = actorInferKey(ctx.top);
  const worker = topWorker(ctx, key);
  if (!worker || !isPlainObject(worker.node.value("strategy_args"))) return [];
  const { name, nameSpot } = strategyOf(worker, ctx);
  if (name === "vllm" || name === "sglang") return [];
  const mapped = key === "actor_infer" ? "" : " (on-policy distillation runs student_infer as actor_infer)";
  return [
    diagnostic(
      "error",
      "roll/actor-infer-backend",
      nameSpot,
      `${key} must use strategy vllm or sglang, got "${name}": ROLL asserts this when it builds the config${mapped}.`,
    ),
  ];
}

/**
 * RLVRConfig writes actor_infer.generating_args.num_return_sequences, so it needs generating_args;
 * AgenticConfig needs them on actor_infer or train_env_manager (it copies one to the other).
 */
function checkGeneratingArgs(ctx: RuleContext): RollDiagnostic[] {
  const has = (worker: string) => isSet(ctx.top.value(worker, "generating_args"));
  const infer = actorInferKey(ctx.top);
  const missing = (message: string) => [
    diagnostic("error", "roll/generating-args", ctx.top.spot(infer, "generating_args"), message),
  ];
  if (ctx.pipeline === "rlvr" && !has(infer)) {
    return missing(
      `${infer}.generating_args is missing: RLVRConfig sets its num_return_sequences and fails without it.`,
    );
  }
  if (ctx.pipeline === "agentic" && !has(infer) && !has("train_env_manager")) {
    return missing(
      `neither ${infer}.generating_args nor train_env_manager.generating_args is set: AgenticConfig requires one.`,
    );
  }
  return [];
}

/** BaseConfig: response_length or sequence_length is required; val lengths come in pairs. */
function checkLengths(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const top = ctx.top;
  const set = (key: string) => isSet(top.value(key));
  if (!set("response_length") && !set("sequence_length")) {
    out.push(
      diagnostic(
        "error",
        "roll/sequence-length",
        top.spot("sequence_length"),
        "neither sequence_length nor response_length is set: ROLL requires one of them.",
      ),
    );
  }
  if (!set("val_prompt_length") && set("val_sequence_length")) {
    out.push(
      diagnostic(
        "error",
        "roll/val-lengths",
        top.spot("val_sequence_length"),
        "val_sequence_length is set without val_prompt_length: ROLL requires both or neither.",
      ),
    );
  }
  if (set("val_prompt_length") && !set("val_sequence_length")) {
    out.push(
      diagnostic(
        "error",
        "roll/val-lengths",
        top.spot("val_prompt_length"),
        "val_prompt_length is set without val_sequence_length: ROLL requires both or neither.",
      ),
    );
  }
  return out;
}

function checkProfiler(ctx: RuleContext): RollDiagnostic[] {
  const memory = ctx.top.get("profiler_memory");
  if (ctx.top.value("profiler_timeline") !== true || !memory || memory.plain !== true) return [];
  return [
    diagnostic(
      "error",
      "roll/profiler-exclusive",
      memory,
      "profiler_timeline and profiler_memory cannot both be true: ROLL asserts this.",
    ),
  ];
}

/** DataArguments: `prompt` and `messages` must not both be set. */
function checkDataArgs(ctx: RuleContext): RollDiagnostic[] {
  return ctx.workers
    .filter((w) => isSet(w.node.value("data_args", "prompt")))
    .flatMap((w) => {
      const messages = w.node.get("data_args", "messages");
      return messages && isSet(messages.plain) ? [messages] : [];
    })
    .map((messages) =>
      diagnostic(
        "error",
        "roll/data-prompt-messages",
        messages,
        "data_args.prompt and data_args.messages are both set: ROLL asserts only one is.",
      ),
    );
}

/** PPOConfig and RLVRConfig: asynchronous generation needs generate_opt_level 1 and a ratio ≥ 1. */
function checkAsyncGeneration(ctx: RuleContext): RollDiagnostic[] {
  if (!ctx.root.fields.has("async_generation_ratio")) return [];
  const ratio = asNumber(fieldOrDefault(ctx.root, ctx.top, "async_generation_ratio")) ?? 0;
  if (ratio === 0) return [];
  const out: RollDiagnostic[] = [];
  const level = asNumber(fieldOrDefault(ctx.root, ctx.top, "generate_opt_level"));
  if (level !== 1) {
    out.push(
      diagnostic(
        "error",
        "roll/async-generation",
        ctx.top.spot("generate_opt_level"),
        `async_generation_ratio ${ratio} needs generate_opt_level: 1, got ${level}: ROLL asserts this.`,
      ),
    );
  }
  if (ctx.pipeline === "rlvr" && ratio < 1) {
    out.push(
      diagnostic(
        "error",
        "roll/async-generation",
        ctx.top.spot("async_generation_ratio"),
        `async_generation_ratio must be 0 or ≥ 1.0 for RLVR, got ${ratio}: ROLL asserts this.`,
      ),
    );
  }
  return out;
}

/** BaseConfig → validate_megatron_batch_size: GPUs divisible by TP×PP×CP, rollout batch by DP. */
function checkMegatronBatch(ctx: RuleContext): RollDiagnostic[] {
  const worker = topWorker(ctx, "actor_train");
  if (!worker) return [];
  const strategy = strategyOf(worker, ctx);
  if (!strategy.name?.includes("megatron")) return [];
  const devices = workerDevices(worker);
  if (!devices || devices.length === 0) return [];
  const size = (key: string) => asNumber(strategy.config[key]) ?? 1;
  const tp = size("tensor_model_parallel_size");
  const pp = size("pipeline_model_parallel_size");
  const cp = size("context_parallel_size");
  const modelParallel = tp * pp * cp;
  if (devices.length % modelParallel !== 0) {
    return [
      diagnostic(
        "error",
        "roll/megatron-batch-size",
        worker.node.spot("device_mapping"),
        `actor_train has ${devices.length} GPUs, not divisible by TP × PP × CP = ${tp} × ${pp} × ${cp}: ROLL raises ValueError.`,
      ),
    ];
  }
  const dp = devices.length / modelParallel;
  const batch = asNumber(fieldOrDefault(ctx.root, ctx.top, "rollout_batch_size"));
  if (batch !== undefined && batch > 0 && batch % dp !== 0) {
    return [
      diagnostic(
        "error",
        "roll/megatron-batch-size",
        ctx.top.spot("rollout_batch_size"),
        `rollout_batch_size ${batch} is not divisible by actor_train's data-parallel size ${dp} (${devices.length} GPUs / TP × PP × CP ${modelParallel}): ROLL raises ValueError.`,
      ),
    ];
  }
  return [];
}

/** AgenticConfig: batch sizes vs env groups, env tags, max_steps. */
function checkAgentic(ctx: RuleContext): RollDiagnostic[] {
  if (ctx.pipeline !== "agentic") return [];
  const out: RollDiagnostic[] = [];
  const top = ctx.top;
  const maxSteps = asNumber(fieldOrDefault(ctx.root, top, "max_steps"));
  if (maxSteps !== undefined && maxSteps <= 0 && maxSteps !== -1) {
    out.push(
      diagnostic(
        "error",
        "roll/agentic-max-steps",
        top.spot("max_steps"),
        `max_steps must be > 0 or -1, got ${maxSteps}: AgenticConfig asserts this.`,
      ),
    );
  }
  const envManagers = [
    { key: "train_env_manager", batchKey: "rollout_batch_size" },
    { key: "val_env_manager", batchKey: "val_batch_size" },
  ];
  const customEnvs = top.get("custom_envs");
  for (const { key, batchKey } of envManagers) {
    const manager = topWorker(ctx, key);
    if (!manager) continue;
    const groupSize = asNumber(fieldOrDefault(manager.cls, manager.node, "group_size"));
    const groups = asNumber(fieldOrDefault(manager.cls, manager.node, "num_env_groups"));
    const batch = asNumber(fieldOrDefault(ctx.root, top, batchKey));
    if (batch !== undefined && batch > 0 && groupSize && batch % groupSize !== 0) {
      out.push(
        diagnostic(
          "error",
          "roll/agentic-batch-size",
          top.spot(batchKey),
          `${batchKey} ${batch} is not divisible by ${key}.group_size ${groupSize}: AgenticConfig asserts this.`,
        ),
      );
    } else if (key === "val_env_manager" && batch !== undefined && batch > 0 && groupSize && groups) {
      if (batch % (groups * groupSize) !== 0) {
        out.push(
          diagnostic(
            "error",
            "roll/agentic-batch-size",
            top.spot(batchKey),
            `val_batch_size ${batch} is not divisible by val_env_manager.num_env_groups × group_size = ${groups * groupSize}: AgenticConfig asserts this.`,
          ),
        );
      }
    }
    const partitionNode = manager.node.get("num_groups_partition");
    const partition = partitionNode?.plain;
    if (partitionNode && Array.isArray(partition) && groups !== undefined) {
      const sum = partition.reduce<number>((s, n) => s + (asNumber(n) ?? 0), 0);
      if (sum !== groups) {
        out.push(
          diagnostic(
            "error",
            "roll/agentic-env-groups",
            partitionNode,
            `${key}.num_groups_partition sums to ${sum}, but num_env_groups is ${groups}: AgenticConfig asserts they match.`,
          ),
        );
      }
    }
    const tags = manager.node.get("tags");
    if (tags && Array.isArray(tags.plain) && customEnvs && isPlainObject(customEnvs.plain)) {
      for (const tagNode of tags.children()) {
        const tag = tagNode.plain;
        if (typeof tag !== "string") continue;
        const env = customEnvs.get(tag);
        if (!env || !isPlainObject(env.plain)) {
          out.push(
            diagnostic(
              "error",
              "roll/agentic-env-groups",
              tagNode,
              `${key} tag "${tag}" is not a key of custom_envs: AgenticConfig fails building the env configs.`,
            ),
          );
        } else if (!isSet(env.value("env_type"))) {
          out.push(
            diagnostic(
              "error",
              "roll/agentic-env-groups",
              env.spot("env_type"),
              `custom_envs.${tag} has no env_type: AgenticConfig requires it.`,
            ),
          );
        }
      }
    }
  }
  return out;
}

/** DPOConfig: sequence packing is not supported on actor_train and reference. */
function checkDpo(ctx: RuleContext): RollDiagnostic[] {
  if (ctx.pipeline !== "dpo") return [];
  return ctx.workers
    .filter((w) => isTopWorker(ctx, w, "actor_train") || isTopWorker(ctx, w, "reference"))
    .map((w) => w.node.get("use_sequence_packing"))
    .filter((packing) => packing?.plain === true)
    .map((packing) =>
      diagnostic(
        "error",
        "roll/dpo-sequence-packing",
        packing!,
        "DPO does not support use_sequence_packing: DPOConfig asserts it is false on actor_train and reference.",
      ),
    );
}
