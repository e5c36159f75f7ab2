// ROLL's releases and pipelines as the schemas know them: each pipeline's root dataclass is a definition of
// roll-0.X.schema.json.
export type RollRelease = "0.2" | "0.3";
export type RollPipeline = "rlvr" | "agentic" | "sft" | "dpo" | "distill" | "reward_fl";

export const PIPELINE_DEFINITIONS: Record<RollPipeline, string> = {
  rlvr: "RLVRConfig",
  agentic: "AgenticConfig",
  sft: "SFTConfig",
  dpo: "DPOConfig",
  distill: "DistillConfig",
  reward_fl: "RewardFLConfig",
};
