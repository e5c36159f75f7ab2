import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { MAX_ALIAS_NODES } from "../src/yaml/composer.js";
import { MAX_EXPANDED_NODES } from "../src/yaml/construct.js";
import { loadYaml } from "../src/yaml/load.js";

// Malformed and hostile YAML: each must fail with a ConfigError naming file, line and column (PyYAML's
// error class and position), never a stack trace, a hang or a crash.
const FILE = "/cfg/bad.yaml";

function errorOf(text: string): ConfigError {
  try {
    loadYaml(text, FILE);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("loaded without error");
}

describe("malformed YAML gives PyYAML's error class and position", () => {
  it.each<[string, string, string, number, number, string]>([
    [
      "tab indentation",
      "a:\n\tb: 1\n",
      "ScannerError",
      2,
      1,
      "found character '\\t' that cannot start any token",
    ],
    ["value after a value", "a: b: c\n", "ScannerError", 1, 5, "mapping values are not allowed here"],
    [
      "unclosed flow sequence",
      "a: [1, 2\n",
      "ParserError",
      2,
      1,
      "expected ',' or ']', but got '<stream end>'",
    ],
    ["unclosed flow mapping", "{a: 1\n", "ParserError", 2, 1, "expected ',' or '}', but got '<stream end>'"],
    [
      "dedented key",
      "a:\n  b: 1\n c: 2\n",
      "ParserError",
      3,
      2,
      "expected <block end>, but found '<block mapping start>'",
    ],
    ["key after a sequence", "- a\nb: 1\n", "ParserError", 2, 1, "expected <block end>, but found '?'"],
    [
      "key inside a sequence",
      "a:\n  - b\n  c: d\n",
      "ParserError",
      3,
      3,
      "expected <block end>, but found '?'",
    ],
    ["stray closing bracket", "[1, 2]]\n", "ParserError", 1, 7, "expected '<document start>', but found ']'"],
    ["unclosed double quote", 'a: "abc\n', "ScannerError", 2, 1, "found unexpected end of stream"],
    ["unclosed single quote", "a: 'abc\n", "ScannerError", 2, 1, "found unexpected end of stream"],
    ["unknown escape", 'a: "\\q"\n', "ScannerError", 1, 6, "found unknown escape character 'q'"],
    [
      "bad hex escape",
      'a: "\\xZZ"\n',
      "ScannerError",
      1,
      7,
      "expected escape sequence of 2 hexdecimal numbers, but found 'Z'",
    ],
    [
      "simple key longer than 1024",
      `${"k".repeat(1100)}: v\n`,
      "ScannerError",
      1,
      1101,
      "mapping values are not allowed here",
    ],
    [
      "bad block scalar header",
      "a: |x\n  b\n",
      "ScannerError",
      1,
      5,
      "expected chomping or indentation indicators, but found 'x'",
    ],
    [
      "anchor without a name",
      "a: & x\n",
      "ScannerError",
      1,
      5,
      "expected alphabetic or numeric character, but found ' '",
    ],
    ["undefined tag handle", "a: !e!x 1\n", "ParserError", 1, 4, "found undefined tag handle '!e!'"],
    [
      "YAML 2 directive",
      "%YAML 2.0\n---\na: 1\n",
      "ParserError",
      1,
      1,
      "found incompatible YAML document (version 1.* is required)",
    ],
    [
      "NUL character",
      "a: b\u0000c\n",
      "ReaderError",
      1,
      5,
      "unacceptable character #x0000: special characters are not allowed",
    ],
    ["escape control char", "a: \u001b\n", "ReaderError", 1, 4, "unacceptable character #x001b"],
  ])("%s", (_, text, pythonType, line, column, problem) => {
    const error = errorOf(text);
    expect(error.pythonType).toBe(pythonType);
    expect(error.pos).toEqual({ file: FILE, line, column });
    expect(error.message).toContain(problem);
    expect(error.format()).toMatch(new RegExp(`^${FILE}:${line}:${column}: `));
    expect(error.stack).toBeDefined(); // an Error object, but the CLI prints format(), not the stack
  });
});

function outcome(text: string): string {
  try {
    loadYaml(text, FILE);
    return "loaded";
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    expect(e.pos).toBeDefined();
    return e.pythonType;
  }
}

// Their speed is in `npm run bench` (hostile inputs, as ratios to parsing a ROLL config); here the outcome.
describe("hostile inputs load or fail cleanly", () => {
  const depth = 5000;
  const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++)
    bomb.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );

  it.each<[string, () => string, string]>([
    [
      "5,000-deep block mappings",
      () => `${Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`,
      "loaded",
    ],
    [
      "5,000-deep block sequences",
      () => `${Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}-`).join("\n")} 1\n`,
      "loaded",
    ],
    ["5,000-deep flow sequences", () => `a: ${"[".repeat(depth)}${"]".repeat(depth)}\n`, "loaded"],
    ["5,000-deep flow mappings", () => `a: ${"{b: ".repeat(depth)}1${"}".repeat(depth)}\n`, "loaded"],
    ["100,000 unclosed brackets", () => "[".repeat(100_000), "ParserError"],
    ["100,000 keys", () => Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join("\n"), "loaded"],
    ["10 MB plain scalar", () => `a: ${"x".repeat(10_000_000)}\n`, "loaded"],
    ["10 MB double-quoted scalar", () => `a: "${"x".repeat(10_000_000)}"\n`, "loaded"],
    ["10 MB literal block", () => `a: |\n${`  ${"y".repeat(99)}\n`.repeat(100_000)}`, "loaded"],
    ["billion laughs", () => `${bomb.join("\n")}\n`, "ResourceLimitError"],
  ])("%s", (_, makeText, expected) => {
    expect(outcome(makeText())).toBe(expected);
  });

  it("caps alias expansion at MAX_ALIAS_NODES, at the alias that crosses it, before copying anything", () => {
    expect(MAX_EXPANDED_NODES).toBe(1_000_000);
    expect(MAX_ALIAS_NODES).toBe(100_000);
    const error = errorOf(`${bomb.join("\n")}\n`);
    expect(error.message).toContain("aliases expand the document by more than 100000 nodes");
    // a_i expands to 11, 111, 1111, … nodes; the aliases of a1..a3 add 110 + 1110 + 11110 = 12330, and each
    // alias of a4 adds 11111: the 8th crosses 100,000.
    const column = bomb[4]!.split("*a3", 8).join("*a3").length + 1;
    expect(error.pos).toEqual({ file: FILE, line: 5, column });
  });

  it("an alias bomb of merge keys and mappings is refused the same way", () => {
    const lines = ["m0: &m0 {a: x, b: x, c: x, d: x, e: x, f: x, g: x, h: x, i: x, j: x}"];
    for (let i = 1; i < 10; i++)
      lines.push(`m${i}: &m${i} {${Array.from({ length: 10 }, (_, j) => `k${j}: *m${i - 1}`).join(", ")}}`);
    lines.push("top:\n  <<: *m9\n  z: 1");
    const error = errorOf(`${lines.join("\n")}\n`);
    expect(error.pythonType).toBe("ResourceLimitError");
    expect(error.pos?.line).toBe(5);
  });

  it("aliases below the cap are expanded into independent copies", () => {
    const text = `a: &a [${Array(99).fill("x").join(", ")}]\nb: [${Array(900).fill("*a").join(", ")}]\n`;
    const root = loadYaml(text, FILE);
    expect(root.kind === "dict" && root.entries.get("s:b")?.node.kind).toBe("list");
  });
});
