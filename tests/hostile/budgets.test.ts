// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OmegaConf interpolations are literal "${...}" text
// Hostile input, round two (issue 16): inputs that grow (alias bombs, strings or subtrees that double at
// each interpolation level) or nest 20,000 deep. Each one, through every command that reads a config
// (`resolve`, `validate`, `explain`) and sitting in an included preset, gives the same clean error at the
// same file:line:col (an alias, an interpolation or a node), exit 1, never an "internal error". The work
// done before refusing is counted (Budget), never timed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Budget, isConfigError, LIMITS, resolve } from "@roll/config-resolver";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../packages/cli/test/helpers/io.js";

const scratch = mkdtempSync(join(tmpdir(), "hostile-budgets-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function write(files: Record<string, string>): string {
  const dir = join(scratch, `case${counter++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, Object.keys(files)[0]!);
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i));

interface Case {
  text: string;
  /** Python exception type and a piece of the message. */
  type: string;
  message: string;
  /** What the text at the reported line:column starts with. */
  at: RegExp;
  /** The exact line, when it follows from the input alone. */
  line?: number;
}

const CASES: Record<string, Case> = {
  "alias bomb (ten aliases of ten aliases, nine levels)": {
    text: `${[
      'l0: &l0 ["x","x","x","x","x","x","x","x","x","x"]',
      ...lines(9, (i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(",")}]`),
    ].join("\n")}\n`,
    type: "ResourceLimitError",
    message: "aliases expand the document by more than 100000 nodes",
    at: /^\*l\d/,
    line: 5, // l4's aliases cross 100,000 (see yaml-errors.test.ts)
  },
  "alias bomb of mappings and a merge key": {
    text: `${[
      "m0: &m0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x, j: x}",
      ...lines(9, (i) => `m${i + 1}: &m${i + 1} {${lines(10, (j) => `k${j}: *m${i}`).join(", ")}}`),
      "top:\n  <<: *m9",
    ].join("\n")}\n`,
    type: "ResourceLimitError",
    message: "aliases expand the document by more than 100000 nodes",
    at: /^\*m\d/,
    line: 5,
  },
  "a string that doubles at each of 40 interpolation levels": {
    text: `${["s0: ab", ...lines(40, (i) => `s${i + 1}: \${s${i}}\${s${i}}`)].join("\n")}\n`,
    type: "ResourceLimitError",
    message: "an interpolation result is longer than 16777216 characters",
    at: /^\$\{s23\}\$\{s23\}/,
    line: 25, // s24 = 2^25 characters is the first past 2^24
  },
  "a subtree that doubles at each of 40 interpolation levels": {
    text: `${["t0: [1, 2]", ...lines(40, (i) => `t${i + 1}: ['\${t${i}}', '\${t${i}}']`)].join("\n")}\n`,
    type: "ResourceLimitError",
    message: "interpolations copy more than 100000 nodes",
    at: /^'\$\{t\d+\}'/,
  },
  "20,000 unclosed ${ in one string": {
    text: `a: "${"${".repeat(20_000)}"\n`,
    type: "ConfigCompositionException", // Hydra wraps the GrammarParseError met while loading the file
    message: "nested deeper than 200 levels",
    at: /^"\$\{\$\{/,
    line: 1,
  },
  "20,000 resolver arguments nested in brackets": {
    text: `a: "\${oc.create:${"[".repeat(20_000)}${"]".repeat(20_000)}}"\n`,
    type: "ConfigCompositionException", // Hydra wraps the GrammarParseError met while loading the file
    message: "nested deeper than 200 levels",
    at: /^"\$\{oc\.create/,
    line: 1,
  },
  "a 20,000-long chain of string interpolations, read from its far end": {
    text: `${[...lines(20_000, (i) => `v${20_000 - i}: x\${v${19_999 - i}}`), "v0: 1"].join("\n")}\n`,
    type: "RecursionError",
    message: "interpolations nested deeper than 256 levels",
    at: /^x\$\{v\d+\}/,
    line: 257,
  },
  "a 20,000-long chain of oc.select, read from its far end": {
    text: `${[...lines(20_000, (i) => `v${20_000 - i}: \${oc.select:v${19_999 - i}}`), "v0: 1"].join("\n")}\n`,
    type: "RecursionError",
    message: "interpolations nested deeper than 256 levels",
    at: /^\$\{oc\.select:v\d+\}/,
    line: 257,
  },
  "20,000 dicts nested through interpolations": {
    text: `${[...lines(20_000, (i) => `v${20_000 - i}: {x: '\${v${19_999 - i}}'}`), "v0: 1"].join("\n")}\n`,
    type: "RecursionError",
    message: "containers nested deeper than 1000 levels",
    at: /^'\$\{v\d+\}'/,
  },
  "20,000-deep flow mappings in the file": {
    text: `a: ${"{b: ".repeat(20_000)}1${"}".repeat(20_000)}\n`,
    type: "RecursionError",
    message: "containers nested deeper than 1000 levels",
    at: /^\{b: /,
    line: 1,
  },
  // Block nesting needs one more space per level (20,000 levels would be a 200 MB file): 1,500 is past the limit.
  "1,500-deep block sequences in the file": {
    text: `a:\n${lines(1_500, (i) => `${" ".repeat(i)}-`).join("\n")} 1\n`,
    type: "RecursionError",
    message: "containers nested deeper than 1000 levels",
    at: /^-/,
    line: 1002, // the root mapping is level 0, `a`'s sequence (line 2) level 1
  },
};

/** The text of `file` at 1-based line:column (columns count code points, as PyYAML's marks do). */
function textAt(file: string, line: number, column: number): string {
  const row = readFileSync(file, "utf8").split("\n")[line - 1] ?? "";
  return [...row].slice(column - 1).join("");
}

const POSITION = (file: string) =>
  new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+): `, "m");

/** Runs the four ways of reading `primary` and returns the position each reported (they must agree). */
async function positions(primary: string, reported: string, c: Case, key = "a"): Promise<string[]> {
  const found: string[] = [];
  const resolved = await run(["resolve", primary, "--format", "json"], { cwd: scratch });
  expect(resolved.code, resolved.stderr.slice(0, 300)).toBe(1);
  expect(resolved.stdout).toBe("");
  expect(resolved.stderr).not.toContain("internal error");
  expect(resolved.stderr).toContain(c.message);
  const m = POSITION(reported).exec(resolved.stderr);
  expect(m, resolved.stderr.slice(0, 300)).not.toBeNull();
  found.push(`${m![1]}:${m![2]}`);

  const explained = await run(["explain", primary, key], { cwd: scratch });
  expect(explained.code, explained.stderr.slice(0, 300)).toBe(1);
  expect(explained.stderr).not.toContain("internal error");
  const e = POSITION(reported).exec(explained.stderr);
  expect(e, explained.stderr.slice(0, 300)).not.toBeNull();
  found.push(`${e![1]}:${e![2]}`);

  const validated = await run(["validate", primary, "--format", "json"], { cwd: scratch });
  expect(validated.code, validated.stderr.slice(0, 300)).toBe(1);
  expect(validated.stderr).not.toContain("internal error");
  const diagnostics = JSON.parse(validated.stdout).diagnostics as {
    code: string;
    message: string;
    file?: string;
    line?: number;
    column?: number;
  }[];
  const compose = diagnostics.find((d) => d.code === "roll/compose");
  expect(compose?.message).toContain(`${c.type}: `);
  expect(compose?.message).toContain(c.message);
  expect(compose?.file).toBe(reported);
  found.push(`${compose?.line}:${compose?.column}`);
  return found;
}

// Six runs of 20,000-line inputs per case: an explicit timeout, so a loaded CI machine does not fail them.
const HEAVY = { timeout: 180_000 };

describe("every hostile input fails the same clean way in resolve, explain, validate and through a preset", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, HEAVY, async () => {
      // 1. The config itself.
      const primary = write({ "main.yaml": c.text });
      const direct = await positions(primary, primary, c);
      expect(new Set(direct).size, direct.join(" ")).toBe(1);
      const [line, column] = direct[0]!.split(":").map(Number) as [number, number];
      if (c.line !== undefined) expect(line).toBe(c.line);
      expect(textAt(primary, line, column)).toMatch(c.at);

      // 2. The same text as a preset a ROLL config includes (@_here_ keeps its keys at the top level).
      const withPreset = write({
        "examples/exp/main.yaml": "defaults:\n  - ../config/hostile@_here_\n  - _self_\nseed: 1\n",
        "examples/config/hostile.yaml": c.text,
      });
      const preset = join(dirname(withPreset), "../config/hostile.yaml").replace("/exp/../", "/");
      const throughPreset = await positions(withPreset, preset, c, "seed");
      expect(throughPreset).toEqual(direct);
    });
  }
});

describe("the work done before refusing is bounded (counted, not timed)", () => {
  const budgeted = Object.entries(CASES).filter(([, c]) => !c.message.startsWith("aliases"));
  for (const [name, c] of budgeted) {
    it(name, () => {
      const primary = write({ "main.yaml": c.text });
      const budget = new Budget();
      let error: unknown;
      try {
        resolve(primary, { budget });
      } catch (e) {
        error = e;
      }
      expect(isConfigError(error) && error.pythonType).toBe(c.type);
      const { counts } = budget;
      expect(LIMITS.work).toBeGreaterThanOrEqual(counts.work);
      expect(LIMITS.copiedNodes + 1).toBeGreaterThanOrEqual(counts.copiedNodes); // +1: the one refused
      // A doubling is stopped at the limit: the work is of the order of the limit, not of 2^40.
      expect(2 * LIMITS.copiedNodes + 50_000).toBeGreaterThanOrEqual(counts.nodesWritten);
    });
  }
});

describe("a 20,000-level key on the command line (+a.a.a…=1)", () => {
  const deep = `+${Array(20_000).fill("a").join(".")}=1`;

  it(
    "resolves with --no-resolve, and is refused cleanly where it is resolved or validated",
    HEAVY,
    async () => {
      const primary = write({ "main.yaml": "x: 1\n" });
      const composed = await run(["resolve", primary, "--no-resolve", "--format", "json", deep], {
        cwd: scratch,
      });
      expect(composed.code, composed.stderr.slice(0, 300)).toBe(0);
      expect(composed.stdout.split("\n").length).toBeGreaterThan(20_000);
      for (const argv of [
        ["resolve", primary, "--format", "json", deep],
        ["explain", primary, "x", deep],
        ["validate", primary, "--format", "json", deep],
      ]) {
        const r = await run(argv, { cwd: scratch });
        expect(r.code, `${argv[0]}: ${r.stderr.slice(0, 300)}`).toBe(1);
        expect(`${r.stdout}${r.stderr}`).toContain("containers nested deeper than 1000 levels");
        expect(r.stderr).not.toContain("internal error");
      }
    },
  );
});

describe("deepspeed validate walks a 20,000-deep DeepSpeed JSON without overflowing", () => {
  for (const [name, value] of [
    ["objects", `${'{"a": '.repeat(20_000)}"auto"${"}".repeat(20_000)}`],
    ["lists", `${"[".repeat(20_000)}${"]".repeat(20_000)}`],
  ] as const) {
    it(name, async () => {
      const file = write({ "ds.json": `{"train_batch_size": 8, "x": ${value}}\n` });
      const r = await run(["deepspeed", "validate", file], { cwd: scratch });
      expect(r.stderr).not.toContain("internal error");
      // The deep "auto" is an error (nothing fills it), reported like any other, at its position.
      expect(r.code, r.stderr.slice(0, 300)).toBe(name === "objects" ? 1 : 0);
      expect(r.stdout).toContain('Unknown top-level key "x"');
      if (name === "objects") expect(r.stdout).toMatch(/ds\.json:1:\d+: error /);
    });
  }
});

describe("long but not deep inputs resolve", () => {
  it("a 20,000-item list, a 20,000-key mapping and a 20,000-link interpolation chain", HEAVY, async () => {
    const text = [
      `list: [${lines(20_000, (i) => String(i)).join(", ")}]`,
      "map:",
      ...lines(20_000, (i) => `  k${i}: ${i}`),
      "c0: 1",
      ...lines(20_000, (i) => `c${i + 1}: \${c${i}}`),
    ].join("\n");
    const primary = write({ "main.yaml": `${text}\n` });
    const r = await run(["resolve", primary, "--format", "json"], { cwd: scratch });
    expect(r.code, r.stderr.slice(0, 300)).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.list).toHaveLength(20_000);
    expect(Object.keys(out.map)).toHaveLength(20_000);
    expect(out.c20000).toBe(1);
    const validated = await run(["validate", primary, "--format", "json"], { cwd: scratch });
    expect(validated.stderr).not.toContain("internal error");
    expect(JSON.parse(validated.stdout).diagnostics.map((d: { code: string }) => d.code)).not.toContain(
      "roll/compose",
    );
  });

  it("an interpolation recursion names its file, line and column", async () => {
    const primary = write({ "main.yaml": "a: 1\nb: ${c}\nc: ${b}\n" });
    const r = await run(["resolve", primary, "--format", "json"], { cwd: scratch });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${primary}:2:4: Recursive interpolation detected`));
  });
});
