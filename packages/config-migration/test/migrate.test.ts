// migrateFile on small configs that exercise each row of the mapping and each way of writing the YAML.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MigrationError, type MigrationResult, migrateFile } from "../src/index.js";
import { hunks, scratchDir } from "./helpers.js";

const root = scratchDir();
mkdirSync(join(root, "examples/exp"), { recursive: true });
let counter = 0;

/** Writes `text` as examples/exp/<n>.yaml (next to ROLL's presets in examples/config/) and migrates it. */
function migrate(text: string): MigrationResult {
  const path = join(root, "examples/exp", `c${counter++}.yaml`);
  writeFileSync(path, text);
  return migrateFile(path, { to: "0.3" });
}

const worker = (name: string, strategy: string, config: string, mapping = "list(range(0,8))") =>
  `${name}:\n  strategy_args:\n    strategy_name: ${strategy}\n    strategy_config: ${config}\n  device_mapping: ${mapping}\n`;

const withDefaults = (...presets: string[]) =>
  `defaults:\n${presets.map((p) => `  - ../config/${p}@_here_\n`).join("")}\n`;

describe("strategies and settings (mapping rows train, infer-sharded, infer-unsharded)", () => {
  it("ZeRO-3 + CPU offload: fsdp2_train with offload_policy true, and a note that FSDP2 offloads more", () => {
    const r = migrate(
      withDefaults("deepspeed_zero3_cpuoffload") +
        worker("actor_train", "deepspeed_train", "${deepspeed_zero3_cpuoffload}"),
    );
    expect(r.migrated).toBe(
      "actor_train:\n  strategy_args:\n    strategy_name: fsdp2_train\n    strategy_config:\n      fsdp_size: 8\n" +
        "      param_dtype: bf16\n      reduce_dtype: float32\n      reshard_after_forward: true\n      offload_policy: true\n" +
        "  device_mapping: list(range(0,8))\n",
    );
    expect(r.findings.map((f) => f.code)).toContain("migrate/offload-widens");
  });

  it("ZeRO-2 + CPU offload: parameters stay gathered; the offload_param block (ignored below stage 3) is inert", () => {
    const r = migrate(
      withDefaults("deepspeed_zero2_cpuoffload") +
        worker("actor_train", "deepspeed_train", "${deepspeed_zero2_cpuoffload}"),
    );
    expect(r.workers[0]!.settings).toEqual({
      fsdp_size: 8,
      param_dtype: "bf16",
      reduce_dtype: "float32",
      reshard_after_forward: false,
      offload_policy: true,
    });
    const note = r.findings.find((f) => f.code === "migrate/dropped")!.message;
    expect(note).toMatch(/as they had no effect: [^;]*zero_optimization\.offload_param\.device/);
    expect(r.findings.filter((f) => f.severity === "warning")).toEqual([]);
  });

  it("deepspeed_infer below ZeRO-3 shards nothing: hf_infer with strategy_config ~, and a warning", () => {
    const r = migrate(
      withDefaults("deepspeed_zero2") + worker("reference", "deepspeed_infer", "${deepspeed_zero2}"),
    );
    expect(r.migrated).toBe(
      "reference:\n  strategy_args:\n    strategy_name: hf_infer\n    strategy_config: ~\n  device_mapping: list(range(0,8))\n",
    );
    expect(r.findings.find((f) => f.code === "migrate/unsharded-infer")).toMatchObject({
      severity: "warning",
      line: 7,
    });
  });

  it("precision: fp16 -> param_dtype fp16, neither -> fp32 (FSDP2's own default would be bf16)", () => {
    const fp16 = migrate(
      worker(
        "actor_train",
        "deepspeed_train",
        "{zero_optimization: {stage: 3}, fp16: {enabled: true, loss_scale: 0}}",
      ),
    );
    expect(fp16.workers[0]!.settings).toMatchObject({ param_dtype: "fp16" });
    // loss_scale 0 is dynamic scaling, which ROLL 0.3 does with ShardedGradScaler: no warning.
    expect(fp16.findings.filter((f) => f.severity === "warning")).toEqual([]);
    const fp32 = migrate(worker("actor_train", "deepspeed_train", "{zero_optimization: {stage: 2}}"));
    expect(fp32.workers[0]!.settings).toMatchObject({ param_dtype: "fp32", reshard_after_forward: false });
  });

  it("fsdp_size is the worker's world size: len(device_mapping) / num_gpus_per_worker", () => {
    const r = migrate(
      `${worker("actor_train", "deepspeed_train", "{zero_optimization: {stage: 3}}", "list(range(0,16))")}  num_gpus_per_worker: 2\n`,
    );
    expect(r.workers[0]!.settings).toMatchObject({ fsdp_size: 8 });
  });

  it("ZeRO-0 training, which ROLL 0.2 refused, is migrated with a warning", () => {
    const r = migrate(
      withDefaults("deepspeed_zero") + worker("actor_train", "deepspeed_train", "${deepspeed_zero}"),
    );
    expect(r.workers[0]!.settings).toMatchObject({ reshard_after_forward: false });
    expect(r.findings.find((f) => f.code === "migrate/zero0-train")?.severity).toBe("warning");
    // checkpoint.tag_validation IGNORE: FSDP2's checkpoints have no tags; not a warning.
    expect(r.findings.filter((f) => f.code === "migrate/no-counterpart")).toEqual([]);
  });
});

