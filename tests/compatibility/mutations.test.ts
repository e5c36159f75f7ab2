// Mutation guard: corrupting a preset must change what the matrix reports, so a broken preset cannot pass
// `npm test` (the matrix's verdicts and stages feed COMPATIBILITY.md, whose drift test then fails).
// Each preset of presets/ is corrupted in a temporary copy, in three ways, and run through the matrix.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Combination,
  type MatrixOptions,
  type MatrixResult,
  PRESETS_DIR,
  presetNames,
  presetsFromDir,
  runMatrix,
} from "../../scripts/compatibility/matrix.js";

// ROLL 0.2 only (0.3 rejects every DeepSpeed strategy whatever the preset says), bf16, no LoRA.
const OPTIONS: MatrixOptions = { dtypes: ["bf16"], lora: [false], rolls: ["0.2"] };

interface Mutation {
  name: string;
  apply: (yaml: string) => string;
  /** What the validator must say about every DeepSpeed worker on the corrupted preset, if anything specific. */
  expectCode?: { severity: "error" | "warning"; code: RegExp };
}

function stageLine(yaml: string): RegExpExecArray {
  const match = /^(\s+stage:)[ \t]*(\d+)[ \t]*$/m.exec(yaml);
  if (!match)
    throw new Error("no `stage: <n>` line to corrupt: extend tests/compatibility/mutations.test.ts");
  return match;
}

const MUTATIONS: Mutation[] = [
  {
    // A neighbouring stage: ROLL's and DeepSpeed's rules may accept it, but the matrix records the stage.
    name: "stage changed",
    apply: (yaml) => {
      const m = stageLine(yaml);
      return yaml.replace(m[0], `${m[1]} ${(Number(m[2]) + 1) % 4}`);
    },
  },
  {
    name: "unknown key in zero_optimization (a strict pydantic section)",
    apply: (yaml) => {
      const m = /^(\s*)zero_optimization:[ \t]*$/m.exec(yaml);
      if (!m) throw new Error("no zero_optimization section to corrupt");
      const at = m.index + m[0].length;
      return `${yaml.slice(0, at)}\n${m[1]}  not_a_deepspeed_key: 1${yaml.slice(at)}`;
    },
    expectCode: { severity: "error", code: /^ds\/unknown-key$/ },
  },
  {
    name: 'stage of the wrong type ("three")',
    apply: (yaml) => {
      const m = stageLine(yaml);
      return yaml.replace(m[0], `${m[1]} "three"`);
    },
    expectCode: { severity: "error", code: /^ds\/(type|enum)$/ },
  },
];

let dir: string;
let baseline: MatrixResult;

/** What the matrix reports about one preset: its stage and every verdict. */
function report(result: MatrixResult, preset: string) {
  return {
    stage: result.stages[preset],
    verdicts: result.combinations
      .filter((c) => c.preset === preset)
      .map((c) => ({ key: [c.role, c.roll, c.deepspeed].join("|"), verdict: c.verdict })),
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "roll-compat-mutations-"));
  cpSync(PRESETS_DIR, join(dir, "presets"), { recursive: true });
  baseline = runMatrix(presetsFromDir(join(dir, "presets")), OPTIONS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("corrupting a preset", () => {
  for (const mutation of MUTATIONS) {
    it(`is reported for every preset: ${mutation.name}`, () => {
      const names = presetNames();
      expect(names.length).toBeGreaterThan(0);
      for (const preset of names) {
        const copy = join(dir, `${preset}-${MUTATIONS.indexOf(mutation)}`);
        cpSync(join(dir, "presets"), copy, { recursive: true });
        const file = join(copy, `${preset}.yaml`);
        const original = readFileSync(file, "utf8");
        const corrupted = mutation.apply(original);
        expect(corrupted).not.toBe(original);
        writeFileSync(file, corrupted);
        const result = runMatrix(presetsFromDir(copy), { ...OPTIONS, only: [preset] });
        rmSync(copy, { recursive: true, force: true });
        expect(report(result, preset), `${mutation.name} in ${preset}`).not.toEqual(report(baseline, preset));
        if (mutation.expectCode) {
          const { severity, code } = mutation.expectCode;
          for (const c of result.combinations as Combination[]) {
            const hit = c.verdict.findings.some((f) => f.severity === severity && code.test(f.code));
            expect(hit, `${mutation.name} in ${preset}: ${c.role} on DeepSpeed ${c.deepspeed}`).toBe(true);
          }
        }
      }
    });
  }
});
