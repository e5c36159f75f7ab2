import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HYDRA_CASES, ROLL_TREES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const GOLDEN_ENV = { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" };
const NOW = "2025-01-02T03:04:05";

// ROLL configs with the output of the real Hydra 1.3 + OmegaConf 2.2 (conformance/roll).
const ROLL_CASES = [
  "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
  "v0.2/examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
  "v0.3/examples/agentic_demo/openreward_endless_terminals_reinforce_qwen35_2b.yaml",
];

function expectedResolved(file: string): string {
  const [tree, ...rest] = file.split("/");
  return readFileSync(`${join(ROLL_TREES, tree!, "expected", ...rest)}.resolved.json`, "utf8");
}

const hydraCase = (id: string, file = "conf/config.yaml") => join(HYDRA_CASES, id, file);
const hydraExpected = (id: string) => readFileSync(join(HYDRA_CASES, id, "expected.json"), "utf8");

describe("roll-config resolve: ROLL configs match Hydra byte for byte", () => {
  for (const file of ROLL_CASES) {
    it(file, async () => {
      const r = await run(["resolve", join(ROLL_TREES, file), "--format", "json", "--now", NOW], {
        env: GOLDEN_ENV,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expectedResolved(file));
    });
  }

  it("--now without an offset is wall-clock time: the same now-resolver output in every time zone", async () => {
    const file = ROLL_CASES[2]!;
    const saved = process.env.TZ;
    try {
      for (const tz of ["Asia/Shanghai", "America/Los_Angeles"]) {
        process.env.TZ = tz;
        const r = await run(["resolve", join(ROLL_TREES, file), "--format", "json", "--now", NOW], {
          env: GOLDEN_ENV,
        });
        expect(r.stdout, tz).toBe(expectedResolved(file));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("--format yaml output composes back to the same config", async () => {
    const dir = scratchDir();
    const file = ROLL_CASES[0]!;
    const out = join(dir, "resolved.yaml");
    const first = await run(["resolve", join(ROLL_TREES, file), "--format", "yaml", "--now", NOW, "-o", out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("");
    const again = await run(["resolve", out, "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(expectedResolved(file));
  });

  it("without WANDB_API_KEY, oc.env fails as a config error (exit 1) naming the variable", async () => {
    const r = await run(["resolve", join(ROLL_TREES, ROLL_CASES[2]!), "--now", NOW], { env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("WANDB_API_KEY");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a dangling preset is a config error at the file and line of the defaults entry", async () => {
    const file = join(ROLL_TREES, "v0.3/examples/agentic_demo/atropos_gsm8k_grpo_qwen25_0.5b.yaml");
    const r = await run(["resolve", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`${file}:6:`)).toBe(true);
    expect(r.stderr).toContain("Could not load '../config/deepspeed_zero2'");
  });
});

describe("roll-config resolve: overrides and modes match Hydra", () => {
  it("+key=value, ++key=value and nested key=value (m11)", async () => {
    const r = await run([
      "resolve",
      hydraCase("m11_cli_add_forceadd"),
      "--format",
      "json",
      "+new.k=1",
      "++a=3",
      "b.c=2",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(hydraExpected("m11_cli_add_forceadd"));
  });

  it("~key deletes (m15), and is not taken for an option", async () => {
    const r = await run(["resolve", hydraCase("m15_cli_delete_key"), "~a.b", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(hydraExpected("m15_cli_delete_key"));
  });

  it("--no-resolve keeps interpolations and escapes as written (i06)", async () => {
    const r = await run(["resolve", hydraCase("i06_escape_no_resolve"), "--no-resolve", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(hydraExpected("i06_escape_no_resolve"));
  });

  it("prints Hydra's missing-_self_ warning on stderr, the config on stdout (d02)", async () => {
    const r = await run([
      "resolve",
      hydraCase("d02_self_absent", "examples/exp/main.yaml"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(hydraExpected("d02_self_absent"));
    expect(r.stderr).toContain("Defaults list is missing `_self_`");
  });

  it("--version-base 1.3 is accepted (no difference for a plain config)", async () => {
    const r = await run([
      "resolve",
      hydraCase("m15_cli_delete_key"),
      "--version-base",
      "1.3",
      "--format=json",
      "~a.b",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(hydraExpected("m15_cli_delete_key"));
  });
});

describe("roll-config resolve: config errors exit 1 with FILE:LINE:COL and no stack", () => {
  it("a missing interpolation key points at its node (i09)", async () => {
    const file = hydraCase("i09_missing_key");
    const r = await run(["resolve", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^${escapeRe(file)}:1:\\d+: .*Interpolation key 'nope' not found`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a duplicate key points at the second occurrence (y03)", async () => {
    const file = hydraCase("y03_duplicate_key");
    const r = await run(["resolve", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${escapeRe(file)}:3:\\d+: `));
    expect(r.stderr).toContain("duplicate key");
  });

  it("+key=value on an existing key is Hydra's error (m12)", async () => {
    const r = await run(["resolve", hydraCase("m12_cli_add_existing"), "+a=3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Could not append to config. An item is already at 'a'.");
  });

  it("an error about a command-line override names the override (it has no file position)", async () => {
    const r = await run(["resolve", hydraCase("m15_cli_delete_key"), "a=[1"]);
    expect(r.code).toBe(1);
    // Hydra 1.3.2's message (checked with the oracle: OverrideParseException), behind the override it is about.
    expect(r.stderr).toMatch(/^command-line override 'a=\[1': no viable alternative at input '\[1'\n/m);
  });

  it("a primary file that does not exist", async () => {
    const r = await run(["resolve", "nope.yaml"]);
    expect(r).toEqual({ code: 1, stdout: "", stderr: "nope.yaml: no such file\n" });
  });
});

describe("roll-config resolve: usage errors exit 2 with the usage", () => {
  for (const argv of [
    ["resolve"],
    ["resolve", "x.yaml", "--format", "toml"],
    ["resolve", "x.yaml", "--version-base", "1.2"],
    ["resolve", "x.yaml", "--now", "yesterday"],
    ["resolve", "x.yaml", "-o"],
  ]) {
    it(argv.slice(1).join(" ") || "(no file)", async () => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^roll-config: .+\n\nUsage: roll-config resolve /);
    });
  }
});

describe("roll-config resolve -o: atomic, nothing written on failure", () => {
  it("writes exactly what stdout would show, leaving no temporary file", async () => {
    const dir = scratchDir();
    const out = join(dir, "out.json");
    const file = hydraCase("m15_cli_delete_key");
    const r = await run(["resolve", file, "--format", "json", "-o", "out.json", "~a.b"], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(out, "utf8")).toBe(hydraExpected("m15_cli_delete_key"));
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("a failing resolution leaves an existing output file untouched and creates nothing", async () => {
    const dir = scratchDir();
    const out = join(dir, "out.json");
    writeFileSync(out, "previous\n");
    const r = await run(["resolve", hydraCase("i09_missing_key"), "-o", out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
    const fresh = await run(["resolve", hydraCase("i09_missing_key"), "-o", join(dir, "fresh.json")]);
    expect(fresh.code).toBe(1);
    expect(existsSync(join(dir, "fresh.json"))).toBe(false);
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("an unwritable target is a clear error, not a stack trace", async () => {
    const dir = scratchDir();
    copyFileSync(hydraCase("m15_cli_delete_key"), join(dir, "config.yaml"));
    const r = await run(["resolve", "config.yaml", "-o", "missing-dir/out.yaml"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^.*missing-dir\/out\.yaml: cannot write: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
