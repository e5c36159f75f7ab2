// The ROLL conformance cases (@roll/test-fixtures' conformance/roll): each primary config with its
// expected resolved JSON (the input ROLL hands to dacite), its composed YAML and the presets it needs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { parse } from "yaml";
import type { RollPipeline } from "../../src/index.js";

const rollPath = (relative: string) => join(ROLL_TREES, relative);
const readJson = (relative: string): unknown => JSON.parse(readFileSync(rollPath(relative), "utf8"));

/** The pipeline of each primary config: the "what it exercises" column of conformance/roll/README.md. */
export const PIPELINE_OF: Record<string, RollPipeline> = {
  "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml": "rlvr",
  "v0.2/examples/ascend_examples/qwen3_8b_rlvr_deepspeed.yaml": "rlvr",
  "v0.2/examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml": "agentic",
  "v0.2/examples/wan2.2-14B-reward_fl_ds/reward_fl_config.yaml": "reward_fl",
  "v0.2/examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml": "distill",
  "v0.2/examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml": "agentic",
  "v0.2/examples/qwen2.5-0.5B-agentic/agentic_val_sokoban_gigpo.yaml": "agentic",
  "v0.2/examples/agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml": "agentic",
  "v0.2/examples/dpo_examples/qwen2.5-3B_dpo_megatron.yaml": "dpo",
  "v0.3/examples/qwen2.5-7B-rlvr_megatron/rlvr_config.yaml": "rlvr",
  "v0.3/examples/qwen2.5-7B-rlvr_megatron/rlvr_fsdp2_sp2.yaml": "rlvr",
  "v0.3/examples/qwen3-30BA3B-sft_fsdp2/sft_config.yaml": "sft",
  "v0.3/examples/qwen3-30BA3B-agentic_fsdp2/agentic_val_sokoban_30a3.yaml": "agentic",
  "v0.3/examples/qwen3_agentic_gem/gem_math_dapo.yaml": "agentic",
  "v0.3/examples/qwen3_agentic_gem/gem_math_hotpotqa_search.yaml": "agentic",
  "v0.3/examples/agentic_demo/openreward_endless_terminals_reinforce_qwen35_2b.yaml": "agentic",
  // Fails composition (a deleted preset), so only its as-written form is checked.
  "v0.3/examples/agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml": "agentic",
};
export interface ConformanceCase {
  tree: "v0.2" | "v0.3";
  file: string;
  status: "ok" | "compose_error";
  needs: string[];
  primaryPath: string;
  resolved?: Record<string, unknown>;
  composed?: Record<string, unknown>;
}

interface IndexEntry {
  file: string;
  status: "ok" | "compose_error";
  needs: string[];
}

export function conformanceCases(): ConformanceCase[] {
  return (["v0.2", "v0.3"] as const).flatMap((tree) => {
    const index = readJson(`${tree}/expected/INDEX.json`) as { results: IndexEntry[] };
    return index.results.map((entry) => {
      const expected = `${tree}/expected/${entry.file}`;
      const ok = entry.status === "ok";
      return {
        tree,
        file: entry.file,
        status: entry.status,
        needs: entry.needs.filter((n) => !n.includes("(missing upstream)")),
        primaryPath: rollPath(`${tree}/${entry.file}`),
        resolved: ok ? (readJson(`${expected}.resolved.json`) as Record<string, unknown>) : undefined,
        composed: ok
          ? (parse(readFileSync(rollPath(`${expected}.composed.yaml`), "utf8")) as Record<string, unknown>)
          : undefined,
      };
    });
  });
}

/** Top-level keys of the presets a case includes. */
export function presetKeys(c: ConformanceCase): string[] {
  return c.needs.flatMap((need) => {
    const text = readFileSync(rollPath(`${c.tree}/${need.replace(/ .*$/, "")}`), "utf8");
    return Object.keys((parse(text) as Record<string, unknown> | null) ?? {});
  });
}
