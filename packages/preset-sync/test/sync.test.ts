import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PresetHistory } from "../src/history.js";
import { unifiedDiff } from "../src/line-diff.js";
import { stampFile } from "../src/stamp.js";
import { planSync, writesWithoutForce } from "../src/sync.js";

const v1 = { packageName: "@roll/ds-presets", version: "1.0.0" };
const v2 = { packageName: "@roll/ds-presets", version: "2.0.0" };
const zero3v1 = "deepspeed_zero3:\n  zero_optimization:\n    stage: 3\n";
const zero3v2 = "deepspeed_zero3:\n  zero_optimization:\n    stage: 3\n    overlap_comm: true\n";
const zero2 = "deepspeed_zero2:\n  zero_optimization:\n    stage: 2\n";

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "vendor-"));
  mkdirSync(join(dir, "examples/config"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "examples/config", name), text);
  return join(dir, "examples/config");
}

const stateOf = (dir: string, shipped: { name: string; yaml: string }[], pkg = v2) =>
  Object.fromEntries(planSync(dir, shipped, pkg).map((i) => [i.preset, i.state]));

describe("planSync on fixture ROLL repositories", () => {
  const shipped = [
    { name: "deepspeed_zero3", yaml: zero3v2 },
    { name: "deepspeed_zero2", yaml: zero2 },
  ];

  it("fresh repository: every preset is missing and would be written", () => {
    expect(stateOf(repo({}), shipped)).toEqual({ deepspeed_zero3: "missing", deepspeed_zero2: "missing" });
  });

  it("up to date: stamped by the installed version with the shipped body", () => {
    const dir = repo({
      "deepspeed_zero3.yaml": stampFile(zero3v2, { ...v2, preset: "deepspeed_zero3" }),
      "deepspeed_zero2.yaml": stampFile(zero2, { ...v2, preset: "deepspeed_zero2" }),
    });
    expect(stateOf(dir, shipped)).toEqual({ deepspeed_zero3: "current", deepspeed_zero2: "current" });
  });

  it("stale: stamped by an older version with other content; restamp when only the version moved", () => {
    const dir = repo({
      "deepspeed_zero3.yaml": stampFile(zero3v1, { ...v1, preset: "deepspeed_zero3" }),
      "deepspeed_zero2.yaml": stampFile(zero2, { ...v1, preset: "deepspeed_zero2" }),
    });
    const plan = planSync(dir, shipped, v2);
    expect(plan.map((i) => i.state)).toEqual(["stale", "restamp"]);
    expect(plan[0]!.fromVersion).toBe("1.0.0");
    expect(plan[0]!.diff).toContain("+    overlap_comm: true");
  });

  it("locally edited: the body no longer matches its stamp, so sync must not overwrite it", () => {
    const edited = stampFile(zero3v1, { ...v1, preset: "deepspeed_zero3" }).replace("stage: 3", "stage: 2");
    const dir = repo({ "deepspeed_zero3.yaml": edited });
    const [item] = planSync(dir, shipped.slice(0, 1), v2);
    expect(item!.state).toBe("edited");
    expect(writesWithoutForce(item!.state)).toBe(false);
    expect(item!.diff).toContain("-    stage: 2");
  });

  it("unstamped: the shipped content is adopted, naming the version; different content is foreign", () => {
    const dir = repo({ "deepspeed_zero3.yaml": zero3v2, "deepspeed_zero2.yaml": "deepspeed_zero2: {}\n" });
    const plan = planSync(dir, shipped, v2);
    expect(plan.map((i) => [i.state, i.matches])).toEqual([
      ["adopt", ["2.0.0"]],
      ["foreign", undefined],
    ]);
    expect(writesWithoutForce("adopt")).toBe(true);
    expect(writesWithoutForce("foreign")).toBe(false);
  });

  it("unstamped: an older release's content is stale (upgraded without --force), the installed one's adopted", () => {
    const history: PresetHistory = {
      versions: {
        "1.0.0": { deepspeed_zero3: "a", deepspeed_zero2: "b" },
        "2.0.0": { deepspeed_zero3: "c", deepspeed_zero2: "b" },
      },
      contents: { a: zero3v1, b: zero2, c: zero3v2 },
    };
    const dir = repo({ "deepspeed_zero3.yaml": zero3v1, "deepspeed_zero2.yaml": zero2 });
    const plan = planSync(dir, shipped, v2, history);
    expect(plan.map((i) => [i.preset, i.state, i.matches])).toEqual([
      ["deepspeed_zero3", "stale", ["1.0.0"]],
      ["deepspeed_zero2", "adopt", ["1.0.0", "2.0.0"]],
    ]);
    expect(plan[0]!.fromVersion).toBeUndefined();
  });

  it("line endings: a CRLF checkout is the same content; a final newline added is not", () => {
    const crlf = (text: string) => text.replaceAll("\n", "\r\n");
    const dir = repo({
      "deepspeed_zero3.yaml": crlf(stampFile(zero3v2, { ...v2, preset: "deepspeed_zero3" })),
      "deepspeed_zero2.yaml": crlf(zero2),
    });
    expect(stateOf(dir, shipped)).toEqual({ deepspeed_zero3: "current", deepspeed_zero2: "adopt" });
    const newline = repo({ "deepspeed_zero2.yaml": `${zero2}\n` });
    expect(stateOf(newline, shipped.slice(1))).toEqual({ deepspeed_zero2: "foreign" });
  });

  it("a copy that kept the package's generator banner is ours: restamp (stamped) or adopt (unstamped)", () => {
    const banner = "# Generated by scripts/ds-presets/generate.ts from presets/x.yaml. Do not edit.\n";
    const dir = repo({
      "deepspeed_zero3.yaml": stampFile(banner + zero3v2, { ...v2, preset: "deepspeed_zero3" }),
      "deepspeed_zero2.yaml": banner + zero2,
    });
    const plan = planSync(dir, shipped, v2);
    expect(plan.map((i) => i.state)).toEqual(["restamp", "adopt"]);
    for (const item of plan) expect(item.next).not.toContain("Generated by");
  });

  it("plans without touching the files", () => {
    const dir = repo({ "deepspeed_zero2.yaml": "mine\n" });
    planSync(dir, shipped, v2);
    expect(readFileSync(join(dir, "deepspeed_zero2.yaml"), "utf8")).toBe("mine\n");
  });
});

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", "x", "y")).toBe("");
  });

  it("prints a hunk header with line numbers and the changed lines", () => {
    const d = unifiedDiff("a\nb\nc\n", "a\nB\nc\n", "old", "new");
    expect(d).toBe("--- old\n+++ new\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n");
  });
});
