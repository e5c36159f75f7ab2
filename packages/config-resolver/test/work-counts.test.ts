// Blow-up guards in counted work, never in time (CI is a shared 2-core machine; timings are `npm run bench`):
// composition reads each config file once, and resolution evaluates each interpolation once and writes each
// output node once, so its work grows linearly with the config.
import * as fs from "node:fs";
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLL_TREES } from "@roll/test-fixtures";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Node } from "../src/model.js";
import { Budget, LIMITS, type WorkCounts } from "../src/omegaconf/budget.js";
import { resolveTree } from "../src/omegaconf/resolve.js";
import { resolve } from "../src/resolve.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollResolvedCases } from "./helpers/roll-files.js";

// Every read of a config file goes through node:fs readFileSync: a spy that calls through counts them.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, readFileSync: vi.fn(real.readFileSync) };
});

const ROLL = ROLL_TREES;
const OPTIONS = { env: { WANDB_API_KEY: "GOLDEN_WANDB_API_KEY" }, now: new Date(2025, 0, 2, 3, 4, 5) };

const scratch = mkdtempSync(join(tmpdir(), "work-counts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function size(node: Node): { nodes: number; interpolations: number } {
  let nodes = 0;
  let interpolations = 0;
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    nodes++;
    if (n.kind === "dict") for (const e of n.entries.values()) stack.push(e.node);
    else if (n.kind === "list") stack.push(...n.items);
    else if (typeof n.value === "string" && n.value.includes("${")) interpolations++;
  }
  return { nodes, interpolations };
}

describe("composition reads each file once", () => {
  it("the largest ROLL example: one readFileSync per config file, nothing read twice", () => {
    const primary = realpathSync(join(ROLL, "v0.2/examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml"));
    const read = vi.mocked(fs.readFileSync);
    read.mockClear();
    const { files } = resolve(primary, { env: OPTIONS.env });
    const paths = read.mock.calls.map(([p]) => String(p)).filter((p) => p.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(1);
    expect([...paths].sort()).toEqual([...new Set(paths)].sort());
    expect(new Set(paths.map((p) => realpathSync(p)))).toEqual(new Set(files));
  });
});

describe("resolution work is linear in the config", () => {
  const cases = rollResolvedCases().map((c) => [c.name, c.composed] as const);

  it.each(cases)(
    "%s: each interpolation evaluated at most once, each output node written once",
    (_, file) => {
      const tree = loadYaml(readFileSync(file, "utf8"), file);
      const budget = new Budget();
      const out = resolveTree(tree, { ...OPTIONS, budget });
      const input = size(tree);
      const { counts } = budget;
      expect(counts.nodesWritten).toBe(size(out).nodes);
      expect(input.interpolations).toBeGreaterThanOrEqual(counts.interpolations);
      // Copies are what an interpolation to a container writes again; they never exceed the config itself.
      expect(input.nodes).toBeGreaterThanOrEqual(counts.copiedNodes);
    },
  );

  it("ten times the keys is about ten times the work (1,000 -> 10,000 keys, a tenth interpolated)", () => {
    const work = (n: number) => {
      const dir = join(scratch, `flat${n}`);
      fs.mkdirSync(dir);
      let text = "base: 1\n";
      for (let i = 0; i < n; i++) text += i % 10 === 0 ? `k${i}: \${base}\n` : `k${i}: value_${i}\n`;
      writeFileSync(join(dir, "main.yaml"), text);
      return resolve(join(dir, "main.yaml")).work;
    };
    const small = work(1000);
    const large = work(10_000);
    expect(large.interpolations).toBe(10 * small.interpolations);
    const ratio = large.work / small.work;
    expect(ratio).toBeGreaterThan(8);
    expect(12).toBeGreaterThan(ratio);
  });

  it("a chain of 2,000 interpolations evaluates each link once", () => {
    const dir = join(scratch, "chain");
    fs.mkdirSync(dir);
    let text = "v0: 42\n";
    for (let i = 1; i <= 2000; i++) text += `v${i}: \${v${i - 1}}\n`;
    writeFileSync(join(dir, "main.yaml"), text);
    const { work } = resolve(join(dir, "main.yaml"));
    expect(work.interpolations).toBe(2000);
    expect(work.nodesWritten).toBe(2002);
    expect(work.copiedNodes).toBe(0);
  });
});

describe("the limits are far above every real ROLL config", () => {
  const primaries = (readdirSync(ROLL, { recursive: true, encoding: "utf8" }) as string[])
    .filter((p) => p.endsWith(".yaml") && p.includes("examples/") && !p.includes("examples/config/"))
    .filter((p) => !p.includes("expected/"))
    .sort();

  it("at least 100 times the largest figure of the 17 ROLL example configs, for every limit", () => {
    expect(primaries).toHaveLength(17);
    const largest: Partial<Record<keyof WorkCounts, number>> = {};
    for (const primary of primaries) {
      let work: WorkCounts;
      try {
        work = resolve(join(ROLL, primary), OPTIONS).work;
      } catch {
        continue; // the one ROLL 0.3 example that names a preset 0.3 no longer ships (its expected error)
      }
      for (const [k, v] of Object.entries(work) as [keyof WorkCounts, number][])
        largest[k] = Math.max(largest[k] ?? 0, v);
    }
    const pairs = {
      stringLength: largest.longestString!,
      copiedNodes: largest.copiedNodes!,
      work: largest.work!,
      nestedInterpolations: largest.deepestInterpolation!,
      outputDepth: largest.deepestOutput!,
    };
    console.log(
      `largest ROLL figure vs limit: ${Object.entries(pairs)
        .map(([k, v]) => `${k} ${v} / ${LIMITS[k as keyof typeof pairs]}`)
        .join(", ")}`,
    );
    for (const [limit, figure] of Object.entries(pairs)) {
      expect(figure, limit).toBeGreaterThan(0);
      expect(LIMITS[limit as keyof typeof pairs], limit).toBeGreaterThanOrEqual(100 * figure);
    }
  });
});
