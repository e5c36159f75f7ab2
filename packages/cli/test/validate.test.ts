import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";

const RLVR = join(ROLL_TREES, "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
const DANGLING = join(ROLL_TREES, "v0.3/examples/agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml");

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  path: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

async function validateJson(argv: string[]) {
  const r = await run(["validate", ...argv, "--format", "json"]);
  const parsed = JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] };
  return { ...r, diagnostics: parsed.diagnostics };
}

const errors = (ds: JsonDiagnostic[]) => ds.filter((d) => d.severity === "error");

describe("roll-config validate", () => {
  it("ROLL's own v0.2 RLVR example: no errors, release and pipeline detected and shown", async () => {
    const r = await run(["validate", RLVR]);
    expect(r.stdout.split("\n")[0]).toMatch(/ROLL 0\.2 \(detected\).*rlvr \(detected\)/);
    expect(r.code, r.stdout).toBe(0);
    // Hydra's warning goes to stderr, the report to stdout.
    expect(r.stderr).toContain("Defaults list is missing `_self_`");
    expect(r.stdout).not.toContain("_self_");
  });

  it("--format json: {diagnostics: [{severity, code, message, path, file, line, column}]}", async () => {
    const r = await validateJson([RLVR, "--roll", "0.3"]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(Object.keys(d)).toEqual(["severity", "code", "message", "path", "file", "line", "column"]);
      expect(["error", "warning", "info"]).toContain(d.severity);
    }
  });

  it("--roll 0.3 on a DeepSpeed config: error at the strategy line, suggesting fsdp2_train (exit 1)", async () => {
    const r = await validateJson([RLVR, "--roll", "0.3"]);
    expect(r.code).toBe(1);
    // rlvr_zero3_sp2.yaml:135 is `strategy_name: deepspeed_train` (ROLL 0.3 removed DeepSpeed).
    const removed = errors(r.diagnostics).find((d) => d.line === 135 && d.file === RLVR);
    expect(removed?.message).toContain("fsdp2_train");
  });

  it("an override that makes DeepSpeed training run at ZeRO stage 0 is an error (train needs stage > 0)", async () => {
    const r = await validateJson([RLVR, "actor_train.strategy_args.strategy_config=${deepspeed_zero}"]);
    expect(r.code).toBe(1);
    expect(errors(r.diagnostics).some((d) => d.path.startsWith("actor_train.strategy_args"))).toBe(true);
  });

  it("--deepspeed-version: bf16 (DeepSpeed >= 0.6.0) is flagged at the preset line that sets it", async () => {
    const zero3 = join(ROLL_TREES, "v0.2/examples/config/deepspeed_zero3.yaml");
    const current = await validateJson([RLVR]);
    expect(current.diagnostics.some((d) => d.path === "actor_train.strategy_args.strategy_config.bf16")).toBe(
      false,
    );
    const old = await validateJson([RLVR, "--deepspeed-version", "0.5.0"]);
    const bf16 = old.diagnostics.find((d) => d.path === "actor_train.strategy_args.strategy_config.bf16");
    // deepspeed_zero3.yaml:3 is `  bf16:`, reached through `strategy_config: ${deepspeed_zero3}`.
    expect(bf16).toMatchObject({ file: zero3, line: 3 });
    expect(bf16?.message).toContain("0.6.0");
  });

  it("--roll and --pipeline given are reported as given, not detected", async () => {
    const r = await run(["validate", RLVR, "--roll", "0.2", "--pipeline", "rlvr"]);
    const first = r.stdout.split("\n")[0];
    expect(first).toMatch(/ROLL 0\.2\b.*\brlvr\b/);
    expect(first).not.toContain("detected");
  });

  it("a config that does not compose exits 1 with the error at the defaults entry", async () => {
    const r = await validateJson([DANGLING]);
    expect(r.code).toBe(1);
    const [d] = errors(r.diagnostics);
    expect(d).toMatchObject({ file: DANGLING, line: 6 });
    expect(d?.message).toContain("Could not load '../config/deepspeed_zero2'");
  });

  for (const [argv, message] of [
    [[], "missing <primary.yaml>"],
    [[RLVR, "--roll", "0.4"], "--roll must be one of 0.2, 0.3"],
    [[RLVR, "--pipeline", "ppo"], "--pipeline must be one of rlvr, agentic, sft, dpo, distill, reward_fl"],
    [[RLVR, "--format", "xml"], "--format must be one of text, json"],
    [[RLVR, "--deepspeed-version", "new"], "--deepspeed-version must look like 0.16.4"],
    [[RLVR, "--version-base", "2"], "--version-base must be one of 1.1, 1.3"],
  ] as const) {
    it(`usage error: ${message}`, async () => {
      const r = await run(["validate", ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage: roll-config validate");
    });
  }
});
