/** README.md documents exactly the rule codes the source can emit. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const codesIn = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

describe("README rule table", () => {
  it("lists every ds/ code emitted by src/ and no other", () => {
    const sources = [
      "src/validate.ts",
      ...readdirSync(new URL("../src/rules/", import.meta.url)).map((f) => `src/rules/${f}`),
    ];
    const emitted = codesIn(sources.map(read).join("\n"), /"(ds\/[a-z0-9-]+)"/g);
    const documented = codesIn(read("README.md"), /^\| `(ds\/[a-z0-9-]+)`\s*\|/gm);
    expect(emitted.size).toBeGreaterThan(25);
    expect([...documented].sort()).toEqual([...emitted].sort());
  });
});
