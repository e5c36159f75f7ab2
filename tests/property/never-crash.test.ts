// Property 1 (issue 9): generated configs and defaults trees never crash or hang. resolve() either returns
// (and the result prints as JSON and YAML) or throws our typed ConfigError — never a TypeError, RangeError
// or any other error — with work linear in the input (counted, not timed), and nothing leaks onto
// Object.prototype.
import { statSync } from "node:fs";
import { join } from "node:path";
import {
  isConfigError,
  type ResolveOptions,
  resolve,
  toPlain,
  toPythonJson,
  toYaml,
} from "@roll/config-resolver";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { logRuns, params, prototypesPolluted, Scratch } from "./support.js";
import { emit, fillSlots, RAW_STYLE, type Spec, styleArb, topIdentPaths, treeArb } from "./yaml-gen.js";

const scratch = new Scratch();
let maxWorkPerByte = 0;
afterAll(() => {
  scratch.cleanup();
  console.log(
    `[property] never-crash: at most ${maxWorkPerByte.toFixed(2)} units of work per byte of config`,
  );
});

/** Resolution work (interpolations + nodes written + characters built) per byte of config read, at most. */
const WORK_PER_BYTE = 20;
const NOW = new Date("2026-01-02T03:04:05Z");
const ENV = { HOME: "/home/roll", EMPTY: "" };

/** Outcome counts per property, printed so the log shows that both branches were exercised. */
type Tally = Record<string, number>;
const bump = (tally: Tally, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/**
 * Runs resolve() and checks the contract: a result (that prints) or a ConfigError with a message and a
 * format() line; never another error type; work linear in the input; no prototype pollution. Returns the
 * outcome's name.
 */
function checkResolve(primary: string, options: ResolveOptions): string {
  let outcome: string;
  try {
    const result = resolve(primary, { env: ENV, now: NOW, ...options });
    const bytes = result.files.reduce((sum, f) => sum + statSync(f).size, 0);
    maxWorkPerByte = Math.max(maxWorkPerByte, result.work.work / Math.max(bytes, 1));
    expect(WORK_PER_BYTE * Math.max(bytes, 1), `work ${JSON.stringify(result.work)}`).toBeGreaterThanOrEqual(
      result.work.work,
    );
    // The printers are part of "never crash": what resolves must also print.
    toPythonJson(result.config);
    toPythonJson(result.config, { nonFinite: "tagged" });
    toYaml(result.config);
    toPlain(result.config);
    outcome = "ok";
  } catch (e) {
    if (!isConfigError(e)) {
      // Surface the real error (with its stack) as the counterexample's failure.
      throw new Error(`resolve(${primary}) threw a non-ConfigError: ${(e as Error)?.stack ?? String(e)}`);
    }
    expect(typeof e.pythonType).toBe("string");
    expect(e.pythonType.length).toBeGreaterThan(0);
    expect(typeof e.format()).toBe("string");
    outcome = e.pythonType;
  }
  expect(prototypesPolluted()).toBe(false);
  return outcome;
}

const optionsArb: fc.Arbitrary<ResolveOptions> = fc.record({
  resolve: fc.boolean(),
  throwOnMissing: fc.boolean(),
  versionBase: fc.constantFrom<"1.1" | "1.3">("1.1", "1.3"),
});

/** Mostly no overrides, so most cases get past override parsing into composition. */
const overridesArb = () =>
  fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 3 },
    { arbitrary: fc.array(fc.constantFrom(...OVERRIDES), { minLength: 1, maxLength: 2 }), weight: 1 },
  );

const OVERRIDES = [
  "a=1",
  "+z=2",
  "++b.c=3",
  "~a",
  "~lr",
  "a=[1,2]",
  "a={x: 1}",
  "lr='${a}'",
  "lr=${oc.env:HOME}",
  "bad==",
  "a=1,2",
  "=x",
  "+a",
  "g=o1",
  "g=o9",
  "+g@pkg=o0",
  "~g",
  "g=null",
  "f0=x",
  "hydra.job.name=x",
  "defaults=[]",
  "__proto__.polluted=1",
  "+__proto__.polluted=1",
  "constructor.prototype.polluted=1",
];

