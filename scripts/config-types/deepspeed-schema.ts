// Builds deepspeed.schema.json from the DeepSpeed field catalogues in packages/deepspeed/src/data/.
import { STRICT_SECTIONS } from "../../packages/deepspeed/src/rules/auto.js";
import type { Schema } from "./json-schema.js";

interface CatalogueField {
  name: string;
  aliases?: string[];
  type: string;
  default?: unknown;
  constraints?: string[];
  deprecated?: boolean | string | { replacement?: string; mapping?: string; since?: string };
  description?: string;
  notes?: string;
  since?: string;
  internal_name?: string;
  applies_to_stages?: number[];
  parsing?: string;
  subfields?: CatalogueField[];
}

export interface DeepSpeedSources {
  zero: { fields: CatalogueField[] };
  topLevel: { fields: CatalogueField[] };
}

export const DEEPSPEED_SCHEMA_ID = "https://roll-config.dev/schemas/deepspeed.schema.json";

/**
 * Keys the HF transformers (HfTrainerDeepSpeedConfig) and accelerate conventions fill when the value is "auto",
 * plus ROLL's own fill-ins (config-reference.md §d, config-format.md §f). Everywhere else "auto" is an error:
 * pydantic sections silently drop it (stage "auto" becomes stage 0) and dict sections crash on it.
 */
export const AUTO_KEYS: Record<string, string> = {
  train_batch_size: "transformers, accelerate and ROLL (per_device_train_batch_size x GA x world size)",
  train_micro_batch_size_per_gpu: "transformers, accelerate and ROLL (per_device_train_batch_size)",
  gradient_accumulation_steps: "transformers and accelerate",
  gradient_clipping: "transformers (max_grad_norm), accelerate and ROLL (pipeline max_grad_norm)",
  "optimizer.params.lr": "transformers (learning_rate) and accelerate",
  "optimizer.params.betas": "transformers ([adam_beta1, adam_beta2])",
  "optimizer.params.eps": "transformers (adam_epsilon)",
  "optimizer.params.weight_decay": "transformers and accelerate",
  "scheduler.params.warmup_min_lr": "transformers and accelerate (0)",
  "scheduler.params.warmup_max_lr": "transformers and accelerate (learning_rate)",
  "scheduler.params.warmup_num_steps": "transformers and accelerate",
  "scheduler.params.total_num_steps": "transformers and accelerate",
  "fp16.enabled": "transformers and accelerate (mixed precision)",
  "bf16.enabled": "transformers and accelerate (mixed precision)",
  "amp.enabled": "transformers v4 (apex backend)",
  "amp.opt_level": "transformers v4 (fp16_opt_level)",
  "zero_optimization.stage": "accelerate (zero_stage); raw DeepSpeed drops it and runs stage 0",
  "zero_optimization.reduce_bucket_size":
    "transformers and accelerate (hidden_size^2); ROLL passed it through",
  "zero_optimization.stage3_prefetch_bucket_size": "transformers and accelerate (0.9 x hidden_size^2)",
  "zero_optimization.stage3_param_persistence_threshold": "transformers and accelerate (10 x hidden_size)",
  "zero_optimization.stage3_gather_16bit_weights_on_model_save": "accelerate (zero3_save_16bit_model)",
  "zero_optimization.offload_optimizer.device": "accelerate (offload_optimizer_device)",
  "zero_optimization.offload_optimizer.nvme_path": "accelerate (offload_optimizer_nvme_path)",
  "zero_optimization.offload_param.device": "accelerate (offload_param_device)",
  "zero_optimization.offload_param.nvme_path": "accelerate (offload_param_nvme_path)",
};

/**
 * Sections parsed by a pydantic DeepSpeedConfigModel with extra="forbid" (config-reference.md fact 1): the
 * validator's list, plus fp16/bf16, which are strict in current DeepSpeed (since 0.17.1).
 */
const STRICT_TOP_LEVEL = new Set([...STRICT_SECTIONS, "fp16", "bf16"]);

