import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, run } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const EMIT = join(FIXTURES, "emit");
// What Python's json.dumps(indent=1) prints for the fixture's values once OmegaConf has loaded the YAML:
// 1e-6 is a float (1e-06), "yes" and "1" stay strings.
const EXPECTED = readFileSync(join(EMIT, "expected.json"), "utf8");

describe("roll-config emit", () => {
  it("prints YAML that composes back to the same values and types", async () => {
    const dir = scratchDir();
    const r = await run(["emit", join(EMIT, "config.ts")]);
    expect(r.code, r.stderr).toBe(0);
    writeFileSync(join(dir, "emitted.yaml"), r.stdout);
    const back = await run(["resolve", join(dir, "emitted.yaml"), "--format", "json"]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(EXPECTED);
  });

  it("-o refuses to overwrite an existing file without --force, and replaces it with --force", async () => {
    const dir = scratchDir();
    copyFileSync(join(EMIT, "config.ts"), join(dir, "config.ts"));
    const first = await run(["emit", "config.ts", "-o", "out.yaml"], { cwd: dir });
    expect(first).toEqual({ code: 0, stdout: "", stderr: "" });
    const emitted = readFileSync(join(dir, "out.yaml"), "utf8");

    writeFileSync(join(dir, "out.yaml"), "edited: true\n");
    const refused = await run(["emit", "config.ts", "-o", "out.yaml"], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/out\.yaml: file exists \(pass --force to overwrite\)\n$/);
    expect(readFileSync(join(dir, "out.yaml"), "utf8")).toBe("edited: true\n");

    const forced = await run(["emit", "config.ts", "-o", "out.yaml", "--force"], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "out.yaml"), "utf8")).toBe(emitted);
  });

  it("a module without a default export is a one-line error, exit 1", async () => {
    const r = await run(["emit", join(EMIT, "no-default.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no default export");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a module that does not compile is a one-line error, exit 1, nothing written", async () => {
    const dir = scratchDir();
    const r = await run(["emit", join(EMIT, "broken.mjs"), "-o", join(dir, "out.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("broken.mjs");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(() => readFileSync(join(dir, "out.yaml"))).toThrow();
  });

  it("usage errors exit 2", async () => {
    for (const argv of [["emit"], ["emit", "a.ts", "b.ts"], ["emit", "a.ts", "--frob"]]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain("Usage: roll-config emit");
    }
  });

  it("a missing module file exits 1", async () => {
    const r = await run(["emit", "nope.ts"]);
    expect(r).toEqual({ code: 1, stdout: "", stderr: "nope.ts: no such file\n" });
  });

  it("unwraps a CommonJS project's default export", async () => {
    const r = await run(["emit", join(EMIT, "cjs-project", "config.ts")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("exp_name: cjs-project\nseed: 7\nmax_grad_norm: 1000000000\n");
  });

  it("refuses a default export that is not a config definition, naming the file", async () => {
    const r = await run(["emit", join(EMIT, "not-a-config.ts")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /not-a-config\.ts: the default export is not a config definition \(it is a function\)/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("--check type-checks first: a type error is FILE:LINE:COL, exit 1, nothing written", async () => {
    const dir = scratchDir();
    const file = join(EMIT, "type-error.ts");
    const r = await run(["emit", file, "--check", "-o", join(dir, "out.yaml")]);
    expect(r.code).toBe(1);
    const line =
      readFileSync(file, "utf8")
        .split("\n")
        .findIndex((l) => l.includes('seed: "one"')) + 1;
    expect(r.stderr).toMatch(new RegExp(`type-error\\.ts:${line}:3: error TS2322: `));
    expect(() => readFileSync(join(dir, "out.yaml"))).toThrow();
    // Without --check the same file runs (TypeScript types are erased).
    expect((await run(["emit", file])).code).toBe(0);
    // A file that type-checks passes --check.
    expect((await run(["emit", join(EMIT, "cjs-project", "config.ts"), "--check"])).code).toBe(0);
  });
});
