// Property 6 (issue 16): random edits, truncations and byte flips of real ROLL configs (a primary and the
// presets it includes, from @roll/test-fixtures) never crash a command: `resolve`, `validate` and
// `explain` each give a result or a clean error, and an error in a file names its file:line:col.
// The helpers (rollMutationArb, applyMutations, checkNoCrash) live in support.ts for the language server.

import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { resolve } from "@roll/config-resolver";
import { ROLL_TREES } from "@roll/test-fixtures";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../packages/cli/test/helpers/io.js";
import {
  applyMutations,
  checkNoCrash,
  logRuns,
  type Mutation,
  type Outcome,
  params,
  type RollCase,
  type RUNS,
  rollMutationArb,
  Scratch,
} from "./support.js";

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const PRIMARIES = [
  "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml", // five DeepSpeed presets
  "v0.2/examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml", // the largest, env presets
  "v0.3/examples/qwen3-30BA3B-sft_fsdp2/sft_config.yaml",
  "v0.3/examples/qwen3_agentic_gem/gem_math_dapo.yaml",
];
const ENV = { WANDB_API_KEY: "x" };
const NOW = "2025-01-02T03:04:05";

/** Each primary with every file it reads, relative to its release tree (so `../config/x` still works). */
const CASES: RollCase[] = PRIMARIES.map((primary) => {
  const release = primary.slice(0, primary.indexOf("/"));
  const root = join(ROLL_TREES, release);
  const { files } = resolve(join(ROLL_TREES, primary), { env: ENV });
  return {
    primary: primary.slice(release.length + 1),
    files: Object.fromEntries(files.map((f) => [relative(root, f), readFileSync(f)])),
  };
});

const POSITION = /(^|\n)\/[^\s:]+:\d+:\d+: /;

async function outcomes(dir: string, primary: string): Promise<[string, Outcome][]> {
  const file = join(dir, primary);
  const opts = { cwd: dir, env: ENV };
  const out: [string, Outcome][] = [];
  for (const argv of [
    ["resolve", file, "--format", "json", "--now", NOW],
    ["explain", file, "seed", "--now", NOW],
  ]) {
    const r = await run(argv, opts);
    expect([0, 1], `${argv[0]}: ${r.stderr.slice(0, 500)}`).toContain(r.code);
    if (r.code === 0 && argv[0] === "resolve") JSON.parse(r.stdout); // strict JSON whatever the input
    out.push([
      argv[0]!,
      r.code === 0 ? { ok: true } : { ok: false, positioned: POSITION.test(r.stderr), text: r.stderr },
    ]);
  }
  const v = await run(["validate", file, "--format", "json", "--now", NOW], opts);
  expect([0, 1], `validate: ${v.stderr.slice(0, 500)}`).toContain(v.code);
  const report = JSON.parse(v.stdout) as { diagnostics: { code: string; file?: string; line?: number }[] };
  const compose = report.diagnostics.find((d) => d.code === "roll/compose");
  out.push([
    "validate",
    compose === undefined
      ? { ok: true }
      : { ok: false, positioned: compose.line !== undefined, text: `${v.stderr}${v.stdout}` },
  ]);
  return out;
}

function property(kind: Mutation["kind"], runs: keyof typeof RUNS) {
  return async () => {
    const tally: Record<string, number> = {};
    const unpositioned = new Set<string>();
    const arb = fc
      .integer({ min: 0, max: CASES.length - 1 })
      .chain((i) =>
        fc.tuple(fc.constant(i), fc.array(rollMutationArb(CASES[i]!, kind), { minLength: 1, maxLength: 3 })),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([i, mutations]) => {
        const c = CASES[i]!;
        const dir = scratch.write(`case${i}`, applyMutations(c, mutations));
        for (const [command, outcome] of await outcomes(dir, c.primary)) {
          const label = checkNoCrash(`${command} after ${JSON.stringify(mutations)}`, outcome);
          tally[`${command} ${label}`] = (tally[`${command} ${label}`] ?? 0) + 1;
          // Only explain may fail without a position: its key is not in the (valid) resolved config.
          if (label === "unpositioned error" && !outcome.ok)
            unpositioned.add(`${command}: ${outcome.text.split("\n")[0]!}`);
        }
      }),
      params(runs),
    );
    logRuns(runs, JSON.stringify(tally));
    expect(
      [...unpositioned].filter((u) => !/^explain: .*'seed' is not in the resolved config$/.test(u)),
    ).toEqual([]);
    // Both outcomes are exercised: some mutations still resolve, some break the config.
    expect(Object.keys(tally).some((k) => k.endsWith(" ok"))).toBe(true);
    expect(Object.keys(tally).some((k) => k.endsWith("positioned error"))).toBe(true);
  };
}

describe("property 6: broken real ROLL configs never crash a command", () => {
  it(
    "random edits (YAML indicators, interpolation pieces, anchors, lone surrogates)",
    { timeout: 120_000 },
    property("edit", "rollEdits"),
  );
  it("truncations at any byte", { timeout: 120_000 }, property("truncate", "rollTruncations"));
  it(
    "byte flips (invalid UTF-8, control characters)",
    { timeout: 120_000 },
    property("flip", "rollByteFlips"),
  );
});
