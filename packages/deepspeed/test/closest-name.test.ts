import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../src/index.js";

describe("closestName: the project's one did-you-mean rule", () => {
  it("edit distance counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("stage", "stage")).toBe(0);
  });

  it("picks the first candidate at the smallest distance", () => {
    expect(closestName("stag", ["stage", "stags"])).toBe("stage");
    expect(closestName("offload_parm", ["offload_optimizer", "offload_param"])).toBe("offload_param");
  });

  it("allows max(minDistance, a third of the key) edits, no more", () => {
    // "abcdef" (6 chars): default limit max(2, 2) = 2.
    expect(closestName("abcdef", ["abcxyf"])).toBe("abcxyf");
    expect(closestName("abcdef", ["axcxyf"])).toBeUndefined();
    // minDistance 1 on a short key: one edit only.
    expect(closestName("ab", ["xy"], { minDistance: 1 })).toBeUndefined();
    expect(closestName("ab", ["ax"], { minDistance: 1 })).toBe("ax");
  });

  it("folds case unless told not to", () => {
    expect(closestName("Stage", ["stage"], { minDistance: 0 })).toBe("stage");
    expect(closestName("STAGE", ["stage"], { minDistance: 1, ignoreCase: false })).toBeUndefined();
  });
});
