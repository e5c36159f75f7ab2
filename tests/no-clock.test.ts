// `npm test` never depends on the clock (issue 16): no test file reads wall or CPU time, so a loaded CI
// machine cannot turn it red. Blow-ups are guarded by counted work; timings live in `npm run bench`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// Built from pieces so that this file does not match itself.
const CLOCK = new RegExp(
  ["cpu" + "Usage", "performance\\." + "now", "Date\\." + "now", "hr" + "time", "toBe" + "LessThan"].join(
    "|",
  ),
);

function testFiles(): string[] {
  const dirs = [
    join(ROOT, "tests"),
    ...readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p, "test")),
  ];
  const out: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true, encoding: "utf8" });
    } catch {
      continue;
    }
    for (const name of names)
      if (/\.(ts|mts|js|mjs)$/.test(name) && !name.includes("fixtures/") && !name.includes("node_modules/"))
        out.push(join(dir, name));
  }
  return out;
}

describe("no clocks in the test suite", () => {
  it("no test file reads a clock or asserts an upper bound (a time bound's usual shape)", () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(20);
    const hits = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (CLOCK.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it("every fast-check property draws from one fixed seed (tests/setup/fixed-seed.ts), not from the time", () => {
    expect(fc.readConfigureGlobal().seed).toBe(Number(process.env.FC_SEED ?? 20261127));
  });
});