/** Named definitions (and so TypeScript type names) for object sections. */
const SECTION_TITLES: Record<string, string> = {
  zero_optimization: "ZeroOptimization",
  "zero_optimization.offload_param": "OffloadParamConfig",
  "zero_optimization.offload_optimizer": "OffloadOptimizerConfig",
  "zero_optimization.zenflow": "ZenFlowConfig",
  "zero_optimization.leaf_module": "LeafModuleConfig",
  optimizer: "OptimizerConfig",
  scheduler: "SchedulerConfig",
  fp16: "FP16Config",
  bf16: "BF16Config",
  amp: "AmpConfig",
  torch_autocast: "TorchAutocastConfig",
  activation_checkpointing: "ActivationCheckpointingConfig",
  flops_profiler: "FlopsProfilerConfig",
  tensorboard: "TensorBoardConfig",
  wandb: "WandbConfig",
  csv_monitor: "CSVMonitorConfig",
  comet: "CometConfig",
  comms_logger: "CommsLoggerConfig",
  aio: "AioConfig",
  checkpoint: "CheckpointConfig",
  data_types: "DataTypesConfig",
  elasticity: "ElasticityConfig",
  autotuning: "AutotuningConfig",
  hybrid_engine: "HybridEngineConfig",
  tensor_parallel: "TensorParallelConfig",
  compile: "CompileConfig",
  timers: "TimersConfig",
  weight_quantization: "WeightQuantizationConfig",
};

/** Sub-fields the catalogues only describe in prose; written out here so the strict sections can list them. */
const PROSE_SUBFIELDS: Record<string, CatalogueField[]> = {
  "zero_optimization.zenflow": [
    { name: "topk_ratio", type: "number", default: 0.1, constraints: ["0.0 <= x <= 1.0"] },
    { name: "select_strategy", type: "string", default: "auto", description: "auto | step | epoch" },
    { name: "select_interval", type: "integer|auto", default: "auto" },
    { name: "update_interval", type: "integer|auto", default: "auto" },
    { name: "overlap_step", type: "boolean", default: false },
    { name: "offload", type: "boolean", default: false },
    { name: "auto_ratio", type: "number", default: 0.99, constraints: ["0.0 <= x <= 1.0"] },
    { name: "full_warm_up_rounds", type: "integer", default: 0 },
    { name: "pt_reserved_cores_perc", type: "number", default: 0.5, constraints: ["0.0 <= x <= 1.0"] },
    { name: "steps_per_epoch", type: "integer|null", description: "Internal: set by DeepSpeed, do not set." },
  ],
  "zero_optimization.leaf_module": [
    {
      name: "classes",
      type: "string|array<string>",
      description: "Module class paths (a string is one item).",
    },
    { name: "names", type: "string|array<string>", default: [] },
    { name: "name_suffixes", type: "string|array<string>", default: [] },
  ],
  timers: [
    {
      name: "throughput",
      type: "object",
      default: { enabled: true, synchronized: true },
      subfields: [
        { name: "enabled", type: "boolean", default: true },
        { name: "synchronized", type: "boolean", default: true },
      ],
    },
  ],
  compile: [
    { name: "deepcompile", type: "boolean", default: false },
    { name: "free_activation", type: "any" },
    { name: "free_activation_threshold", type: "any" },
    { name: "offload_activation", type: "any" },
    { name: "offload_activation_pin_memory", type: "any" },
    { name: "offload_opt_states", type: "any" },
    { name: "double_buffer", type: "any" },
    { name: "symmetric_memory", type: "any" },
    { name: "debug_log", type: "any" },
    { name: "offload_parameters", type: "any" },
    { name: "keep_int_input_tensors", type: "any" },
    { name: "keep_all_input_tensors", type: "any" },
    { name: "passes", type: "array<string>", description: "z1 | z3 | autosp | autotp" },
  ],
  weight_quantization: [
    { name: "enabled", type: "boolean" },
    { name: "num_bits", type: "integer", default: 8 },
    { name: "q_type", type: "any" },
    { name: "q_groups", type: "integer", default: 1 },
    { name: "quantized_initialization", type: "any" },
    { name: "post_init_quant", type: "any" },
  ],
  "optimizer.params": [
    { name: "lr", type: "number" },
    { name: "betas", type: "array<number>" },
    { name: "eps", type: "number" },
    { name: "weight_decay", type: "number" },
  ],
  "scheduler.params": [
    { name: "warmup_min_lr", type: "number" },
    { name: "warmup_max_lr", type: "number" },
    { name: "warmup_num_steps", type: "integer", constraints: ["integer >= 1"] },
    { name: "total_num_steps", type: "integer" },
    { name: "warmup_type", type: "string", description: "log | linear" },
  ],
};

const ENUMS: Record<string, unknown[]> = {
  "zero_optimization.stage": [0, 1, 2, 3],
  "zero_optimization.offload_param.device": ["none", "cpu", "nvme"],
  "zero_optimization.offload_optimizer.device": ["none", "cpu", "nvme"],
  "zero_optimization.zenflow.select_strategy": ["auto", "step", "epoch"],
  communication_data_type: ["fp16", "bf16", "fp32", null],
  log_level: ["debug", "info", "warning", "error", "critical", null],
  "comet.mode": ["get", "create", "get_or_create", null],
  "autotuning.metric": ["latency", "throughput", "flops"],
  "autotuning.tuner_type": ["gridsearch", "random", "model_based"],
  "scheduler.params.warmup_type": ["log", "linear"],
};

