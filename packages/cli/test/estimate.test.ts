import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";

// DeepSpeed's "Memory Requirements" page (docs/code-docs/source/memory.rst): the *_all_cold examples for a
// 2851M-parameter model with a 32M largest layer on 1 node x 8 GPUs. DeepSpeed prints bytes / 2^30 as "GB".
//   ZeRO-2: offload_optimizer=cpu 127.45 CPU / 5.31 GPU; none 127.45 / 15.93
//   ZeRO-3 (zero_init=1): optimizer offload only 63.72 / 0.78; no offload 1.43 / 6.09
const DOC = ["--params", "2851e6", "--gpus", "8", "--largest-layer", "32e6"];

interface Row {
  preset: string;
  stage: number;
  perGpuGiB: number;
  perNodeCpuGiB: number;
}

describe("roll-config estimate", () => {
  it("--format json reproduces DeepSpeed's documented numbers for ROLL's presets", async () => {
    const r = await run(["estimate", ...DOC, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = JSON.parse(r.stdout) as { rows: Row[] };
    const gib = (name: string) => {
      const row = rows.find((x) => x.preset === name)!;
      return [row.perNodeCpuGiB.toFixed(2), row.perGpuGiB.toFixed(2)];
    };
    expect(gib("deepspeed_zero2")).toEqual(["127.45", "15.93"]);
    // ROLL's zero2_cpuoffload offloads the optimizer (its offload_param is ignored at stage 2).
    expect(gib("deepspeed_zero2_cpuoffload")).toEqual(["127.45", "5.31"]);
    expect(gib("deepspeed_zero3")).toEqual(["1.43", "6.09"]);
    expect(gib("deepspeed_zero3_cpuoffload")).toEqual(["63.72", "0.78"]);
  });

  it("prints a table with one row per preset by default", async () => {
    const r = await run(["estimate", ...DOC]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines.find((l) => l.startsWith("PRESET"));
    expect(header).toMatch(/^PRESET\s+STAGE\s+OFFLOAD OPT\s+OFFLOAD PARAM\s+PER GPU GiB\s+PER NODE CPU GiB$/);
    const row = (name: string) =>
      lines
        .find((l) => l.startsWith(`${name} `))
        ?.trim()
        .split(/\s+/);
    expect(row("deepspeed_zero2")).toEqual(["deepspeed_zero2", "2", "none", "none", "15.93", "127.45"]);
    expect(row("deepspeed_zero3_cpuoffload")).toEqual([
      "deepspeed_zero3_cpuoffload",
      "3",
      "cpu",
      "none",
      "0.78",
      "63.72",
    ]);
  });

  it("--all is the default: one row per shipped preset", async () => {
    const all = await run(["estimate", ...DOC, "--all", "--format", "json"]);
    const dflt = await run(["estimate", ...DOC, "--format", "json"]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toBe(dflt.stdout);
    const names = (JSON.parse(all.stdout) as { rows: Row[] }).rows.map((x) => x.preset);
    expect(names).toEqual(
      expect.arrayContaining(["deepspeed_zero", "deepspeed_zero2", "deepspeed_zero3_cpuoffload"]),
    );
  });

  it("--preset NAME gives that row only", async () => {
    const r = await run(["estimate", ...DOC, "--preset", "deepspeed_zero2", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = JSON.parse(r.stdout) as { rows: Row[] };
    expect(rows.map((x) => x.preset)).toEqual(["deepspeed_zero2"]);
  });

  it("--nodes spreads the ZeRO-2 optimizer states over every GPU (6 bytes/param -> 4 + 16/16)", async () => {
    const one = await run(["estimate", ...DOC, "--preset", "deepspeed_zero2", "--format", "json"]);
    const two = await run([
      "estimate",
      ...DOC,
      "--nodes",
      "2",
      "--preset",
      "deepspeed_zero2",
      "--format",
      "json",
    ]);
    const gpu = (text: string) => (JSON.parse(text) as { rows: Row[] }).rows[0]!.perGpuGiB;
    // estimate_zero2_model_states_mem_needs: gpu = 4P + 16P / total_gpus.
    expect(gpu(one.stdout) * 2 ** 30).toBeCloseTo(2851e6 * 6, -3);
    expect(gpu(two.stdout) * 2 ** 30).toBeCloseTo(2851e6 * 5, -3);
  });

  for (const [argv, message] of [
    [["--gpus", "8"], "--params and --gpus are required"],
    [["--params", "7e9"], "--params and --gpus are required"],
    [["--params", "lots", "--gpus", "8"], "--params must be a number"],
    [["--params", "7e9", "--gpus", "0"], "--gpus must be a positive integer"],
    [["--params", "7e9", "--gpus", "8", "--nodes", "1.5"], "--nodes must be a positive integer"],
    [
      ["--params", "7e9", "--gpus", "8", "--preset", "deepspeed_zero2", "--all"],
      "--preset and --all exclude each other",
    ],
    [["--params", "7e9", "--gpus", "8", "--preset", "nope"], "unknown preset 'nope'"],
    [["--params", "7e9", "--gpus", "8", "--format", "csv"], "--format must be one of text, json"],
  ] as const) {
    it(`usage error: ${message}`, async () => {
      const r = await run(["estimate", ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage: roll-config estimate");
    });
  }
});
