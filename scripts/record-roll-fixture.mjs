#!/usr/bin/env node
// Records packages/test-fixtures/checkouts/roll-v0.2.1/: a ROLL 0.2-shaped checkout (a few DeepSpeed example configs and the
// presets they include) copied byte for byte from the alibaba/ROLL mirror at tag v0.2.1, with SOURCE.md; and
// packages/test-fixtures/checkouts/roll-v0.3.0-counterparts/: ROLL's own v0.3.0 versions of those configs (ROLL moved its
// examples from DeepSpeed to FSDP2 in that release), the reference `migrate --to 0.3` is compared with.
// Usage: node scripts/record-roll-fixture.mjs [--git-dir /work/.mirror/alibaba+ROLL/repo]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const TAG = "v0.2.1";
const FILES = [
  "examples/config/deepspeed_zero.yaml",
  "examples/config/deepspeed_zero2.yaml",
  "examples/config/deepspeed_zero2_cpuoffload.yaml",
  "examples/config/deepspeed_zero3.yaml",
  "examples/config/deepspeed_zero3_cpuoffload.yaml",
  "examples/config/envs.yaml",
  "examples/config/traj_envs.yaml",
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_zero3.yaml",
  "examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml",
  "examples/qwen2.5-1.5B-distill_ds/distill_zero3.yaml",
  "examples/qwen2.5-7B-agentic_megatron/agentic_val_webshop_amd.yaml",
  "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
];

// v0.2.1 path -> its v0.3.0 counterpart (git rename detection, `git diff -M v0.2.1 v0.3.0 -- examples/`).
const COUNTERPARTS = {
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml":
    "examples/qwen2.5-7B-rlvr_megatron/rlvr_fsdp2_sp2.yaml",
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_zero3.yaml":
    "examples/qwen2.5-7B-rlvr_megatron/rlvr_lora_fsdp2.yaml",
  "examples/qwen2.5-vl-7B-distill/distill_vl_zero3.yaml":
    "examples/qwen2.5-vl-7B-distill/distill_vl_fsdp2.yaml",
  "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml":
    "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
};

const args = process.argv.slice(2);
const gitDir = args[0] === "--git-dir" ? args[1] : "/work/.mirror/alibaba+ROLL/repo";
const root = fileURLToPath(new URL("../packages/test-fixtures/checkouts/roll-v0.2.1/", import.meta.url));
const git = (...a) => execFileSync("git", [`--git-dir=${gitDir}`, ...a], { maxBuffer: 1 << 26 });

const commit = git("rev-parse", `${TAG}^{commit}`).toString().trim();
const commit03 = git("rev-parse", "v0.3.0^{commit}").toString().trim();
const counterparts = fileURLToPath(
  new URL("../packages/test-fixtures/checkouts/roll-v0.3.0-counterparts/", import.meta.url),
);
rmSync(counterparts, { recursive: true, force: true });
const counterpartRows = [];
for (const [from, to] of Object.entries(COUNTERPARTS)) {
  const bytes = git("show", `${commit03}:${to}`);
  mkdirSync(dirname(join(counterparts, to)), { recursive: true });
  writeFileSync(join(counterparts, to), bytes);
  counterpartRows.push(
    `| \`${to}\` | \`${from}\` | \`${createHash("sha256").update(bytes).digest("hex")}\` |`,
  );
}
rmSync(root, { recursive: true, force: true });
const rows = [];
for (const path of FILES) {
  const bytes = git("show", `${commit}:${path}`);
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
  rows.push(`| \`${path}\` | \`${createHash("sha256").update(bytes).digest("hex")}\` |`);
}
const license = git("show", `${commit}:LICENSE`)
  .toString()
  .split("\n")
  .slice(0, 3)
  .join(" ")
  .replace(/\s+/g, " ")
  .trim();
writeFileSync(
  join(root, "SOURCE.md"),
  `# ROLL ${TAG} fixture checkout

Byte-for-byte copies of files of [alibaba/ROLL](https://github.com/alibaba/ROLL) at tag \`${TAG}\`
(commit \`${commit}\`), licensed under the Apache License 2.0 (${license}). Recorded by
\`node scripts/record-roll-fixture.mjs\` from a mirror of the repository; do not edit: re-record instead.

It is shaped like a ROLL 0.2 checkout (\`examples/<experiment>/<config>.yaml\`, presets in \`examples/config/\`)
and holds ROLL's five DeepSpeed presets untouched, so tests can adopt them (\`presets check\`, \`presets sync\`)
and migrate every DeepSpeed config (\`migrate --to 0.3\`).

| file | sha256 |
|---|---|
${rows.join("\n")}
`,
);
writeFileSync(
  join(counterparts, "SOURCE.md"),
  `# ROLL v0.3.0 counterparts of the v0.2.1 fixture configs

Byte-for-byte copies of files of [alibaba/ROLL](https://github.com/alibaba/ROLL) at tag \`v0.3.0\`
(commit \`${commit03}\`), Apache License 2.0, recorded by \`node scripts/record-roll-fixture.mjs\`. Each is
ROLL's own ROLL 0.3 version of a config in \`../roll-v0.2.1/\` (found by git rename detection between the
tags): the reference output \`roll-config migrate --to 0.3\` is compared with.

| v0.3.0 file | v0.2.1 file | sha256 |
|---|---|---|
${counterpartRows.join("\n")}
`,
);
console.log(`recorded ${FILES.length} files from ${commit} into ${root}`);
