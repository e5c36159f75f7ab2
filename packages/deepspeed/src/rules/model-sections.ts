/**
 * Pydantic sections the catalogue lists without fields: compile (compile/config.py CompileConfig, fields by
 * release) and weight_quantization (inference/config.py WeightQuantConfig). Unknown keys raise
 * "Extra inputs are not permitted"; fields are type-checked with pydantic's lax coercion.
 */
import type { RuleContext } from "../context.js";
import { didYouMean, isAuto, isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";
import { checkType } from "./field-values.js";

interface ModelSection {
  since: string;
  source: string;
  /** field -> [type, release that added it] */
  fields: Record<string, [string, string]>;
}

const COMPILE_BOOLS_0166 = [
  "deepcompile",
  "free_activation",
  "offload_activation",
  "offload_opt_states",
  "double_buffer",
  "symmetric_memory",
  "debug_log",
  "offload_parameters",
  "sync_before_reduce",
  "sync_after_reduce",
  "sync_before_allgather",
  "sync_after_allgather",
];

export const MODEL_SECTIONS: Record<string, ModelSection> = {
  compile: {
    since: "0.16.6",
    source: "compile/config.py CompileConfig",
    fields: {
      ...Object.fromEntries(COMPILE_BOOLS_0166.map((name) => [name, ["boolean", "0.16.6"]])),
      keep_int_input_tensors: ["boolean", "0.17.2"],
      keep_all_input_tensors: ["boolean", "0.17.2"],
      free_activation_threshold: ["integer", "0.18.0"],
      passes: ["array<string>|null", "0.18.9"],
      offload_activation_pin_memory: ["boolean", "0.19.6"],
    },
  },
  weight_quantization: {
    since: "0.10.0",
    source: "inference/config.py WeightQuantConfig",
    fields: {
      enabled: ["boolean", "0.10.0"],
      num_bits: ["integer", "0.10.0"],
      q_type: ["string", "0.10.0"],
      q_groups: ["integer", "0.10.0"],
      quantized_initialization: ["object", "0.10.0"],
      post_init_quant: ["object", "0.10.0"],
    },
  },
};

export function checkModelSections(ctx: RuleContext): void {
  for (const [section, model] of Object.entries(MODEL_SECTIONS)) {
    const block = ctx.config[section];
    if (!isPlainObject(block) || !atLeast(ctx.version, model.since)) continue;
    const known = Object.entries(model.fields)
      .filter(([, [, since]]) => atLeast(ctx.version, since))
      .map(([name]) => name);
    for (const [key, value] of Object.entries(block)) {
      const path = `${section}.${key}`;
      const field = model.fields[key];
      if (!field || !atLeast(ctx.version, field[1])) {
        const tooNew = field ? ` It needs DeepSpeed >= ${field[1]}.` : didYouMean(key, known);
        ctx.report(
          "error",
          field ? "ds/field-too-new" : "ds/unknown-key",
          path,
          `Unknown key "${key}" in ${section} for DeepSpeed ${ctx.versionText}: ${model.source} raises "Extra inputs are not permitted".${tooNew}`,
          [section, key],
        );
        continue;
      }
      if (isAuto(value)) continue; // dropped by DeepSpeedConfigModel
      const verdict = checkType(field[0], value, true);
      if (verdict !== "ok" && verdict !== "lax") {
        ctx.report(
          "error",
          "ds/type",
          path,
          `${path} must be ${field[0]}, got ${show(value)}: ${model.source} raises ValidationError.`,
        );
      }
    }
  }
}