/** checkpoint.tag_validation is compared upper-cased by DeepSpeed. */
const PATTERNS: Record<string, string> = {
  "checkpoint.tag_validation": "^([Ii][Gg][Nn][Oo][Rr][Ee]|[Ww][Aa][Rr][Nn]|[Ff][Aa][Ii][Ll])$",
};

/** DeepSpeed rejects a dict that spells one field twice (deprecated+replacement, or alias+internal name). */
const MUTUALLY_EXCLUSIVE_REPLACEMENTS: [string, string][] = [
  ["cpu_offload", "offload_optimizer"],
  ["cpu_offload_param", "offload_param"],
  ["stage3_gather_fp16_weights_on_model_save", "stage3_gather_16bit_weights_on_model_save"],
  ["stage3_gather_fp16_weights_on_model_save", "gather_16bit_weights_on_model_save"],
];

function parseType(type: string): Schema {
  const variants = type.split("|").map((t): Schema => {
    if (t === "any") return {};
    if (t === "auto") return { const: "auto" };
    const array = /^array(?:<(\w+)>)?$/.exec(t);
    if (array) return array[1] ? { type: "array", items: { type: array[1] } } : { type: "array" };
    return { type: t };
  });
  const simple = variants.every((v) => v.type !== undefined && Object.keys(v).length === 1);
  if (simple) {
    const types = variants.map((v) => v.type as string);
    return { type: types.length === 1 ? types[0] : types };
  }
  return variants.length === 1 ? variants[0]! : { anyOf: variants };
}

function normaliseSince(since: string | undefined): string | undefined {
  if (!since) return undefined;
  if (since.startsWith("master after")) return "0.19.6";
  return /v?(\d+\.\d+\.\d+)/.exec(since)?.[1];
}

function rangeOf(constraints: string[]): Partial<Schema> {
  const text = constraints.join("; ");
  const range: Partial<Schema> = {};
  if (/0\.0 <= \w+ <= 1\.0/.test(text)) Object.assign(range, { minimum: 0, maximum: 1 });
  else if (/integer >= 0/.test(text)) range.minimum = 0;
  else if (/integer >= 1|must be > 0|^> 0;|^> 0$/.test(text)) range.minimum = 1;
  return range;
}

function describe(field: CatalogueField): string {
  const parts = [field.description?.trim()];
  if (field.deprecated && typeof field.deprecated === "object") {
    parts.push(`DEPRECATED: use ${field.deprecated.replacement} instead (${field.deprecated.mapping}).`);
  } else if (typeof field.deprecated === "string") {
    parts.push(`DEPRECATED: ${field.deprecated}.`);
  }
  if (field.notes) parts.push(field.notes);
  if (field.constraints?.length) parts.push(`Constraints: ${field.constraints.join("; ")}.`);
  if (field.applies_to_stages) parts.push(`Applies to ZeRO stages: ${field.applies_to_stages.join(", ")}.`);
  if (field.since && normaliseSince(field.since) !== field.since.replace(/^v/, "")) {
    parts.push(`Since: ${field.since}.`);
  }
  return parts.filter(Boolean).join(" ");
}

class DeepSpeedSchemaBuilder {
  readonly definitions: Record<string, Schema> = {};
  private readonly zeroFields: CatalogueField[];

  constructor(private readonly sources: DeepSpeedSources) {
    this.zeroFields = sources.zero.fields;
  }

  /** Schema of one field at a dotted path; object sections become named definitions. */
  field(path: string, field: CatalogueField, subfields: CatalogueField[] | undefined): Schema {
    let schema: Schema;
    const sub = subfields ?? PROSE_SUBFIELDS[path];
    if (sub) {
      schema = this.section(path, sub, field);
    } else {
      schema = parseType(field.type);
      Object.assign(schema, rangeOf(field.constraints ?? []));
    }
    const enumValues = ENUMS[path];
    if (enumValues) {
      delete schema.type;
      schema.enum = enumValues;
    }
    if (PATTERNS[path]) schema.pattern = PATTERNS[path];
    // Annotations never sit next to a $ref: draft-07 ignores them there and json2ts would clone the type.
    const annotated: Schema = AUTO_KEYS[path]
      ? { anyOf: [schema, { const: "auto" }], "x-auto": AUTO_KEYS[path] }
      : schema.$ref
        ? { allOf: [schema] }
        : schema;
    const description = describe(field);
    if (description) annotated.description = description;
    if (field.default !== undefined && field.default !== null) annotated.default = field.default;
    if (field.deprecated) annotated.deprecated = true;
    const since = normaliseSince(field.since);
    if (since) annotated["x-since"] = since;
    return annotated;
  }

