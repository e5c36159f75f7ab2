import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, run } from "./helpers/io.js";

const BAD = join(FIXTURES, "deepspeed/ds_bad.json");

interface JsonDiagnostic {
  severity: string;
  code: string;
  message: string;
  path: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

async function diagnostics(argv: string[]) {
  const r = await run(["deepspeed", "validate", ...argv, "--format", "json"]);
  return { ...r, diagnostics: (JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics };
}

// Expectations from reference/deepspeed/config-reference.md §c: the batch assertion (c.1), fp16 with bf16
// (c.2) and offload_param below stage 3, silently ignored (c.3).
describe("roll-config deepspeed validate", () => {
  it("a consistent config passes: exit 0, no findings", async () => {
    const r = await run(["deepspeed", "validate", "deepspeed/ds_good.yaml", "--world-size", "8"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/: (error|warning) /);
    expect(r.stdout).toMatch(/^0 errors\b/m);
  });

  it("fp16 with bf16 is an error and exits 1; each finding carries the JSON contract's fields", async () => {
    const r = await diagnostics([BAD]);
    expect(r.code).toBe(1);
    for (const d of r.diagnostics) {
      expect(Object.keys(d)).toEqual(["severity", "code", "message", "path", "file", "line", "column"]);
    }
    const precision = r.diagnostics.find((d) => d.severity === "error" && /bf16|fp16/.test(d.path));
    expect(precision?.message).toContain("bfloat16 and fp16 modes cannot be simultaneously enabled");
    expect(precision?.file).toBe(BAD);
    expect([5, 6]).toContain(precision?.line);
  });

  it("offload_param at stage 2 is a warning at the line that sets it", async () => {
    const r = await diagnostics([BAD]);
    const ignored = r.diagnostics.find((d) => d.path.startsWith("zero_optimization.offload_param"));
    expect(ignored).toMatchObject({ severity: "warning", file: BAD, line: 7 });
  });

  it("--world-size checks the batch invariant: 32 != 4 * 2 * 2", async () => {
    const without = await diagnostics([BAD]);
    expect(without.diagnostics.some((d) => d.path === "train_batch_size" && d.severity === "error")).toBe(
      false,
    );
    const r = await diagnostics([BAD, "--world-size", "2"]);
    const batch = r.diagnostics.find((d) => d.path === "train_batch_size");
    expect(batch).toMatchObject({ severity: "error", file: BAD, line: 2 });
    expect(batch?.message).toContain("32 != 4 * 2 * 2");
  });

  it("--deepspeed-version: a key newer than the target release is flagged where it is set (bf16: v0.6.0)", async () => {
    const current = await diagnostics([join(FIXTURES, "deepspeed/ds_good.yaml")]);
    expect(current.diagnostics).toEqual([]);
    const old = await diagnostics([join(FIXTURES, "deepspeed/ds_good.yaml"), "--deepspeed-version", "0.5.0"]);
    const bf16 = old.diagnostics.find((d) => d.path === "bf16");
    expect(bf16).toMatchObject({ line: 6, column: 1 });
    expect(bf16?.message).toContain("0.6.0");
    expect(old.code).toBe(bf16?.severity === "error" ? 1 : 0);
  });

  it("text output: file:line:col, severity, code; paths relative to the working directory", async () => {
    const r = await run(["deepspeed", "validate", "deepspeed/ds_bad.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^deepspeed\/ds_bad\.json:7:\d+: warning \S+: .*offload_param/m);
    expect(r.stdout).toMatch(/^1 error\b/m);
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("colour only on a TTY, and never with NO_COLOR", async () => {
    const tty = await run(["deepspeed", "validate", "deepspeed/ds_bad.json"], { isTTY: true });
    expect(tty.stdout).toContain("\u001b[31merror\u001b[0m");
    const noColor = await run(["deepspeed", "validate", "deepspeed/ds_bad.json"], {
      isTTY: true,
      env: { NO_COLOR: "1" },
    });
    expect(noColor.stdout).not.toContain("\u001b[");
  });

  it("a broken YAML file is a config error at its line (exit 1, stderr)", async () => {
    const file = join(FIXTURES, "deepspeed/ds_broken.yaml");
    const r = await run(["deepspeed", "validate", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`${file}:3:`)).toBe(true);
    expect(r.stderr).toContain("duplicate key");
  });

  for (const [argv, message] of [
    [[], "missing <ds.json|ds.yaml>"],
    [["deepspeed/ds_good.yaml", "--world-size", "0"], "--world-size must be a positive integer"],
    [
      ["deepspeed/ds_good.yaml", "--deepspeed-version", "latest"],
      "--deepspeed-version must look like 0.16.4",
    ],
    [["deepspeed/ds_good.yaml", "--format", "sarif"], "--format must be one of text, json"],
    [["deepspeed/ds_good.yaml", "extra"], "unexpected argument 'extra'"],
  ] as const) {
    it(`usage error: ${message}`, async () => {
      const r = await run(["deepspeed", "validate", ...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain("Usage: roll-config deepspeed validate");
    });
  }

  it("deepspeed without a subcommand is a usage error", async () => {
    const r = await run(["deepspeed"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("deepspeed: missing subcommand");
  });
});

describe("roll-config deepspeed validate: keys containing a dot", () => {
  // A key "a.b" is one key of the JSON object: its finding is on its own line, even where a nested
  // reading of its name (zero_optimization → stage) also exists in the file.
  const dir = mkdtempSync(join(tmpdir(), "roll-ds-dotted-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "ds_config.json");
  const lines = [
    "{",
    '  "train_micro_batch_size_per_gpu": 1,',
    '  "zero_optimization": {',
    '    "stage": 2,',
    '    "offload.param": {"device": "cpu"}',
    "  },",
    '  "zero_optimization.stage": 3,',
    '  "bf16": {"enabled": true},',
    '  "bf16.enabled": "auto"',
    "}",
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  it("each finding at the line of the key it is about", async () => {
    const r = await diagnostics([file]);
    expect(r.diagnostics.find((d) => d.code === "ds/unknown-top-level-key")).toMatchObject({
      path: "zero_optimization.stage",
      line: lineOf('"zero_optimization.stage"'),
    });
    expect(r.diagnostics.find((d) => d.path === "zero_optimization.offload.param")).toMatchObject({
      line: lineOf('"offload.param"'),
    });
  });

  it("a value finding on a dotted key, not on the nested key its dotted path also names", async () => {
    const r = await diagnostics([file]);
    // DeepSpeed names the key ("bf16.enabled" is one segment); `bf16 → enabled` is the line above.
    expect(r.diagnostics.find((d) => d.code.startsWith("ds/auto-"))).toMatchObject({
      path: "bf16.enabled",
      line: lineOf('"bf16.enabled"'),
    });
  });
});
