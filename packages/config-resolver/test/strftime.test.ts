// Hydra's `now` resolver against Python itself: every directive glibc's strftime supports, with the E/O
// modifiers, flags and widths, at fixed dates. The table is recorded, not typed: regenerate it with
//   LC_ALL=C TZ=UTC /usr/bin/python3 scripts/config-resolver/record-strftime.py \
//       > packages/config-resolver/test/fixtures/strftime/python-strftime.json
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { strftime } from "../src/omegaconf/strftime.js";

interface Recorded {
  generator: string;
  rows: { date: [number, number, number, number, number, number, number]; out: Record<string, string> }[];
}

const table = JSON.parse(
  readFileSync(new URL("./fixtures/strftime/python-strftime.json", import.meta.url), "utf8"),
) as Recorded;

/** The recorded wall-clock fields as a local Date (datetime.now() is local, naive). */
function localDate([year, month, day, hour, minute, second, micro]: Recorded["rows"][number]["date"]): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(year, month - 1, day);
  d.setHours(hour, minute, second, micro / 1000);
  return d;
}

/** %s is seconds since the epoch of that local time: the table was recorded in UTC. */
const EPOCH = /^%[-_0^#]*\d*s$/;

describe("strftime: Python's datetime.strftime on glibc, recorded", () => {
  it("the table covers every conversion letter glibc has, and more than 250 patterns", () => {
    const patterns = Object.keys(table.rows[0]!.out);
    for (const letter of "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZf%")
      expect(patterns, letter).toContain(`%${letter}`);
    expect(patterns.length).toBeGreaterThan(250);
    expect(table.rows.length).toBeGreaterThan(10);
  });

  it.each(table.rows.map((row) => [row.date.join("-"), row] as const))("%s", (_name, row) => {
    const d = localDate(row.date);
    // Seconds between these wall-clock fields read as UTC (the recording) and as local time (this run).
    const [year, month, day, hour, minute, second, micro] = row.date;
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hour, minute, second, micro / 1000);
    const shift = (utc.getTime() - d.getTime()) / 1000;
    for (const [pattern, expected] of Object.entries(row.out)) {
      if (EPOCH.test(pattern) && shift !== 0) {
        expect(Number(strftime(d, pattern)), pattern).toBe(Number(expected) - shift);
      } else {
        expect(strftime(d, pattern), pattern).toBe(expected);
      }
    }
  });
});
