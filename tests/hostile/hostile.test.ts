// Hostile inputs: every bad file gets a clear `FILE:LINE:COL: message` and exit 1, never a stack trace, a
// hang or a half-written output; odd but valid inputs resolve as Python would. Each case runs in-process
// through the CLI's main(). Nothing here reads a clock: blow-ups are bounded by the resolver's counted
// budgets (asserted on its work counts), and the time of these inputs is in `npm run bench`.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../packages/cli/test/helpers/io.js";

const scratch = mkdtempSync(join(tmpdir(), "hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** Writes a case tree (path -> content) and returns the primary file's path (the first entry). */
function tree(files: Record<string, string | Buffer>): string {
  const dir = join(scratch, `case${counter++}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return join(dir, Object.keys(files)[0]!);
}

/** The CLI in-process (the CLI tests' captured Io). */
const cli = (argv: string[]) => run(argv, { cwd: scratch });

const resolveJson = (primary: string, ...extra: string[]) =>
  cli(["resolve", primary, "--format", "json", ...extra]);

/** Exit 1, a `file:line:col:` position in `file` (a file or the case directory), no stack trace. */
async function expectCleanError(primary: string, file = primary, extra: string[] = []) {
  const r = await resolveJson(primary, ...extra);
  expect(r.code, r.stderr).toBe(1);
  expect(r.stdout).toBe("");
  // FILE:LINE:COL at the start of a line, where FILE is `file` or a file below it.
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  expect(r.stderr).toMatch(new RegExp(`^${escaped}[^\\s:]*:\\d+:\\d+: `, "m"));
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

describe("malformed YAML: exit 1 with file, line and column", () => {
  const cases: Record<string, string> = {
    "unclosed double quote": 'a: "abc\nb: 1\n',
    "unclosed flow sequence": "a: [1, 2\nb: 1\n",
    "unclosed flow mapping": "a: {x: 1\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
    "tab indentation": "a:\n\tb: 1\n",
    "mapping value in a plain scalar": "a: b: c\n",
    "stray closing bracket": "a: ]\n",
    "undefined alias": "a: *nope\n",
    "duplicate key": "a: 1\na: 2\n",
    "invalid escape": 'a: "\\q"\n',
    "two documents": "a: 1\n---\nb: 2\n",
    "python tag": "a: !!python/object:os.system {}\n",
    "python name tag": "a: !!python/name:os.system\n",
    "unknown local tag": "a: !custom 1\n",
    "NUL byte": "a: 1\nb: x\u0000y\n",
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, async () => {
      await expectCleanError(tree({ "main.yaml": text }));
    });
  }

  it("invalid UTF-8 bytes", async () => {
    await expectCleanError(tree({ "main.yaml": Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) }));
  });

  it("a malformed preset is reported at the preset's own file", async () => {
    const primary = tree({
      "examples/exp/main.yaml": "defaults:\n  - ../config/bad@_here_\nx: 1\n",
      "examples/config/bad.yaml": "bad:\n  a: [1\n",
    });
    await expectCleanError(primary, join(dirname(primary), "../config/bad.yaml").replace("/exp/../", "/"));
  });
});

describe("structural problems", () => {
  it("defaults that is not a list (Hydra's message)", async () => {
    const r = await expectCleanError(tree({ "main.yaml": "defaults:\n  a: b\nx: 1\n" }));
    expect(r.stderr).toContain("defaults must be a list");
  });

  it("a missing defaults entry names the entry", async () => {
    const r = await expectCleanError(tree({ "main.yaml": "defaults:\n  - nope@_here_\nx: 1\n" }));
    expect(r.stderr).toContain("nope");
  });

  it("a directory where a config file should be", async () => {
    const primary = tree({ "main.yaml": "defaults:\n  - d@_here_\nx: 1\n", "d.yaml/inner.txt": "x" });
    const r = await resolveJson(primary);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a symlink loop as a defaults entry", async () => {
    const primary = tree({ "main.yaml": "defaults:\n  - loop@_here_\nx: 1\n" });
    symlinkSync(join(dirname(primary), "loop.yaml"), join(dirname(primary), "loop.yaml"));
    const r = await resolveJson(primary);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a top-level list primary is Hydra's ConfigCompositionException", async () => {
    const r = await resolveJson(tree({ "main.yaml": "- 1\n- 2\n" }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("must be a DictConfig, got ListConfig");
  });
});

describe("defaults paths escaping the project", () => {
  it("are refused at the defaults entry unless --allow-outside, and never read into output", async () => {
    const primary = tree({
      "repo/examples/exp/main.yaml": "x: 1\ndefaults:\n  - ../../../secret@_here_\n",
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "secret.yaml": "secret: hunter2\n",
    });
    const r = await expectCleanError(primary);
    expect(r.stderr).toContain(`${primary}:3:`);
    expect(r.stderr).toContain("--allow-outside");
    expect(r.stderr).not.toContain("hunter2");
    const allowed = await resolveJson(primary, "--allow-outside");
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('"secret": "hunter2"');
  });
});

describe("cycles: a clean error naming the cycle", () => {
  const chains: Record<string, Record<string, string>> = {
    "defaults cycle of length 1": { "a.yaml": "defaults:\n  - a@_here_\nx: 1\n" },
    "defaults cycle of length 2": {
      "a.yaml": "defaults:\n  - b@_here_\nx: 1\n",
      "b.yaml": "defaults:\n  - a@_here_\ny: 1\n",
    },
    "defaults cycle of length 3": {
      "a.yaml": "defaults:\n  - b@_here_\nx: 1\n",
      "b.yaml": "defaults:\n  - c@_here_\ny: 1\n",
      "c.yaml": "defaults:\n  - a@_here_\nz: 1\n",
    },
  };
  for (const [name, files] of Object.entries(chains)) {
    it(name, async () => {
      const primary = tree(files);
      const r = await expectCleanError(primary, dirname(primary));
      for (const f of Object.keys(files)) expect(r.stderr).toContain(f.replace(".yaml", ""));
    });
  }

  const interpolations: Record<string, string> = {
    "interpolation cycle of length 1": "a: ${a}\n",
    "interpolation cycle of length 2": "a: ${b}\nb: ${a}\n",
    "interpolation cycle of length 3": "a: ${b}\nb: ${c}\nc: ${a}\n",
  };
  for (const [name, text] of Object.entries(interpolations)) {
    it(name, async () => {
      const r = await expectCleanError(tree({ "main.yaml": text }));
      expect(r.stderr).toContain("Recursive interpolation detected");
    });
  }
});

describe("big and deep inputs resolve or fail cleanly", () => {
  it("an alias bomb (billion laughs) is refused", async () => {
    let text = 'l0: &l0 ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 10; i++) text += `l${i}: &l${i} [${new Array(10).fill(`*l${i - 1}`).join(",")}]\n`;
    await expectCleanError(tree({ "main.yaml": text }));
  });

  it("a 10 MB scalar", async () => {
    const r = await resolveJson(tree({ "main.yaml": `a: ${"x".repeat(10 * 1024 * 1024)}\nb: \${a}\n` }));
    expect(r.code, r.stderr.slice(0, 300)).toBe(0);
  });

  it("a 100k-key mapping keeps its order", async () => {
    let text = "";
    for (let i = 0; i < 100_000; i++) text += `k${i}: ${i}\n`;
    const r = await resolveJson(tree({ "main.yaml": text }));
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('"k99999"')).toBeGreaterThan(r.stdout.indexOf('"k0"'));
  });

  for (const style of ["block", "flow"] as const) {
    it(`5,000-deep nesting (${style})`, async () => {
      const depth = 5000;
      const text =
        style === "flow"
          ? `a: ${"{b: ".repeat(depth)}1${"}".repeat(depth)}\n`
          : `${Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} 1\n`;
      const r = await resolveJson(tree({ "main.yaml": text }));
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (r.code === 1) expect(r.stderr).toMatch(/:\d+:\d+: /);
    });
  }

  it("an interpolation chain 2,000 long", async () => {
    let text = "v0: 42\n";
    for (let i = 1; i <= 2000; i++) text += `v${i}: \${v${i - 1}}\n`;
    const r = await resolveJson(tree({ "main.yaml": text }));
    expect(r.code, r.stderr.slice(0, 300)).toBe(0);
    expect(r.stdout).toContain('"v2000": 42');
  });
});

describe("keys and values that JavaScript mishandles are ordinary in Python", () => {
  it("__proto__, constructor, prototype, toString are kept as keys; nothing is polluted", async () => {
    const text =
      "__proto__:\n  polluted: 1\nconstructor:\n  prototype:\n    polluted: 2\ntoString: x\nnested:\n  __proto__: ${__proto__}\n";
    const r = await resolveJson(tree({ "main.yaml": text }));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout, (_k, v) => v)).toBeDefined();
    expect(r.stdout).toContain('"__proto__": {\n  "polluted": 1\n }');
    expect(r.stdout).toContain('"toString": "x"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("integer-like keys mixed with strings keep the file's order", async () => {
    const r = await resolveJson(tree({ "main.yaml": "b: 1\n2: x\na: 3\n1: y\n" }));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n "b": 1,\n "2": "x",\n "a": 3,\n "1": "y"\n}\n');
  });

  it('integers beyond 2^53 stay exact; floats print as Python\'s json does; NaN and inf as {"$float"} (strict JSON)', async () => {
    const primary = tree({
      "main.yaml": "big: 123456789012345678901234567890\nf: 1.0e+9\nn: .nan\ni: -.inf\n",
    });
    const r = await resolveJson(primary);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '{\n "big": 123456789012345678901234567890,\n "f": 1000000000.0,\n "n": {\n  "$float": "nan"\n },\n "i": {\n  "$float": "-inf"\n }\n}\n',
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ n: { $float: "nan" }, i: { $float: "-inf" } });
    // Each one is named where it was written.
    expect(r.stderr).toContain(`${primary}:3:4: warning: n is nan, which JSON cannot hold`);
    expect(r.stderr).toContain(`${primary}:4:4: warning: i is -inf, which JSON cannot hold`);
  });

  it("merge keys and anchors work as PyYAML's SafeLoader does", async () => {
    const r = await resolveJson(tree({ "main.yaml": "base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n" }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"d": {\n  "x": 1,\n  "y": 3\n }');
  });

  it("a BOM is skipped", async () => {
    const r = await resolveJson(tree({ "main.yaml": "\uFEFFa: 1\n" }));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n "a": 1\n}\n');
  });

  it("an empty primary file is an empty config", async () => {
    const r = await resolveJson(tree({ "main.yaml": "" }));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("{}\n");
  });
});

describe("odd strings come through as Hydra gives them (recorded: scripts/record-odd-strings.mjs)", () => {
  const dir = fileURLToPath(new URL("./fixtures/odd-strings/", import.meta.url));
  const recorded = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as {
    values: Record<string, { json: string; code_points: number[] }>;
  };
  const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
  // String.prototype.isWellFormed is ES2024; the repository targets an older lib.
  const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it("--format json is well-formed UTF-8 JSON whose strings are Python's, code point for code point", async () => {
    const r = await resolveJson(join(dir, "conf/config.yaml"));
    expect(r.code, r.stderr).toBe(0);
    // A lone surrogate written raw would become U+FFFD on the way to UTF-8: it is escaped instead.
    expect(r.stdout).not.toMatch(LONE_SURROGATE);
    expect(r.stdout).not.toContain("\ufffd");
    const ours = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(ours)).toEqual(Object.keys(recorded.values));
    for (const [key, { json, code_points }] of Object.entries(recorded.values)) {
      expect(ours[key], key).toBe(JSON.parse(json));
      // Known difference (package README): two escaped surrogates form one JS character, two Python ones.
      if (key === "escaped_pair") expect(codePoints(ours[key]!)).toEqual([0x1f600]);
      else expect(codePoints(ours[key]!), key).toEqual(code_points);
    }
  });

  it("--format yaml reads back to the same strings", async () => {
    const r = await cli(["resolve", join(dir, "conf/config.yaml"), "--format", "yaml"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(LONE_SURROGATE);
    const back = tree({ "main.yaml": r.stdout });
    const again = JSON.parse((await resolveJson(back)).stdout) as Record<string, string>;
    for (const [key, { json }] of Object.entries(recorded.values))
      expect(again[key], key).toBe(JSON.parse(json));
  });
});

describe("-o never leaves a partial file", () => {
  it("nothing is written when resolution fails, and an existing output stays as it was", async () => {
    const primary = tree({ "main.yaml": "a: ${nope}\n" });
    const out = join(dirname(primary), "out.json");
    let r = await cli(["resolve", primary, "--format", "json", "-o", out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    writeFileSync(out, "previous\n");
    r = await cli(["resolve", primary, "--format", "json", "-o", out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
  });
});
