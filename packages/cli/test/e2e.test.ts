// End-to-end: the real bin in a child process (needs the built dist/ of this package and its dependencies).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HYDRA_CASES, ROLL_TREES } from "@roll/test-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/roll-config.js");
// Commands load their libraries lazily: the ones run here need only the resolver.
const PACKAGES = ["config-resolver", "cli"];

/** Rebuilds a package whose dist/ is missing or older than its src/ (the lead's `npm test` builds first). */
function buildIfStale(pkg: string): void {
  const dir = join(ROOT, "packages", pkg);
  const entry = join(dir, "dist", pkg === "cli" ? "bin.js" : "index.js");
  if (existsSync(entry) && newestMtime(join(dir, "src")) <= statSync(entry).mtimeMs) return;
  try {
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.build.json")], {
      stdio: "pipe",
    });
  } catch {
    // tsc still emits JavaScript on type errors; the tests below show whether what it emitted works.
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

// A clean environment: no NODE_OPTIONS or loaders inherited from the test runner.
const ENV = { PATH: process.env.PATH };

function cli(args: string[], cwd = FIXTURES) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: ENV,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

const STACK_LINE = /^\s+at /m;

beforeAll(() => {
  for (const pkg of PACKAGES) buildIfStale(pkg);
});

describe("roll-config as a process", () => {
  it("--version starts fast: well under 150 ms above a bare `node` start", () => {
    const runs = 7;
    const bare: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ["-e", "0"], { env: ENV });
      bare.push(performance.now() - t);
      const r = cli(["--version"]);
      expect(r.code).toBe(0);
      ours.push(r.ms);
    }
    const best = Math.min(...ours);
    const overhead = best - Math.min(...bare);
    console.log(
      `cold start --version: best ${best.toFixed(0)} ms, overhead over bare node ${overhead.toFixed(0)} ms`,
    );
    expect(overhead).toBeLessThan(150);
  });

  it("resolves a ROLL config byte for byte as Hydra does (and reports the time of one process)", () => {
    const file = "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml";
    const expected = readFileSync(
      join(ROLL_TREES, "v0.2/expected/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml.resolved.json"),
      "utf8",
    );
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = cli(["resolve", join(ROLL_TREES, file), "--format", "json", "--now", "2025-01-02T03:04:05"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected);
      times.push(r.ms);
    }
    console.log(`resolve ${file}: best ${Math.min(...times).toFixed(0)} ms per process`);
  });

  it("exit 2 and the usage for an unknown command", () => {
    const r = cli(["nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^roll-config: unknown command 'nope'\n\nUsage: roll-config/);
  });

  it("exit 1 with FILE:LINE:COL and no stack trace for a broken YAML file", () => {
    const file = join(HYDRA_CASES, "y03_duplicate_key/conf/config.yaml");
    const r = cli(["resolve", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`${file}:3:`)).toBe(true);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("-o writes the file atomically on success and nothing on failure", () => {
    const dir = scratchDir();
    const ok = cli(
      [
        "resolve",
        join(HYDRA_CASES, "m15_cli_delete_key/conf/config.yaml"),
        "--format",
        "json",
        "-o",
        "out.json",
        "~a.b",
      ],
      dir,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, "out.json"), "utf8")).toBe(
      readFileSync(join(HYDRA_CASES, "m15_cli_delete_key/expected.json"), "utf8"),
    );
    const bad = cli(
      ["resolve", join(HYDRA_CASES, "i09_missing_key/conf/config.yaml"), "-o", "bad.json"],
      dir,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });
});
