// Whatever a config string contains, validation and resolution end in a value or a ConfigError (never a
// JS exception or a hang): random strings over the grammar's special characters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { dictNode, listNode, scalarNode, setEntry } from "../src/model.js";
import { resolveTree, validateInterpolations } from "../src/omegaconf/resolve.js";

const PIECES = [
  "${",
  "}",
  "a",
  "b",
  ".",
  "..",
  ":",
  "[",
  "]",
  "'",
  '"',
  "\\",
  ",",
  " ",
  "0",
  "oc.env",
  "oc.select",
  "oc.decode",
  "oc.dict.values",
  "now",
  "{",
  "???",
  "$",
  "x_",
  "constructor",
  "__proto__",
  "$KEY",
  "python_version",
  "oc.create",
  "1e3",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(""));

describe("robustness", () => {
  it("ends every resolution in a value or a ConfigError", () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const root = dictNode();
        setEntry(root, "a", scalarNode(a));
        const inner = dictNode();
        setEntry(inner, "b", scalarNode(b));
        setEntry(inner, "l", listNode([scalarNode(c), scalarNode(1n)]));
        setEntry(root, "b", inner);
        try {
          validateInterpolations(root);
          resolveTree(root, { env: { a: "1" } });
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
