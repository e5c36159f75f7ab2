// roll-config deepspeed upgrade-check and the DeepSpeed-version / consumer flags of deepspeed validate.
// Expected values: DeepSpeed's recorded verdicts (packages/deepspeed/test/fixtures/deepspeed-verdicts, written by
// scripts/deepspeed-verdicts/record.py) and the default changes of DeepSpeed's history (commits 442166559,
// 7dfa67aea).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RECORDED_DEEPSPEED_VERSIONS } from "@roll/deepspeed";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";

const dir = mkdtempSync(join(tmpdir(), "ds-upgrade-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface RecordedCase {
  id: string;
  config: string;
  world_size?: number;
  verdicts: { tags: string[]; valid: boolean }[];
}
const recorded = JSON.parse(
  readFileSync(
    new URL("../../deepspeed/test/fixtures/deepspeed-verdicts/verdicts.json", import.meta.url),
    "utf8",
  ),
) as { deepspeed: Record<string, unknown>; cases: RecordedCase[] };

describe("deepspeed validate through the CLI agrees with DeepSpeed's recorded verdicts", () => {
  // A handful across sections; the package test covers all of them through the API.
  const ids = [
    "shapes/fp16=null",
    "bf16/master-weights-stage0",
    "data_types/grad_accum_dtype='fp16'-none-stage0",
    "zenflow/select_interval=10",
    "scheduler/WarmupLR-2",
    "zero_sizes/stage3_max_live_parameters=maxsize+1-stage3",
    "zero_sizes/reduce_bucket_size=big-float-stage1",
    "leaf_module/null-stage3",
    "checkpoint/parallel_write.pipeline_stage='true'",
    "optimizer/type='Muon'-stage2",
  ];
  it.each(ids)("%s: exit 0 exactly where DeepSpeed accepts, at every recorded tag", async (id) => {
    const c = recorded.cases.find((x) => x.id === id) as RecordedCase;
    const path = file(`${id.replace(/[^a-z0-9]+/gi, "_")}.json`, c.config);
    for (const verdict of c.verdicts) {
      for (const tag of verdict.tags) {
        const r = await run([
          "deepspeed",
          "validate",
          path,
          "--deepspeed-version",
          tag,
          "--world-size",
          String(c.world_size ?? 1),
        ]);
        expect(r.code, `${id} @ ${tag}: ${r.stdout}${r.stderr}`).toBe(verdict.valid ? 0 : 1);
      }
    }
  });

  it("reads JSON as DeepSpeed does: 5e8 is a float, 9223372036854775808 an exact integer", async () => {
    const path = file(
      "exact.json",
      '{"train_batch_size": 8, "zero_optimization": {"stage": 3, "reduce_bucket_size": 5e8, "stage3_max_live_parameters": 9223372036854775808, "stage3_gather_16bit_weights_on_model_save": true}}',
    );
    const r = await run(["deepspeed", "validate", path, "--format", "json"]);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });

  it("accepts every recorded version (with or without v, and master for main) and refuses a malformed one", async () => {
    const path = file("small.json", '{"train_batch_size": 8}');
    for (const version of [...RECORDED_DEEPSPEED_VERSIONS, "v0.19.5", "master"]) {
      expect((await run(["deepspeed", "validate", path, "--deepspeed-version", version])).code, version).toBe(
        0,
      );
    }
    const bad = await run(["deepspeed", "validate", path, "--deepspeed-version", "latest"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--deepspeed-version must look like 0.16.4 or main");
  });

  it("--consumer: 'auto' is an error only where that consumer leaves it", async () => {
    const path = file(
      "auto.json",
      JSON.stringify({
        train_micro_batch_size_per_gpu: "auto",
        train_batch_size: "auto",
        gradient_accumulation_steps: "auto",
        gradient_clipping: "auto",
        zero_optimization: { stage: 2, reduce_bucket_size: "auto" },
      }),
    );
    const codes = async (consumer: string) => {
      const r = await run(["deepspeed", "validate", path, "--consumer", consumer, "--format", "json"]);
      const diagnostics = JSON.parse(r.stdout).diagnostics as {
        severity: string;
        code: string;
        path: string;
      }[];
      return { code: r.code, errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.path) };
    };
    expect(await codes("deepspeed")).toEqual({
      code: 1,
      errors: [
        "train_micro_batch_size_per_gpu",
        "train_batch_size",
        "gradient_accumulation_steps",
        "gradient_clipping",
      ],
    });
    // ROLL 0.2 writes micro/train batch and clipping, not gradient_accumulation_steps.
    expect(await codes("roll-0.2")).toEqual({ code: 1, errors: ["gradient_accumulation_steps"] });
    expect(await codes("hf-trainer")).toEqual({ code: 0, errors: [] });
    expect(await codes("accelerate")).toEqual({ code: 0, errors: [] });
    expect((await run(["deepspeed", "validate", path, "--consumer", "ray"])).code).toBe(2);
  });
});

describe("deepspeed upgrade-check", () => {
  const offload = file(
    "offload.yaml",
    [
      "train_batch_size: 8",
      "bf16:",
      "  enabled: true",
      "zero_optimization:",
      "  stage: 3",
      "  offload_param:",
      "    device: cpu",
      "scheduler:",
      "  type: WarmupLR",
      "  params:",
      "    warmup_num_steps: 10.5",
      "",
    ].join("\n"),
  );

  it("lists the defaults that change and the key that stops being valid, each with its DeepSpeed source; exit 1", async () => {
    const r = await run([
      "deepspeed",
      "upgrade-check",
      offload,
      "--from",
      "0.16.4",
      "--to",
      "0.19.5",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as {
      configs: { validBefore: boolean; validAfter: boolean }[];
      changes: {
        kind: string;
        path: string;
        changedIn: string;
        source: Record<string, string>;
        line?: number;
      }[];
    };
    expect(out.configs).toEqual([{ prefix: "", validBefore: true, validAfter: false }]);
    const byPath = Object.fromEntries(out.changes.map((c) => [c.path, c]));
    expect(byPath["scheduler.params.warmup_num_steps"]).toMatchObject({
      kind: "stops-valid",
      changedIn: "0.19.3",
      line: 11,
    });
    expect(byPath.gradient_clipping).toMatchObject({
      kind: "default",
      changedIn: "0.19.3",
      source: { tag: "v0.19.3", commit: "442166559", file: "deepspeed/runtime/constants.py" },
    });
    expect(byPath["zero_optimization.offload_param.pin_memory"]).toMatchObject({
      kind: "default",
      changedIn: "0.19.5",
      source: { commit: "7dfa67aea", file: "deepspeed/runtime/zero/offload_config.py" },
      line: 6,
    });
    expect(byPath["bf16.check_grad_overflow"]).toMatchObject({ kind: "default", changedIn: "0.19.3" });
  });

  it("text output names file:line:col and the release; no change in validity exits 0", async () => {
    const r = await run(["deepspeed", "upgrade-check", offload, "--from", "0.19.3", "--to", "0.19.5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${offload}:6:3: default zero_optimization.offload_param.pin_memory`);
    expect(r.stdout).toContain(
      "[DeepSpeed 0.19.5: v0.19.5 7dfa67aea deepspeed/runtime/zero/offload_config.py]",
    );
    expect(r.stdout).toMatch(/DeepSpeed 0\.19\.3 -> 0\.19\.5: 1 change\(s\), no new errors\n$/);
  });

  it("a ROLL config: each DeepSpeed strategy_config, with ROLL's own fill-ins (gradient_clipping is ROLL's)", async () => {
    const cwd = new URL("../../../", import.meta.url).pathname;
    const r = await run(
      [
        "deepspeed",
        "upgrade-check",
        "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
        "--from",
        "0.16.4",
        "--to",
        "0.19.5",
        "--format",
        "json",
      ],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      configs: { prefix: string }[];
      changes: { path: string; file: string }[];
    };
    expect(out.configs.map((c) => c.prefix)).toContain("actor_train.strategy_args.strategy_config");
    expect(out.changes.map((c) => c.path)).toContain(
      "actor_train.strategy_args.strategy_config.bf16.check_grad_overflow",
    );
    expect(out.changes.some((c) => c.path.endsWith("gradient_clipping"))).toBe(false);
    expect(out.changes[0]?.file).toMatch(/examples\/config\/deepspeed_zero3\.yaml$/);
  });

  it("usage errors exit 2", async () => {
    expect((await run(["deepspeed", "upgrade-check", offload, "--from", "0.16.4"])).code).toBe(2);
    expect((await run(["deepspeed", "upgrade-check", offload, "--from", "x", "--to", "0.19.5"])).code).toBe(
      2,
    );
    expect((await run(["deepspeed", "upgrade-check", "--from", "0.16.4", "--to", "0.19.5"])).code).toBe(2);
  });
});

describe("presets show --fill-auto --consumer", () => {
  const show = (...extra: string[]) =>
    run(["presets", "show", "deepspeed_zero3", "--format", "deepspeed", "--fill-auto", ...extra]);

  it("roll-0.2 fills the micro batch and lets DeepSpeed drop the ZeRO-3 bucket 'auto's", async () => {
    const r = await show("--consumer", "roll-0.2", "--micro-batch", "2");
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(r.stdout) as {
      train_micro_batch_size_per_gpu: number;
      zero_optimization: object;
    };
    expect(config.train_micro_batch_size_per_gpu).toBe(2);
    expect(config.zero_optimization).not.toHaveProperty("reduce_bucket_size");
    expect(config.zero_optimization).not.toHaveProperty("stage3_prefetch_bucket_size");
  });

  it("hf-trainer fills the bucket keys from --hidden-size; plain DeepSpeed fills nothing (exit 1)", async () => {
    const hf = await show("--consumer", "hf-trainer", "--micro-batch", "2", "--hidden-size", "4096");
    expect(hf.code, hf.stderr).toBe(0);
    expect(JSON.parse(hf.stdout).zero_optimization).toMatchObject({ reduce_bucket_size: 16777216 });
    const ds = await show("--consumer", "deepspeed");
    expect(ds.code).toBe(1);
    expect(ds.stderr).toContain("train_micro_batch_size_per_gpu: deepspeed does not fill this key");
    expect((await run(["presets", "show", "deepspeed_zero3", "--consumer", "roll-0.2"])).code).toBe(2);
  });
});