  /** An object section: its own definition, referenced by $ref (a nullable section allows null). */
  private section(path: string, subfields: CatalogueField[], field: CatalogueField): Schema {
    const title = SECTION_TITLES[path];
    const properties: Record<string, Schema> = {};
    for (const sub of subfields) properties[sub.name] = this.field(`${path}.${sub.name}`, sub, sub.subfields);
    const strict = STRICT_TOP_LEVEL.has(path.split(".")[0]!) || path.startsWith("timers.");
    const body: Schema = { type: "object", properties, additionalProperties: !strict };
    if (path === "compile") body.patternProperties = { "^sync_": {} };
    if (path === "optimizer.params") {
      body.not = { required: ["max_grad_norm"] };
      body.description =
        "Optimizer constructor kwargs. 'max_grad_norm' is rejected by DeepSpeed: use the top-level gradient_clipping.";
    }
    if (strict) body["x-deepspeed-parsing"] = "pydantic";
    if (!title) return body;
    this.definitions[title] = { title, ...body };
    const ref: Schema = { $ref: `#/definitions/${title}` };
    return /null/.test(field.type) ? { anyOf: [ref, { type: "null" }] } : ref;
  }

  zeroOptimization(): Schema {
    const byParent = new Map<string, CatalogueField[]>();
    for (const f of this.zeroFields) {
      const dot = f.name.lastIndexOf(".");
      const parent = dot < 0 ? "" : f.name.slice(0, dot);
      const list = byParent.get(parent) ?? [];
      list.push({ ...f, name: f.name.slice(dot + 1) });
      byParent.set(parent, list);
    }
    const properties: Record<string, Schema> = {};
    const exclusive: Schema[] = [];
    for (const f of byParent.get("") ?? []) {
      const path = `zero_optimization.${f.name}`;
      properties[f.name] = this.field(path, f, byParent.get(f.name));
      for (const alias of f.aliases ?? []) {
        // The internal name is accepted too (populate_by_name); "auto" is only filled under the stage3_* name.
        const { anyOf, "x-auto": _auto, ...rest } = properties[f.name]!;
        const base = anyOf ? { ...anyOf[0]!, ...rest } : rest;
        properties[alias] = {
          ...base,
          description:
            `Internal name of ${f.name} (accepted, but not together with it). ${f.description ?? ""}`.trim(),
        };
        exclusive.push({ not: { required: [f.name, alias] } });
      }
    }
    for (const [a, b] of MUTUALLY_EXCLUSIVE_REPLACEMENTS) exclusive.push({ not: { required: [a, b] } });
    this.definitions.ZeroOptimization = {
      title: "ZeroOptimization",
      description:
        "ZeRO configuration (DeepSpeedZeroConfig, parsed by pydantic with extra='forbid': unknown keys are errors).",
      type: "object",
      properties,
      additionalProperties: false,
      allOf: exclusive,
      "x-deepspeed-parsing": "pydantic",
    };
    return { $ref: "#/definitions/ZeroOptimization" };
  }

  build(): Schema {
    const properties: Record<string, Schema> = {};
    for (const f of this.sources.topLevel.fields) {
      if (f.name === "zero_optimization") {
        properties[f.name] = {
          anyOf: [
            this.zeroOptimization(),
            {
              type: "boolean",
              deprecated: true,
              description: "Legacy form: true = stage 1, false = stage 0.",
            },
          ],
          description: describe(f),
        };
        continue;
      }
      properties[f.name] = this.field(f.name, f, f.subfields);
      if (f.name === "bf16") {
        properties.bfloat16 = {
          allOf: [{ $ref: "#/definitions/BF16Config" }],
          deprecated: true,
          description: "DEPRECATED legacy spelling of bf16 (read only when bf16 is absent).",
        };
      }
      if (f.name === "seq_parallel_communication_data_type") {
        properties.seq_parallel_comm_data_type = {
          ...properties[f.name],
          deprecated: true,
          description: "Key name of seq_parallel_communication_data_type up to v0.16.4.",
        };
      }
    }
    return {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: DEEPSPEED_SCHEMA_ID,
      title: "DeepSpeedConfig",
      description:
        "DeepSpeed JSON config (DeepSpeed 0.19.x). Top-level keys are read with dict.get, so unknown ones are ignored " +
        "by DeepSpeed (allowed here; the validator warns). Sections parsed by pydantic reject unknown keys.",
      type: "object",
      properties,
      additionalProperties: true,
      definitions: this.definitions,
    };
  }
}

export function buildDeepSpeedSchema(sources: DeepSpeedSources): Schema {
  return new DeepSpeedSchemaBuilder(sources).build();
}
