// The mapping table: every row cites ROLL (or DeepSpeed) source, and the rendered doc does not drift.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderTable, TABLE_PATH } from "../scripts/generate-table.js";
import { DEFAULTS_ROW, KEYS, NO_COUNTERPART, SETTINGS, STRATEGIES } from "../src/mapping.js";

const ROWS = [...STRATEGIES, ...SETTINGS, ...KEYS, NO_COUNTERPART, DEFAULTS_ROW];

describe("the ROLL 0.2 -> 0.3 mapping", () => {
  it("gives every row at least one citation of a tagged file (repo@tag:path#Lstart-Lend)", () => {
    for (const row of ROWS) {
      expect(row.cites.length, row.id).toBeGreaterThan(0);
      for (const cite of row.cites)
        expect(cite, row.id).toMatch(
          /^(alibaba\/ROLL|deepspeedai\/DeepSpeed)@v\d+\.\d+\.\d+:[^#\s][^#]*(#L\d+(-L\d+)?)?$/,
        );
    }
  });

  it("cites ROLL 0.3 code or examples for every strategy and setting row", () => {
    for (const row of [...STRATEGIES, ...SETTINGS])
      expect(
        row.cites.some((c) => c.startsWith("alibaba/ROLL@v0.3.0:")),
        row.id,
      ).toBe(true);
  });

  it("has unique row ids", () => {
    const ids = ROWS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("generated/roll-0.2-to-0.3.md is what the generator renders (run `npm run codegen -w @roll/config-migration`)", () => {
    expect(readFileSync(TABLE_PATH, "utf8")).toBe(renderTable());
  });
});
