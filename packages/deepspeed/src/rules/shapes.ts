/**
 * Section shapes: what DeepSpeed does when a section that should be a mapping is true, false, null, a number,
 * a string or a list. Each reader fails in its own way (pydantic `Model(**value)` raises TypeError, dict.get
 * readers AttributeError), and a few accept some shapes (legacy `zero_optimization: true`, `bf16: null`).
 */
import type { RuleContext } from "../context.js";
import { isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";

export type Shape = "true" | "false" | "null" | "number" | "string" | "list";

interface SectionReader {
  /** Shapes (besides a mapping) DeepSpeed accepts. */
  accepts: Shape[];
  /** Where DeepSpeed reads the section and how a wrong shape fails there. */
  source: string;
  /** First release that reads the section at all (before it, any value is ignored). */
  since?: string;
  /** Readers that changed: the entry that applies from `from` on. */
  changes?: { from: string; accepts: Shape[]; source: string }[];
  /** A key the reader indexes without a default (`param_dict[section][key]`: KeyError when missing). */
  requires?: string;
}

const DICT_GET = (fn: string) =>
  `runtime/config.py ${fn}: param_dict[section].get(...) raises AttributeError`;
const MODEL = (fn: string) => `${fn}: Model(**value) raises TypeError "argument after ** must be a mapping"`;
const FALSY = ["false", "null", "number", "list"] as const;

/** Section -> reader (DeepSpeed v0.16.4 … master; `changes` for the releases that moved a reader). */
export const SECTION_READERS: Record<string, SectionReader> = {
  zero_optimization: {
    accepts: ["true", "false"],
    source:
      "runtime/zero/config.py get_zero_config: a bool is the legacy form, anything else DeepSpeedZeroConfig(**value)",
  },
  fp16: {
    accepts: [],
    source: DICT_GET("get_fp16_enabled"),
    changes: [
      { from: "0.17.1", accepts: [], source: MODEL("runtime/precision_config.py get_float16_config") },
    ],
  },
  bf16: {
    accepts: [],
    source: DICT_GET("get_bfloat16_enabled"),
    changes: [
      {
        from: "0.17.1",
        accepts: ["null"],
        source: `${MODEL("runtime/precision_config.py get_bfloat16_config")}; null falls back to "bfloat16"`,
      },
    ],
  },
  bfloat16: {
    accepts: [],
    source: DICT_GET("get_bfloat16_enabled"),
    changes: [
      { from: "0.17.1", accepts: [], source: MODEL("runtime/precision_config.py get_bfloat16_config") },
    ],
  },
  optimizer: {
    accepts: [],
    source: "runtime/config.py get_optimizer_name: param_dict[OPTIMIZER].keys() raises AttributeError",
  },
  scheduler: {
    accepts: [],
    source: "runtime/config.py get_scheduler_name: param_dict[SCHEDULER].keys() raises AttributeError",
  },
  amp: {
    accepts: [],
    source:
      "runtime/config.py get_amp_enabled: param_dict[AMP][AMP_ENABLED] (AttributeError, KeyError 'enabled')",
    requires: "enabled",
  },
  torch_autocast: { accepts: [], since: "0.17.2", source: DICT_GET("get_torch_autocast_enabled") },
  activation_checkpointing: {
    accepts: [],
    source:
      "runtime/activation_checkpointing/config.py DeepSpeedActivationCheckpointingConfig: .get raises AttributeError",
  },
  flops_profiler: {
    accepts: [],
    source: "profiling/config.py DeepSpeedFlopsProfilerConfig: .get raises AttributeError",
  },
  aio: {
    accepts: ["null"],
    source:
      "runtime/swap_tensor/aio_config.py get_aio_config: a null aio is skipped, other values .get (AttributeError)",
  },
  checkpoint: { accepts: [], source: DICT_GET("get_checkpoint_params / get_checkpoint_tag_validation_mode") },
  data_types: { accepts: [], source: DICT_GET("get_data_types_params") },
  elasticity: {
    accepts: [],
    source: "elasticity/elasticity.py elasticity_enabled: .get raises AttributeError",
  },
  autotuning: {
    accepts: [],
    source: "autotuning/config.py DeepSpeedAutotuningConfig: .get raises AttributeError",
  },
  tensorboard: {
    accepts: [],
    source: "monitor/config.py get_monitor_config: pydantic 'Input should be a valid dictionary'",
  },
  wandb: {
    accepts: [],
    source: "monitor/config.py get_monitor_config: pydantic 'Input should be a valid dictionary'",
  },
  csv_monitor: {
    accepts: [],
    source: "monitor/config.py get_monitor_config: pydantic 'Input should be a valid dictionary'",
  },
  comet: {
    accepts: [],
    source: "monitor/config.py get_monitor_config: pydantic 'Input should be a valid dictionary'",
  },
  comms_logger: { accepts: [], source: MODEL("comm/config.py DeepSpeedCommsConfig") },
  hybrid_engine: { accepts: [], source: MODEL("runtime/config.py get_hybrid_engine_config") },
  tensor_parallel: {
    accepts: [],
    source: MODEL("runtime/tensor_parallel/config.py get_tensor_parallel_config"),
  },
  compile: {
    accepts: [],
    since: "0.16.6",
    source: MODEL("runtime/config.py _initialize_params CompileConfig"),
  },
  timers: {
    accepts: ["string", "list"],
    source:
      'utils/config.py get_timers_config: `"throughput" in value` (TypeError for true/false/null/numbers)',
  },
  nebula: { accepts: [], source: "nebula/config.py DeepSpeedNebulaConfig: .get raises AttributeError" },
  weight_quantization: {
    accepts: [],
    source: MODEL("runtime/config.py _initialize_params WeightQuantConfig"),
  },
  pipeline: {
    accepts: [],
    source: "runtime/config.py get_pipeline_config: value.items() raises AttributeError",
  },
  compression_training: {
    accepts: [],
    source: "compression/config.py get_compression_config: .keys() raises AttributeError",
  },
  data_efficiency: {
    accepts: [],
    source: "runtime/data_pipeline/config.py get_data_efficiency_config: .get raises AttributeError",
  },
  curriculum_learning: {
    accepts: [],
    source:
      'runtime/data_pipeline/config.py get_curriculum_enabled_legacy: value["enabled"] (AttributeError, KeyError)',
    requires: "enabled",
  },
  progressive_layer_drop: {
    accepts: [],
    source:
      "runtime/config.py get_pld_enabled: param_dict[PLD][PLD_ENABLED] (AttributeError, KeyError 'enabled')",
    requires: "enabled",
  },
  sparse_attention: {
    accepts: [],
    source: "runtime/config.py get_sparse_attention: .keys() raises AttributeError",
  },
  expert_parallel: {
    accepts: [...FALSY],
    since: "0.19.2",
    source:
      "runtime/config.py get_expert_parallel_config: a falsy value means defaults, any other non-mapping .get (AttributeError)",
  },
};

export function shapeOf(value: unknown): Shape | "mapping" {
  if (isPlainObject(value)) return "mapping";
  if (value === true) return "true";
  if (value === false) return "false";
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value === "string" ? "string" : "number";
}

/** Whether a falsy-accepting reader takes this value (0 and [] are falsy, 1 and [x] are not). */
function falsy(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}

export function checkSectionShapes(ctx: RuleContext): void {
  for (const [section, reader] of Object.entries(SECTION_READERS)) {
    if (!(section in ctx.config)) continue;
    if (reader.since && !atLeast(ctx.version, reader.since)) continue;
    const value = ctx.config[section];
    const shape = shapeOf(value);
    const current = [...(reader.changes ?? [])].reverse().find((c) => atLeast(ctx.version, c.from)) ?? reader;
    if (shape === "mapping") {
      if (reader.requires && !(reader.requires in (value as object))) {
        ctx.report(
          "error",
          "ds/section-shape",
          section,
          `"${section}" has no "${reader.requires}" key: DeepSpeed indexes it without a default and raises KeyError('${reader.requires}') (${current.source}).`,
        );
      }
      continue;
    }
    const accepted =
      current.accepts.includes(shape) && (reader !== SECTION_READERS.expert_parallel || falsy(value));
    if (accepted) continue;
    ctx.report(
      "error",
      "ds/section-shape",
      section,
      `"${section}" must be a mapping, got ${show(value)}: DeepSpeed ${ctx.versionText} fails at start-up (${current.source}).`,
    );
  }
}
