// The ROLL releases the schemas cover and the definition at the root of each pipeline's config (the
// dataclass ROLL's entry script for that pipeline builds).

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
