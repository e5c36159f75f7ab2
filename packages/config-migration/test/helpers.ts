// Shared by the migration tests: the recorded ROLL fixture checkouts, scratch copies, and a line diff.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROLL_CHECKOUT_V021, ROLL_COUNTERPARTS_V030 } from "@roll/test-fixtures";
import { afterAll } from "vitest";

/** ROLL v0.2.1 files (scripts/record-roll-fixture.mjs). */
export const ROLL_021 = ROLL_CHECKOUT_V021;
/** ROLL's own v0.3.0 versions of some of them: the reference output. */
export const ROLL_030 = ROLL_COUNTERPARTS_V030;

/** An empty scratch directory laid out as a ROLL checkout with ROLL's presets in examples/config/. */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roll-config-migration-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROLL_021, "examples/config"), join(dir, "examples/config"), { recursive: true });
  return dir;
}

export interface Hunk {
  removed: string[];
  added: string[];
}

/** The changed regions between two texts, line by line (LCS; the files are a few hundred lines). */
export function hunks(before: string, after: string): Hunk[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Hunk[] = [];
  let current: Hunk | undefined;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      current = undefined;
      i++;
      j++;
      continue;
    }
    if (!current) {
      current = { removed: [], added: [] };
      out.push(current);
    }
    if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) current.removed.push(a[i++]!);
    else current.added.push(b[j++]!);
  }
  return out;
}
