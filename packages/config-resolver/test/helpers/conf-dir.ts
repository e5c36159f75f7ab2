// Config directories written by a test: one scratch folder per test file, removed after it.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

/** A function that writes `files` (relative path -> YAML text) into a fresh directory and returns it. */
export function confDirs(prefix: string): (files: Record<string, string>) => string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), `roll-${prefix}-`)));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  return (files) => {
    const dir = join(root, `c${counter++}`);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };
}
