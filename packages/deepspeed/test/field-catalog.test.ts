/** The copied reference data and the catalogue generated from it must not drift. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normaliseSince, renderFromPackage } from "../scripts/generate-field-catalog.js";

const dataFile = (name: string) => new URL(`../src/data/${name}`, import.meta.url);

/**
 * sha256 of JSON.stringify(JSON.parse(text)) of the reference JSON files at copy time
 * (packages/deepspeed/src/data/README.md gives their origin): the data must be identical; biome may reformat the whitespace.
 */
const REFERENCE_CONTENT_SHA256: Record<string, string> = {
  "zero-config-fields.json": "a21cd74842dc48020ed54e14c8d72afbf6c8106eeaf5cfe401212d7c7a1ad154",
  "top-level-fields.json": "a47a08867a371bae14380f8f3cd066f90e47f7bf9dc0682a29d4a4aed61333f9",
};

describe("field catalogue", () => {
  for (const [name, sha] of Object.entries(REFERENCE_CONTENT_SHA256)) {
    it(`src/data/${name} holds exactly the reference data`, () => {
      const canonical = JSON.stringify(JSON.parse(readFileSync(dataFile(name), "utf8")));
      expect(createHash("sha256").update(canonical).digest("hex")).toBe(sha);
    });
  }

  it("src/generated/field-catalog.ts is what the generator renders (run `npm run codegen -w @roll/deepspeed`)", () => {
    const committed = readFileSync(new URL("../src/generated/field-catalog.ts", import.meta.url), "utf8");
    expect(committed).toBe(renderFromPackage());
  });

  it("reads `since` texts of the reference", () => {
    expect(normaliseSince("v0.3.15")).toEqual({ since: "0.3.15" });
    expect(
      normaliseSince("v0.7.0 (v0.3.12-v0.6.x spelled cpu_offload_params; deprecated since v0.3.15)").since,
    ).toBe("0.7.0");
    // Unreleased master after v0.19.5: the first release that can contain it.
    expect(normaliseSince("master after v0.19.5 (PR #8232, unreleased in snapshot)").since).toBe("0.19.6");
    expect(() => normaliseSince("someday")).toThrow(/cannot read a version/);
  });
});
