// Scratch ROLL-layout trees for the CLI: a ROLL checkout shaped as the release tags have it
// (@roll/test-fixtures ROLL_RELEASE_SHAPES) with configs copied from the ROLL conformance trees.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROLL_RELEASE_SHAPES, ROLL_TREES } from "@roll/test-fixtures";

const SHAPES = JSON.parse(readFileSync(ROLL_RELEASE_SHAPES, "utf8")) as Record<
  "0.2" | "0.3",
  { setupVersion: string; strategy: string[] }
>;

export function write(root: string, path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export function rollCheckout(root: string, release: "0.2" | "0.3"): string {
  write(root, "setup.py", `setup(name="roll", version="${SHAPES[release].setupVersion}")\n`);
  for (const name of SHAPES[release].strategy) write(root, `roll/distributed/strategy/${name}`, "");
  return root;
}

/** A ROLL 0.2 checkout with an RLVR, two agentic and an SFT config, the presets they use and a broken file. */
export function rollTree02(root: string): string {
  rollCheckout(root, "0.2");
  for (const dir of ["config", "qwen2.5-7B-rlvr_megatron", "qwen2.5-0.5B-agentic"]) {
    cpSync(join(ROLL_TREES, "v0.2/examples", dir), join(root, "examples", dir), { recursive: true });
  }
  write(
    root,
    "examples/qwen2.5-7B-sft_megatron/sft_config.yaml",
    [
      "exp_name: sft",
      "sequence_length: 2048",
      "pretrain: Qwen/Qwen2.5-7B",
      "prompt_key: instruction",
      "response_key: output",
      "sft_train:",
      "  model_args:",
      "    dtype: bf16",
      "  training_args:",
      "    per_device_train_batch_size: 2",
      "    gradient_accumulation_steps: 16",
      "  strategy_args:",
      "    strategy_name: megatron_train",
      "    strategy_config:",
      "      tensor_model_parallel_size: 2",
      "  device_mapping: list(range(0,8))",
      "",
    ].join("\n"),
  );
  // Line 3 opens a flow sequence that never closes: not YAML at all.
  write(root, "examples/broken/broken.yaml", "exp_name: broken\nactor_train:\n  device_mapping: [0, 1\n");
  return root;
}
