import { describe, expect, it } from "vitest";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../src/model.js";
import { pyFloatRepr, pyRepr, pyStr, pyStrRepr } from "../src/python/format.js";

// Expected strings are CPython's: conformance i04b/i18, the float column of reference/yaml-scalars.md,
// and the layout rules from the brief (exponent form when the exponent is < -4 or >= 16).
describe("pyFloatRepr", () => {
  it.each([
    [1e-5, "1e-05"], // i04b
    [1e9, "1000000000.0"], // i04b
    [0.1, "0.1"], // i04b
    [100, "100.0"], // i04b
    [1e-6, "1e-06"], // i04b
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [1, "1.0"],
    [100000, "100000.0"], // yaml-scalars 1.0e5
    [500000000, "500000000.0"], // yaml-scalars 5e8
    [0.00025, "0.00025"], // yaml-scalars 2.5E-4
    [0.0003, "0.0003"], // yaml-scalars 3e-4
    [6.02e23, "6.02e+23"], // yaml-scalars 6.02e+23
    [0.5, "0.5"],
    [1000.5, "1000.5"],
    [90.5, "90.5"],
    [2e-5, "2e-05"], // roll README 2.0e-5
    [200000, "200000.0"], // hydra README
    [1.5e-7, "1.5e-07"],
    [-2.5, "-2.5"],
    [-0, "-0.0"],
    [0, "0.0"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
    [Number.NaN, "nan"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
  ])("repr(%s) == %s", (x, expected) => {
    expect(pyFloatRepr(x)).toBe(expected);
  });
});

describe("pyRepr of scalars", () => {
  it.each<[Scalar, string]>([
    [true, "True"],
    [false, "False"],
    [null, "None"],
    [123456789012345678901234567890n, "123456789012345678901234567890"], // i04b
    [-7n, "-7"],
    ["x", "'x'"],
    ["it's", `"it's"`],
    [`say "hi"`, `'say "hi"'`],
    [`it's "both"`, `'it\\'s "both"'`],
    ["a\\b", "'a\\\\b'"],
    ["l1\nl2\tx\r", "'l1\\nl2\\tx\\r'"],
    ["\x00\x1f\x7f", "'\\x00\\x1f\\x7f'"],
    ["\u00a0", "'\\xa0'"],
    ["\u2028", "'\\u2028'"],
    ["é ü 中", "'é ü 中'"],
    ["", "''"],
  ])("repr(%s) == %s", (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });

  it("quotes like Python", () => {
    expect(pyStrRepr("a'b")).toBe(`"a'b"`);
  });
});

function dict(entries: [Scalar, Node][]): Node {
  const d = dictNode();
  for (const [k, v] of entries) setEntry(d, k, v);
  return d;
}

describe("pyStr", () => {
  it("embeds scalars unquoted (i04b, i04)", () => {
    expect(pyStr(scalarNode(1e-5))).toBe("1e-05");
    expect(pyStr(scalarNode("x"))).toBe("x");
    expect(pyStr(scalarNode(true))).toBe("True");
    expect(pyStr(scalarNode(null))).toBe("None");
    expect(pyStr(scalarNode(123456789012345678901234567890n))).toBe("123456789012345678901234567890");
  });

  it("prints a dict like str(dict) (i18)", () => {
    expect(
      pyStr(
        dict([
          ["k", scalarNode(1n)],
          ["s", scalarNode("x")],
        ]),
      ),
    ).toBe("{'k': 1, 's': 'x'}");
  });

  it("prints a list like str(list) (i18)", () => {
    expect(pyStr(listNode([scalarNode(1n), scalarNode("a"), scalarNode(null)]))).toBe("[1, 'a', None]");
  });

  it("nests containers and repr's non-string keys", () => {
    const inner = listNode([scalarNode(1n), scalarNode(2.5), scalarNode("x"), scalarNode(null)]);
    expect(
      pyStr(
        dict([
          ["a", scalarNode(1n)],
          ["b", inner],
        ]),
      ),
    ).toBe("{'a': 1, 'b': [1, 2.5, 'x', None]}");
    expect(
      pyStr(
        dict([
          [1n, scalarNode(true)],
          [null, dictNode()],
          [2.5, listNode()],
        ]),
      ),
    ).toBe("{1: True, None: {}, 2.5: []}");
  });

  it("handles deep nesting without recursion", () => {
    let node: Node = scalarNode(0n);
    for (let i = 0; i < 20000; i++) node = listNode([node]);
    const s = pyStr(node);
    expect(s.length).toBe(40001);
    expect(s.startsWith("[[[")).toBe(true);
  });
});
