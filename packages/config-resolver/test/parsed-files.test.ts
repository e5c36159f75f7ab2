// The parsed-file cache behind repeated resolves in one process (batch validate, the language server): an
// unchanged file is not parsed again, any edit is seen, and no resolve sees what another one changed.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { toPlain } from "../src/output/json.js";
import { resolve } from "../src/resolve.js";
import * as yaml from "../src/yaml/load.js";

// Every parse of a config file goes through loadYaml: a spy that calls through counts them.
vi.mock("../src/yaml/load.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/yaml/load.js")>();
  return { ...real, loadYaml: vi.fn(real.loadYaml) };
});
const parses = vi.mocked(yaml.loadYaml);

const scratch = realpathSync(mkdtempSync(join(tmpdir(), "parsed-files-")));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let trees = 0;
function tree(): { primary: string; preset: string } {
  const root = join(scratch, `t${trees++}`);
  mkdirSync(join(root, "examples", "config"), { recursive: true });
  mkdirSync(join(root, "examples", "run"));
  const preset = join(root, "examples", "config", "zero.yaml");
  const primary = join(root, "examples", "run", "main.yaml");
  writeFileSync(preset, "zero:\n  stage: 2\n  opts: [a, b]\n");
  writeFileSync(primary, "defaults:\n  - ../config/zero@_here_\n  - _self_\nseed: 1\nds: ${zero}\n");
  return { primary, preset };
}

describe("resolve() parses an unchanged file once per process", () => {
  it("a second resolve of the same tree parses nothing; editing one file parses that file only", () => {
    const { primary, preset } = tree();
    parses.mockClear();
    resolve(primary);
    expect(parses.mock.calls.map(([, file]) => file)).toEqual([primary, preset]);
    parses.mockClear();
    resolve(primary);
    expect(parses).not.toHaveBeenCalled();
    writeFileSync(preset, "zero:\n  stage: 3\n  opts: [a, b]\n");
    const edited = resolve(primary);
    expect(parses.mock.calls.map(([, file]) => file)).toEqual([preset]);
    expect(toPlain(edited.config)).toMatchObject({ zero: { stage: 3 }, ds: { stage: 3 } });
  });

  it("sees an edit that keeps the file's size and modification time", () => {
    const { primary, preset } = tree();
    expect(toPlain(resolve(primary).config)).toMatchObject({ zero: { stage: 2 } });
    const before = statSync(preset);
    writeFileSync(preset, "zero:\n  stage: 7\n  opts: [a, b]\n");
    utimesSync(preset, before.atime, before.mtime);
    expect(statSync(preset).size).toBe(before.size);
    expect(toPlain(resolve(primary).config)).toMatchObject({ zero: { stage: 7 }, ds: { stage: 7 } });
  });

  it("an editor buffer and the disk are told apart by their text", () => {
    const { primary, preset } = tree();
    const buffer = (file: string) => (file === preset ? "zero:\n  stage: 3\n" : undefined);
    expect(toPlain(resolve(primary, { readText: buffer }).config)).toMatchObject({ zero: { stage: 3 } });
    expect(toPlain(resolve(primary).config)).toMatchObject({ zero: { stage: 2 } });
    expect(toPlain(resolve(primary, { readText: buffer }).config)).toMatchObject({ zero: { stage: 3 } });
  });

  it("what one resolve changes (overrides, merges, the caller's edits of its result) no other resolve sees", () => {
    const { primary } = tree();
    const first = resolve(primary, { overrides: ["seed=2", "zero.stage=5", "+zero.extra=1"] });
    expect(toPlain(first.config)).toMatchObject({ seed: 2, zero: { stage: 5, extra: 1 } });
    if (first.config.kind === "dict") first.config.entries.clear();
    const again = resolve(primary);
    expect(toPlain(again.config)).toEqual({
      zero: { stage: 2, opts: ["a", "b"] },
      seed: 1,
      ds: { stage: 2, opts: ["a", "b"] },
    });
    expect(again.files).toEqual(first.files);
  });

  it("a file that fails to parse fails every time, and parses once it is fixed", () => {
    const { primary, preset } = tree();
    writeFileSync(preset, "zero: [1\n");
    expect(() => resolve(primary)).toThrow(expect.objectContaining({ pythonType: "ParserError" }));
    expect(() => resolve(primary)).toThrow(expect.objectContaining({ pythonType: "ParserError" }));
    writeFileSync(preset, "zero:\n  stage: 4\n");
    expect(toPlain(resolve(primary).config)).toMatchObject({ zero: { stage: 4 } });
  });
});
