// migrate --to 0.3 on ROLL v0.2.1's own DeepSpeed examples, compared with the versions ROLL itself wrote for
// v0.3.0 (recorded in @roll/test-fixtures, checkouts/roll-v0.3.0-counterparts/): the only differences allowed are the ones
// listed here, each either a documented choice of the mapping or an unrelated edit ROLL made at the same time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateFile } from "../src/index.js";
import { type Hunk, hunks, ROLL_021, ROLL_030 } from "./helpers.js";

interface Case {
  from: string;
  to: string;
  /** Our output (removed) vs ROLL's (added), in file order. */
  divergences: Hunk[];
}

const CASES: Case[] = [
  {
    from: "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
    to: "examples/qwen2.5-7B-rlvr_megatron/rlvr_fsdp2_sp2.yaml",
    divergences: [
      // fsdp_size: the worker's world size keeps ZeRO's full sharding; ROLL chose 4-way HSDP on 8 GPUs.
      { removed: ["      fsdp_size: 8"], added: ["      fsdp_size: 4"] },
      { removed: ["      fsdp_size: 8"], added: ["      fsdp_size: 4"] },
      // The reference's ZeRO-3 preset offloaded nothing; ROLL chose to offload its FSDP2 reference.
      { removed: ["      offload_policy: false"], added: ["      offload_policy: true"] },
    ],
  },
  {
    from: "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_zero3.yaml",
    to: "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_fsdp2.yaml",
    divergences: [
      // Unrelated edits in the same ROLL commit: model paths and a comment's wording.
      {
        removed: [
          "pretrain: /data/cpfs_0/common/models/Qwen2.5-7B",
          "reward_pretrain: /data/cpfs_0/common/models/Qwen2.5-7B",
        ],
        added: ["pretrain: Qwen/Qwen2.5-7B", "reward_pretrain: Qwen/Qwen2.5-7B"],
      },
      {
        removed: [
          "    # Recomputed tensor size does not match for LoRA with Zero3 when activating checkpointing, See https://github.com/huggingface/transformers/issues/34928 for details",
        ],
        added: [
          "    # Recomputed tensor size does not match for LoRA with FSDP when activating checkpointing, See https://github.com/huggingface/transformers/issues/34928 for details",
        ],
      },
    ],
  },
  {
    from: "examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml",
    to: "examples/qwen2.5-vl-7B-distill/distill_vl_fsdp2.yaml",
    divergences: [
      // ROLL renamed the experiment and removed a blank line: content migrate leaves alone.
      { removed: ['exp_name: "distill_vl_zero3"'], added: ['exp_name: "distill_vl_fsdp2"'] },
      { removed: [""], added: [] },
      // The teacher's ZeRO-3 preset offloaded nothing; ROLL chose to offload the FSDP2 teacher.
      { removed: ["      offload_policy: false"], added: ["      offload_policy: true"] },
    ],
  },
  {
    from: "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
    to: "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
    divergences: [
      // A Megatron config: only its DeepSpeed defaults entries go. ROLL also deleted two commented-out
      // DeepSpeed lines; migrate never touches comments.
      {
        removed: ["#    strategy_name: deepspeed_train", "#    strategy_config: ${deepspeed_zero3}"],
        added: [],
      },
    ],
  },
];

describe("migrate --to 0.3 reproduces ROLL's own v0.2.1 -> v0.3.0 move of its examples", () => {
  it.each(CASES)("$from", ({ from, to, divergences }) => {
    const result = migrateFile(join(ROLL_021, from), { to: "0.3" });
    const theirs = readFileSync(join(ROLL_030, to), "utf8");
    expect(result.migrated).not.toBe(result.original);
    expect(hunks(result.migrated, theirs)).toEqual(divergences);
  });

  it("names what each worker became and which preset it used", () => {
    const result = migrateFile(join(ROLL_021, CASES[0]!.from), { to: "0.3" });
    expect(result.workers.map((w) => [w.path, w.from, w.to, w.preset])).toEqual([
      ["actor_train", "deepspeed_train", "fsdp2_train", "deepspeed_zero3"],
      ["reference", "deepspeed_infer", "fsdp2_infer", "deepspeed_zero3"],
    ]);
    expect(result.removedDefaults).toEqual([
      "../config/deepspeed_zero@_here_",
      "../config/deepspeed_zero2@_here_",
      "../config/deepspeed_zero3@_here_",
      "../config/deepspeed_zero3_cpuoffload@_here_",
    ]);
    // ROLL's zero3 preset has nothing FSDP2 cannot express: notes, no warnings.
    expect(result.findings.filter((f) => f.severity === "warning")).toEqual([]);
    const note = result.findings.find(
      (f) => f.code === "migrate/dropped" && f.message.startsWith("actor_train"),
    );
    expect(note?.line).toBe(136); // the strategy_config line in the file
    expect(note?.message).toContain("zero_optimization.stage3_prefetch_bucket_size");
  });
});