describe("what cannot be mapped is a warning naming the line", () => {
  it("an inline DeepSpeed config with ZeRO++ and logging keys: one warning per key, at its own line", () => {
    const text = [
      "actor_train:",
      "  strategy_args:",
      "    strategy_name: deepspeed_train",
      "    strategy_config:",
      "      steps_per_print: 10",
      "      zero_optimization:",
      "        stage: 3",
      "        zero_quantized_weights: true",
      "        offload_param:",
      "          device: nvme",
      "          nvme_path: /local_nvme",
      "  device_mapping: list(range(0,8))",
      "",
    ].join("\n");
    const r = migrate(text);
    const warnings = r.findings.filter((f) => f.code === "migrate/no-counterpart");
    expect(warnings.map((w) => [w.line, w.message.split(":").slice(1, 2).join("").trim()])).toEqual([
      [5, "steps_per_print"],
      [8, "zero_optimization.zero_quantized_weights"],
      [10, "zero_optimization.offload_param.device"],
      [11, "zero_optimization.offload_param.nvme_path"],
    ]);
    expect(warnings.every((w) => w.file === r.file)).toBe(true);
    // The inline DeepSpeed mapping is replaced; NVMe offload becomes FSDP2's CPU offload.
    expect(r.migrated).toBe(
      "actor_train:\n  strategy_args:\n    strategy_name: fsdp2_train\n    strategy_config:\n      fsdp_size: 8\n" +
        "      param_dtype: fp32\n      reduce_dtype: float32\n      reshard_after_forward: true\n      offload_policy: true\n" +
        "  device_mapping: list(range(0,8))\n",
    );
  });

  it("diffusion_deepspeed_train has no counterpart: a warning, and the file is left as is", () => {
    const text = worker("actor_train", "diffusion_deepspeed_train", "{zero_optimization: {stage: 2}}");
    const r = migrate(text);
    expect(r.migrated).toBe(text);
    expect(r.findings).toMatchObject([{ severity: "warning", code: "migrate/no-counterpart", line: 3 }]);
  });

  it("a strategy set in another file is named, not migrated", () => {
    writeFileSync(
      join(root, "examples/config/shared_actor.yaml"),
      worker("actor_train", "deepspeed_train", "{zero_optimization: {stage: 2}}"),
    );
    const r = migrate("defaults:\n  - ../config/shared_actor@_here_\n\nseed: 1\n");
    expect(r.migrated).toBe(r.original);
    expect(r.findings).toMatchObject([{ code: "migrate/written-elsewhere", line: 3 }]);
    expect(r.findings[0]!.file).toMatch(/shared_actor\.yaml$/);
  });
});

