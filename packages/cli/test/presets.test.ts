import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROLL_PRESETS_DIR } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

// ROLL's five presets, byte-exact from alibaba/ROLL@e98e9f89:examples/config/ (reference/roll/presets).
const ROLL_PRESETS = [
  "deepspeed_zero",
  "deepspeed_zero2",
  "deepspeed_zero2_cpuoffload",
  "deepspeed_zero3",
  "deepspeed_zero3_cpuoffload",
];
const rollPresetFile = (name: string) => readFileSync(join(ROLL_PRESETS_DIR, `${name}.yaml`), "utf8");

describe("roll-config presets", () => {
  it("without a subcommand is a usage error listing the subcommands", async () => {
    const r = await run(["presets"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^roll-config: presets: missing subcommand\n\nUsage: roll-config presets <subcommand>/,
    );
    expect(r.stderr).toMatch(/^ {2}list /m);
    expect(r.stderr).toMatch(/^ {2}show /m);
  });

  it("an unknown subcommand exits 2", async () => {
    const r = await run(["presets", "frob"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("presets: unknown subcommand 'frob'");
  });
});

describe("roll-config presets list", () => {
  it("lists ROLL's five presets with stage, offload and ROLL releases", async () => {
    const r = await run(["presets", "list"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+STAGE\s+OFFLOAD\s+MIN DEEPSPEED\s+ROLL$/);
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/);
    // Stages and offload blocks from the preset files (reference/roll/presets): zero3_cpuoffload has an
    // offload_optimizer block only.
    expect(row("deepspeed_zero3")?.slice(1, 3)).toEqual(["3", "-"]);
    expect(row("deepspeed_zero3_cpuoffload")?.slice(1, 3)).toEqual(["3", "optimizer:cpu"]);
    expect(row("deepspeed_zero")?.[1]).toBe("0");
    expect(row("deepspeed_zero2")?.[1]).toBe("2");
    // DeepSpeed ignores offload_param below stage 3: only the optimizer offload counts.
    expect(row("deepspeed_zero2_cpuoffload")?.slice(1, 3)).toEqual(["2", "optimizer:cpu"]);
    for (const name of ROLL_PRESETS) expect(row(name)?.[4]).toMatch(/0\.2/);
  });

  it("--format json gives the same facts as data", async () => {
    const r = await run(["presets", "list", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      name: string;
      stage: number;
      offload: object;
      rollReleases: string[];
    }[];
    const zero3off = rows.find((p) => p.name === "deepspeed_zero3_cpuoffload");
    expect(zero3off).toMatchObject({ stage: 3, offload: { optimizer: "cpu", param: "none" } });
    expect(rows.map((p) => p.name)).toEqual(expect.arrayContaining(ROLL_PRESETS));
  });

  it("rejects an unknown format and extra words", async () => {
    expect((await run(["presets", "list", "--format", "csv"])).code).toBe(2);
    expect((await run(["presets", "list", "extra"])).code).toBe(2);
  });
});

describe("roll-config presets show", () => {
  for (const name of ROLL_PRESETS) {
    it(`${name}: the YAML is ROLL's file byte for byte`, async () => {
      const r = await run(["presets", "show", name]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(rollPresetFile(name));
    });
  }

  it("--format json wraps the config under the preset's key and keeps Python floats", async () => {
    const r = await run(["presets", "show", "deepspeed_zero2", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as { deepspeed_zero2: { zero_optimization: { stage: number } } };
    expect(Object.keys(data)).toEqual(["deepspeed_zero2"]);
    expect(data.deepspeed_zero2.zero_optimization.stage).toBe(2);
    // allgather_bucket_size: 1.0e+9 and reduce_bucket_size: 5.0e+8 are floats in the YAML.
    expect(r.stdout).toMatch(/"allgather_bucket_size": 1000000000\.0,/);
    expect(r.stdout).toMatch(/"reduce_bucket_size": 500000000\.0,/);
  });

  it('--format deepspeed is the plain ds_config with "auto" kept', async () => {
    const r = await run(["presets", "show", "deepspeed_zero3", "--format", "deepspeed"]);
    expect(r.code, r.stderr).toBe(0);
    const ds = JSON.parse(r.stdout) as Record<string, any>;
    expect(ds.train_micro_batch_size_per_gpu).toBe("auto");
    expect(ds.zero_optimization.stage).toBe(3);
    expect(ds.zero_optimization.reduce_bucket_size).toBe("auto");
    expect(r.stdout).toMatch(/"sub_group_size": 1000000000\.0,/);
  });

  it("--fill-auto fills by the HF rules (hidden 4096: 16777216 / 15099494 / 40960)", async () => {
    const r = await run([
      "presets",
      "show",
      "deepspeed_zero3",
      "--format",
      "deepspeed",
      "--fill-auto",
      "--hidden-size",
      "4096",
      "--micro-batch",
      "4",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const ds = JSON.parse(r.stdout) as Record<string, any>;
    expect(ds.train_micro_batch_size_per_gpu).toBe(4);
    expect(ds.zero_optimization.reduce_bucket_size).toBe(16777216);
    expect(ds.zero_optimization.stage3_prefetch_bucket_size).toBe(15099494);
    expect(ds.zero_optimization.stage3_param_persistence_threshold).toBe(40960);
    expect(r.stdout).not.toContain('"auto"');
    expect(r.stdout).toMatch(/"stage3_max_live_parameters": 1000000000\.0,/);
  });

  it('--fill-auto refuses an "auto" nothing fills, naming the flag to pass (exit 1)', async () => {
    const r = await run([
      "presets",
      "show",
      "deepspeed_zero3",
      "--format",
      "deepspeed",
      "--fill-auto",
      "--micro-batch",
      "4",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("zero_optimization.reduce_bucket_size");
    expect(r.stderr).toContain("--hidden-size");
  });

  it("a preset with a value the user must set (ZeRO-Infinity's nvme_path) says so on stderr", async () => {
    const r = await run(["presets", "show", "deepspeed_zero_infinity", "--format", "deepspeed"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).zero_optimization.offload_param.device).toBe("nvme");
    expect(r.stderr).toMatch(/^roll-config: note: deepspeed_zero_infinity: replace "\?\?\?" at .*nvme_path/);
  });

  it("-o writes the ds_config atomically", async () => {
    const dir = scratchDir();
    const r = await run(["presets", "show", "deepspeed_zero2", "--format", "deepspeed", "-o", "ds.json"], {
      cwd: dir,
    });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse(readFileSync(join(dir, "ds.json"), "utf8")).zero_optimization.stage).toBe(2);
  });

  for (const [argv, message] of [
    [["presets", "show"], "missing <name>"],
    [["presets", "show", "nope"], "unknown preset 'nope'"],
    [
      ["presets", "show", "deepspeed_zero3", "--format", "toml"],
      "--format must be one of yaml, json, deepspeed",
    ],
    [["presets", "show", "deepspeed_zero3", "--fill-auto"], "--fill-auto needs --format deepspeed"],
    [
      ["presets", "show", "deepspeed_zero3", "--format", "deepspeed", "--hidden-size", "8"],
      "--hidden-size needs --fill-auto",
    ],
    [
      ["presets", "show", "deepspeed_zero3", "--format", "deepspeed", "--fill-auto", "--micro-batch", "0"],
      "--micro-batch must be a positive integer",
    ],
    [
      ["presets", "show", "deepspeed_zero3", "--format", "deepspeed", "--fill-auto", "--betas", "0.9"],
      "--betas must be two numbers",
    ],
  ] as const) {
    it(`usage error: ${message}`, async () => {
      const r = await run([...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage: roll-config presets show");
    });
  }
});
