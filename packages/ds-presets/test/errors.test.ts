// Bad preset sources fail with `file:line:col: message`, never a stack trace.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectedFiles, REPO_ROOT } from "../../../scripts/ds-presets/generate.js";

const scratch = mkdtempSync(join(tmpdir(), "ds-presets-errors-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const GOOD_META = readFileSync(join(REPO_ROOT, "presets/deepspeed_zero1.meta.yaml"), "utf8");

/** A checkout whose presets/ holds only `deepspeed_bad` with the given preset and metadata text. */
function rootWith(preset: string, meta = GOOD_META): string {
  const root = mkdtempSync(join(scratch, "root-"));
  mkdirSync(join(root, "presets"));
  cpSync(join(REPO_ROOT, "packages/ds-presets/package.json"), join(root, "packages/ds-presets/package.json"));
  writeFileSync(join(root, "presets/deepspeed_bad.yaml"), preset);
  writeFileSync(join(root, "presets/deepspeed_bad.meta.yaml"), meta);
  return root;
}

const errorOf = (root: string): string => {
  try {
    expectedFiles(root);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the generator to fail");
};

describe("generator errors name file, line and column", () => {
  it("unknown DeepSpeed key (a typo DeepSpeed would reject)", () => {
    const root = rootWith("deepspeed_bad:\n  zero_optimization:\n    stage: 2\n    overlap_com: true\n");
    expect(errorOf(root)).toMatch(
      /presets\/deepspeed_bad\.yaml:4:5: unknown DeepSpeed key "zero_optimization\.overlap_com"/,
    );
  });

  it("aio inside zero_optimization (DeepSpeed#2721) is an unknown key", () => {
    const root = rootWith(
      "deepspeed_bad:\n  zero_optimization:\n    stage: 3\n    aio:\n      block_size: 1\n",
    );
    expect(errorOf(root)).toMatch(/deepspeed_bad\.yaml:4:5: unknown DeepSpeed key "zero_optimization\.aio"/);
  });

  it("top-level key that is not the file stem", () => {
    expect(errorOf(rootWith("deepspeed_other:\n  bf16:\n    enabled: true\n"))).toMatch(
      /deepspeed_bad\.yaml:1:1: the top-level key must be "deepspeed_bad"/,
    );
  });

  it("a scalar that OmegaConf and YAML 1.2 type differently", () => {
    expect(errorOf(rootWith("deepspeed_bad:\n  bf16:\n    enabled: yes\n"))).toMatch(
      /deepspeed_bad\.yaml:3:14: "yes" types differently/,
    );
  });

  it("an exponent without a dot (a string for plain PyYAML)", () => {
    expect(errorOf(rootWith("deepspeed_bad:\n  zero_optimization:\n    reduce_bucket_size: 5e8\n"))).toMatch(
      /deepspeed_bad\.yaml:3:25: "5e8" types differently/,
    );
  });

  it("YAML syntax errors", () => {
    expect(errorOf(rootWith("deepspeed_bad:\n  bf16: [\n"))).toMatch(/deepspeed_bad\.yaml:\d+:\d+: /);
  });

  it("metadata: unknown key, bad origin, missing field", () => {
    const preset = "deepspeed_bad:\n  bf16:\n    enabled: true\n";
    expect(errorOf(rootWith(preset, `${GOOD_META}colour: blue\n`))).toMatch(
      /deepspeed_bad\.meta\.yaml:\d+:1: unknown metadata key "colour"/,
    );
    expect(errorOf(rootWith(preset, GOOD_META.replace("origin: roll-config", "origin: mine")))).toMatch(
      /deepspeed_bad\.meta\.yaml:\d+:9: origin must be one of roll, roll-config/,
    );
    expect(errorOf(rootWith(preset, GOOD_META.replace(/^license: .*\n/m, "")))).toMatch(
      /deepspeed_bad\.meta\.yaml:\d+:\d+: missing metadata key "license"/,
    );
  });

  it("a ROLL original whose bytes no longer match the recorded upstream sha256", () => {
    const meta = readFileSync(join(REPO_ROOT, "presets/deepspeed_zero3.meta.yaml"), "utf8");
    const preset = readFileSync(join(REPO_ROOT, "presets/deepspeed_zero3.yaml"), "utf8")
      .replace("deepspeed_zero3:", "deepspeed_bad:")
      .replace("stage: 3", "stage: 2");
    expect(errorOf(rootWith(preset, meta))).toMatch(
      /deepspeed_bad\.yaml:1:1: content differs from alibaba\/ROLL@/,
    );
  });

  it("the command line prints the located message and no stack trace", () => {
    const root = rootWith("deepspeed_bad:\n  zero_optimization:\n    stage: 2\n    overlap_com: true\n");
    let stderr = "";
    try {
      execFileSync(
        join(REPO_ROOT, "node_modules/.bin/tsx"),
        [join(REPO_ROOT, "scripts/ds-presets/generate.ts"), "--check", "--root", root],
        { stdio: "pipe", encoding: "utf8" },
      );
    } catch (error) {
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(stderr).toMatch(/^error: .*deepspeed_bad\.yaml:4:5: unknown DeepSpeed key/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