describe("everything else stays byte for byte", () => {
  it("keeps quoting, comments on the changed lines, key order and blank lines", () => {
    const text = [
      "# experiment header",
      "defaults:",
      "  - ../config/deepspeed_zero3@_here_  # the actor's preset",
      "",
      "exp_name: 'x'   # quoted",
      "actor_train:",
      "  strategy_args:",
      '    strategy_name: "deepspeed_train"  # was DeepSpeed',
      "    strategy_config: ${deepspeed_zero3}   # ZeRO-3",
      "",
      "  device_mapping: list(range(0,4))",
      "",
    ].join("\n");
    const r = migrate(text);
    expect(r.migrated).toBe(
      [
        "# experiment header",
        "", // a blank line after a removed block goes only when the block was at the top of the file
        "exp_name: 'x'   # quoted",
        "actor_train:",
        "  strategy_args:",
        '    strategy_name: "fsdp2_train"  # was DeepSpeed',
        "    strategy_config:   # ZeRO-3",
        "      fsdp_size: 4",
        "      param_dtype: bf16",
        "      reduce_dtype: float32",
        "      reshard_after_forward: true",
        "      offload_policy: false",
        "",
        "  device_mapping: list(range(0,4))",
        "",
      ].join("\n"),
    );
  });

  it("keeps the other defaults entries, and the list's own layout", () => {
    writeFileSync(join(root, "examples/config/envs_x.yaml"), "envs_x:\n  a: 1\n");
    const text = `defaults:\n  - ../config/envs_x@_here_\n  - ../config/deepspeed_zero3@_here_\n\n${worker("actor_train", "megatron_train", "{}")}`;
    const r = migrate(text);
    expect(hunks(r.original, r.migrated)).toEqual([
      { removed: ["  - ../config/deepspeed_zero3@_here_"], added: [] },
    ]);
  });

  it("keeps a DeepSpeed defaults entry whose preset the file still interpolates, with a warning", () => {
    const text = `${withDefaults("deepspeed_zero2")}${worker("actor_train", "megatron_train", "{}")}note: \${deepspeed_zero2.bf16.enabled}\n`;
    const r = migrate(text);
    expect(r.migrated).toBe(r.original);
    expect(r.findings).toMatchObject([{ severity: "warning", code: "migrate/defaults-kept", line: 2 }]);
  });

  it("writes CRLF line endings into a CRLF file", () => {
    const r = migrate(
      worker("actor_train", "deepspeed_train", "{zero_optimization: {stage: 3}}").replaceAll("\n", "\r\n"),
    );
    expect(r.migrated.split("\r\n").length - 1).toBe(r.migrated.split("\n").length - 1);
    expect(r.migrated).toContain("    strategy_config:\r\n      fsdp_size: 8\r\n");
  });

  it("leaves a config without DeepSpeed exactly as it was", () => {
    const text = "# megatron\nactor_train:\n  strategy_args:\n    strategy_name: megatron_train\n";
    const r = migrate(text);
    expect(r.migrated).toBe(text);
    expect(r.workers).toEqual([]);
  });

  it("reports a file that is not YAML with its line and column", () => {
    const path = join(root, "examples/exp/broken.yaml");
    writeFileSync(path, "a: [1, 2\nb: 3\n");
    expect(() => migrateFile(path, { to: "0.3" })).toThrow(MigrationError);
    try {
      migrateFile(path, { to: "0.3" });
    } catch (error) {
      expect((error as MigrationError).format()).toMatch(/broken\.yaml:\d+:\d+: /);
    }
    expect(readFileSync(path, "utf8")).toBe("a: [1, 2\nb: 3\n");
  });
});

describe("originalLine", () => {
  it("maps lines of the migrated text back to the original, inserted lines to the edit's line", () => {
    const r = migrate(
      `${withDefaults("deepspeed_zero3")}seed: 1\n${worker("actor_train", "deepspeed_train", "${deepspeed_zero3}")}`,
    );
    const migrated = r.migrated.split("\n");
    const original = r.original.split("\n");
    const back = (text: string) => original[r.originalLine(migrated.indexOf(text) + 1) - 1];
    expect(back("seed: 1")).toBe("seed: 1");
    expect(back("    strategy_name: fsdp2_train")).toBe("    strategy_name: deepspeed_train");
    expect(back("      param_dtype: bf16")).toBe("    strategy_config: ${deepspeed_zero3}");
    expect(back("  device_mapping: list(range(0,8))")).toBe("  device_mapping: list(range(0,8))");
  });
});
