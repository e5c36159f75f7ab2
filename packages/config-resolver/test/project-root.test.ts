import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findProjectRoot, isInside } from "../src/hydra/project-root.js";
import { ConfigError, resolve, toPythonJson } from "../src/index.js";

function layout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "project-root-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("defaults paths are confined to the project", () => {
  it("finds the repository root by its markers, else the config directory's parent", () => {
    const root = layout({
      "repo/.git/HEAD": "x",
      "repo/examples/exp/main.yaml": "",
      "bare/examples/exp/main.yaml": "",
    });
    expect(findProjectRoot(join(root, "repo/examples/exp"))).toBe(join(root, "repo"));
    expect(findProjectRoot(join(root, "bare/examples/exp"))).toBe(join(root, "bare/examples"));
  });

  it("ROLL's ../config/<preset>@_here_ stays inside and resolves", () => {
    const root = layout({
      "repo/.git/HEAD": "x",
      "repo/examples/exp/main.yaml": "defaults:\n  - ../config/p@_here_\nx: ${p.a}\n",
      "repo/examples/config/p.yaml": "p:\n  a: 1\n",
    });
    const r = resolve(join(root, "repo/examples/exp/main.yaml"));
    expect(toPythonJson(r.config)).toBe('{\n "p": {\n  "a": 1\n },\n "x": 1\n}');
  });

  it("a path escaping the project is refused at the defaults entry, and never read", () => {
    const root = layout({
      "secret.yaml": "secret: 42\n",
      "repo/.git/HEAD": "x",
      "repo/examples/exp/main.yaml": "x: 1\ndefaults:\n  - ../../../secret@_here_\n",
    });
    const primary = join(root, "repo/examples/exp/main.yaml");
    let error: unknown;
    try {
      resolve(primary);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.message).toContain("outside the project");
    expect(e.message).not.toContain("42");
    expect(e.pos).toMatchObject({ file: primary, line: 3 });
    // Opting out gives Hydra's behaviour.
    expect(toPythonJson(resolve(primary, { projectRoot: false }).config)).toContain('"secret": 42');
  });

  it("a symlink inside the project that points outside is refused too", () => {
    const root = layout({
      "outside/o.yaml": "o: 1\n",
      "repo/.git/HEAD": "x",
      "repo/main.yaml": "defaults:\n  - link@_here_\n",
    });
    symlinkSync(join(root, "outside/o.yaml"), join(root, "repo/link.yaml"));
    expect(isInside(join(root, "repo/link.yaml"), join(root, "repo"))).toBe(false);
    expect(() => resolve(join(root, "repo/main.yaml"))).toThrow(/outside the project/);
  });
});
