// The readText hook: an editor's unsaved buffer replaces a file's content, for the primary and for presets.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolve, toPlain } from "../src/index.js";

function tree(): { primary: string; preset: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "read-text-")));
  mkdirSync(join(root, "examples", "config"), { recursive: true });
  mkdirSync(join(root, "examples", "run"));
  const preset = join(root, "examples", "config", "zero.yaml");
  const primary = join(root, "examples", "run", "main.yaml");
  writeFileSync(preset, "zero:\n  stage: 2\n");
  writeFileSync(primary, "defaults:\n  - ../config/zero@_here_\n  - _self_\nseed: 1\nds: ${zero}\n");
  return { primary, preset };
}

describe("resolve({ readText })", () => {
  it("uses the given text instead of the disk's, for any file of the composition", () => {
    const { primary, preset } = tree();
    const seen: string[] = [];
    const texts: Record<string, string> = { [preset]: "zero:\n  stage: 3\n" };
    const result = resolve(primary, {
      readText: (file) => {
        seen.push(file);
        return texts[file];
      },
    });
    expect(toPlain(result.config)).toEqual({ zero: { stage: 3 }, seed: 1, ds: { stage: 3 } });
    expect(seen).toEqual([primary, preset]);
    // Positions name the real file, on the buffer's lines.
    expect(result.files).toEqual([primary, preset]);
  });

  it("reports a parse error of the buffer at its line in that file", () => {
    const { primary } = tree();
    expect(() => resolve(primary, { readText: (f) => (f === primary ? "seed: [1\n" : undefined) })).toThrow(
      expect.objectContaining({ pos: expect.objectContaining({ file: primary, line: 2 }) }),
    );
  });

  it("reads the disk when it returns undefined", () => {
    const { primary } = tree();
    expect(toPlain(resolve(primary, { readText: () => undefined }).config)).toMatchObject({
      ds: { stage: 2 },
    });
  });
});
