// The property suite's generated config trees for the YAML writer: ints beyond 2^53, every float incl.
// -0.0 / nan / inf / 1e-05 / 1e+16 / 1000000000.0, strings that look like bools, numbers, nulls, timestamps
// or YAML syntax, unicode and control characters, keys of every Python type. Shared with
// scripts/config-resolver/record-yaml-output.ts, which records how OmegaConf reads a fixed-seed sample.
import { type DictNode, dictNode, type Key, type Node, type Scalar, setEntry } from "@roll/config-resolver";
import fc from "fast-check";
import { SEED } from "./support.js";

/** Strings that re-type (or break the YAML) unless the writer quotes or escapes them. */
const TRICKY_STRINGS = [
  "",
  " ",
  "yes",
  "No",
  "ON",
  "off",
  "y",
  "n",
  "true",
  "False",
  "null",
  "Null",
  "~",
  "???",
  "0",
  "-0",
  "007",
  "08",
  "0x1F",
  "0b101",
  "0o17",
  "1_000",
  "1:30",
  "0:30",
  "190:20:30.15",
  "1e5",
  "1e-05",
  "1.0e+5",
  "1.",
  ".5",
  "._",
  ".inf",
  "-.Inf",
  ".nan",
  "nan",
  "inf",
  "1000000000.0",
  "9007199254740993",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "2001-12-14 21:59:43.10 -5",
  "=",
  "<<",
  "-",
  "- x",
  "--",
  "---",
  "...",
  "? x",
  "?",
  ":",
  "a: b",
  "a:b",
  "a:",
  "#",
  "a #b",
  "a#b",
  "&a",
  "*a",
  "!x",
  "!!str",
  "%YAML",
  "@x",
  "`x",
  "|",
  ">",
  "'",
  '"',
  "''",
  '"a"',
  "[1, 2]",
  "{a: 1}",
  ",",
  "${a.b}",
  "\\${a}",
  "$",
  "\\",
  "\t",
  "\ttab",
  "tab\t",
  "\n",
  "a\nb",
  "trailing\n",
  "\r\n",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufeffbom",
  "\u0000",
  "\u0007bell",
  "\u001b[0m",
  "\u007f",
  "\u00a0",
  "\ud83d\ude00",
  "é",
  "  lead",
  "trail  ",
  "x".repeat(1200),
];

const CHARS = [..." :#-?'\"\n\t\\{}[],&*!|>%@`$.0123456789eExyn_+~=<\u0085\u2028\ufeff\r\u0000é"];

const stringArb = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 10 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }), weight: 2 },
);

const floatArb = fc.oneof(
  fc.double(),
  fc.constantFrom(
    1e-5,
    1e16,
    1e22,
    1e-7,
    0.1,
    100.0,
    1e9,
    1.5,
    -0,
    5e-324,
    1.7976931348623157e308,
    123456789.123,
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n * 1.0), // integral floats: "5.0", not int 5
);

const intArb = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
  fc.constantFrom(2n ** 53n + 1n, -(2n ** 63n), 2n ** 64n),
);

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  { arbitrary: stringArb, weight: 5 },
  { arbitrary: intArb, weight: 2 },
  { arbitrary: floatArb, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

// Dict keys of every type OmegaConf 2.2 allows (str, int, float, bool); None keys are rejected by DictConfig.
const keyArb: fc.Arbitrary<Key> = fc.oneof(
  { arbitrary: stringArb, weight: 6 },
  {
    arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "1", "01", "-1"),
    weight: 2,
  },
  { arbitrary: intArb, weight: 2 },
  { arbitrary: floatArb.filter((x) => !Number.isNaN(x)), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
);

export const nodeArb: fc.Arbitrary<Node> = fc.letrec((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthIdentifier: "node" },
    { arbitrary: tie("scalar") as fc.Arbitrary<Node>, weight: 4 },
    { arbitrary: tie("dict") as fc.Arbitrary<Node>, weight: 1 },
    { arbitrary: tie("list") as fc.Arbitrary<Node>, weight: 1 },
  ),
  scalar: scalarArb.map((value): Node => ({ kind: "scalar", value })),
  list: fc
    .array(tie("node") as fc.Arbitrary<Node>, { maxLength: 4 })
    .map((items): Node => ({ kind: "list", items })),
  dict: fc.array(fc.tuple(keyArb, tie("node") as fc.Arbitrary<Node>), { maxLength: 5 }).map((pairs): Node => {
    // setEntry: a Python-equal key (1, 1.0, True) replaces the value and keeps the first key, as a dict does.
    const dict: DictNode = dictNode();
    for (const [key, node] of pairs) setEntry(dict, key, node);
    return dict;
  }),
})).node;

/** The trees whose OmegaConf reading is recorded: the first `count` of the fixed seed. */
export function sampleYamlTrees(count = 200): Node[] {
  return fc.sample(nodeArb, { seed: SEED, numRuns: count });
}
