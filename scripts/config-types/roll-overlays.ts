// Hand-written additions for what the Python annotations cannot say. Keys: "<DefinitionName>.<field>" or
// "*.<field>" (every class with that field). The description is appended to the help text.
import type { Schema } from "./json-schema.js";

export const PROPERTY_OVERLAYS: Record<string, Partial<Schema>> = {
  "*.system_envs": {
    additionalProperties: { type: "string" },
    description: "Values must be strings: ROLL exports them with os.environ.update.",
  },
  "*.device_mapping": {
    description:
      "ROLL evaluates the string with Python eval(), e.g. 'list(range(0,8))'; a YAML list passes dacite but then fails in eval.",
  },
  "*.num_gpus_per_node": {
    description: "Overwritten by ROLL with the detected device count.",
  },
  "StrategyArguments.strategy_name": {
    description: "Backend of this worker; it also selects the shape of strategy_config.",
  },
  "StrategyArguments.strategy_config": {
    description:
      "Backend options, typed by strategy_name: a DeepSpeed config for deepspeed_* strategies, known keys for Megatron, vLLM, SGLang and FSDP2. null becomes {}.",
  },
};
