// Scratch directories for tests that write files; removed after each test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roll-config-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