describe("property 1: generated configs never crash or hang", () => {
  it("single-file configs of every YAML 1.1 scalar kind, with interpolations to existing, missing and cyclic keys", () => {
    const tally: Tally = {};
    const arb = fc.record({
      tree: treeArb({ hostile: true, maxDepth: 4, maxKeys: 6 }),
      options: optionsArb,
      overrides: overridesArb(),
    });
    fc.assert(
      fc.property(arb, ({ tree, options, overrides }) => {
        // Extra targets: the tree's own top-level keys (an ancestor of the slot: a cycle) and missing keys.
        const filled = fillSlots(tree, [...topIdentPaths(tree), "missing", "a.nope", "lr"]);
        const dir = scratch.write("generated", { "main.yaml": emit(filled, RAW_STYLE) });
        bump(tally, checkResolve(join(dir, "main.yaml"), { ...options, overrides }));
      }),
      params("hostileConfigs"),
    );
    logRuns("hostileConfigs", JSON.stringify(tally));
    expect(tally.ok ?? 0).toBeGreaterThan(0);
  });

  it("mutated config text (YAML indicators, control characters, bad UTF-8 bytes, cut ranges, re-indented lines)", () => {
    const tally: Tally = {};
    const mutation = fc.record({
      op: fc.constantFrom("insert", "insert", "delete", "duplicate", "indent", "indent", "bytes"),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 8 }),
      ch: fc.constantFrom(..."-:?[]{},#&*!|>'\"%@`\t\n\r \\$.=~\u0000\u0085\ufeff\u2028é"),
    });
    const arb = fc.record({
      tree: treeArb({ hostile: false, maxDepth: 3, maxKeys: 5 }),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
      options: optionsArb,
      style: styleArb,
    });
    fc.assert(
      fc.property(arb, ({ tree, mutations, options, style }) => {
        let text = emit(fillSlots(tree), style);
        // Raw bytes spliced in after encoding: invalid UTF-8, an encoded surrogate, an overlong NUL.
        const byteSplices: { at: number; bytes: number[] }[] = [];
        for (const m of mutations) {
          if (m.op === "bytes") {
            const choices = [[0xff], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xef, 0xbb, 0xbf]];
            byteSplices.push({ at: m.at, bytes: choices[m.length % choices.length]! });
            continue;
          }
          const at = text.length === 0 ? 0 : m.at % (text.length + 1);
          if (m.op === "insert") text = text.slice(0, at) + m.ch + text.slice(at);
          else if (m.op === "delete") text = text.slice(0, at) + text.slice(at + m.length);
          else {
            const lines = text.split("\n");
            const i = lines.length === 0 ? 0 : m.at % lines.length;
            if (m.op === "duplicate") lines.splice(i, 0, lines[i] ?? "");
            else lines[i] = " ".repeat(m.length) + (lines[i] ?? "");
            text = lines.join("\n");
          }
        }
        let bytes = Buffer.from(text, "utf8");
        for (const splice of byteSplices) {
          const at = splice.at % (bytes.length + 1);
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(splice.bytes), bytes.subarray(at)]);
        }
        const dir = scratch.write("mutated", { "main.yaml": bytes });
        bump(tally, checkResolve(join(dir, "main.yaml"), options));
      }),
      params("mutatedConfigs"),
    );
    logRuns("mutatedConfigs", JSON.stringify(tally));
    expect(Object.keys(tally).length).toBeGreaterThan(1);
  });

  it("defaults trees: nested, cyclic, _here_ / package / group entries, missing files, junk entries", () => {
    const tally: Tally = {};
    const fileCount = 4;
    const optionCount = 3;
    const fileRef = fc.integer({ min: 0, max: fileCount }); // == fileCount: a missing file
    const optRef = fc.integer({ min: 0, max: optionCount }); // == optionCount: a missing option
    const valid: fc.Arbitrary<string> = fc.oneof(
      fc.constant("_self_"),
      fileRef.map((i) => `f${i}`),
      fileRef.map((i) => `f${i}@_here_`),
      fileRef.map((i) => `f${i}@pkg.sub`),
      fileRef.map((i) => `/f${i}`),
      optRef.map((j) => `g: o${j}`),
      optRef.map((j) => `g@_here_: o${j}`),
      optRef.map((j) => `g@pkg: o${j}`),
      optRef.map((j) => `optional g: o${j}`),
      optRef.map((j) => `o${j}`), // inside a group file: a sibling option (relative)
      optRef.map((j) => `o${j}@_here_`),
    );
    const odd: fc.Arbitrary<string> = fc.oneof(
      fileRef.map((i) => `../f${i}`),
      fileRef.map((i) => `f${i}.yaml`),
      optRef.map((j) => `override g: o${j}`),
      fc.constantFrom(
        "g: null",
        "g: ???",
        "g: [o0, o1]",
        "g/h: o0",
        "g",
        "/g/o0",
        "nope: x",
        "{a: 1, b: 2}",
        "1",
        "null",
        "[x]",
        "''",
        "_self_@pkg",
        "f0@",
        "@_here_",
        "optional: x",
        "g/o0@__proto__",
      ),
    );
    const entry = fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: odd, weight: 1 });
    const defaultsBlock: fc.Arbitrary<string> = fc.oneof(
      {
        arbitrary: fc
          .array(entry, { minLength: 1, maxLength: 4 })
          .map((es) => `defaults:\n${es.map((e) => `  - ${e}\n`).join("")}`),
        weight: 12,
      },
      { arbitrary: fc.constantFrom("", "defaults: []\n"), weight: 4 },
      { arbitrary: fc.constantFrom("defaults: 3\n", "defaults: {a: 1}\n", "defaults:\n"), weight: 1 },
    );
    const fileArb = fc.record({
      defaults: defaultsBlock,
      body: treeArb({ hostile: false, maxDepth: 2, maxKeys: 4 }),
      header: fc.constantFrom(
        "",
        "",
        "",
        "# @package _global_\n",
        "# @package foo.bar\n",
        "# @package _group_\n",
      ),
    });
    const arb = fc.record({
      files: fc.array(fileArb, { minLength: fileCount, maxLength: fileCount }),
      options: fc.array(fileArb, { minLength: optionCount, maxLength: optionCount }),
      nested: fileArb,
      resolveOptions: optionsArb,
      overrides: overridesArb(),
    });
    const text = (f: { defaults: string; body: Spec; header: string }, extra: string[]) => {
      const body = emit(fillSlots(f.body, extra));
      return f.header + f.defaults + (body === "{}\n" ? "" : body);
    };
    fc.assert(
      fc.property(arb, ({ files, options, nested, resolveOptions, overrides }) => {
        const targets = files.flatMap((f) => topIdentPaths(f.body)).slice(0, 8);
        const tree: Record<string, string> = {};
        files.forEach((f, i) => {
          tree[`f${i}.yaml`] = text(f, targets);
        });
        options.forEach((f, j) => {
          tree[`g/o${j}.yaml`] = text(f, targets);
        });
        tree["g/h/o0.yaml"] = text(nested, targets);
        const dir = scratch.write("defaults-tree", tree);
        bump(tally, checkResolve(join(dir, "f0.yaml"), { ...resolveOptions, overrides }));
      }),
      params("defaultsTrees"),
    );
    logRuns("defaultsTrees", JSON.stringify(tally));
    expect(tally.ok ?? 0).toBeGreaterThan(0);
    expect(Object.keys(tally).length).toBeGreaterThan(2);
  });
});
