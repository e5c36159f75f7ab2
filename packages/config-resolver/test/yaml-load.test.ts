import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { getEntry, type Node } from "../src/model.js";
import { toPlain, toPythonJson } from "../src/output/json.js";
import { isBytesNode } from "../src/python/bytes.js";
import { pyNodeRepr } from "../src/python/format.js";
import { loadYaml, loadYamlFile } from "../src/yaml/load.js";

// Expected values are PyYAML 6.0 SafeLoader / OmegaConf 2.2 behaviour (reference/hydra-omegaconf.md §4,
// reference/yaml-scalars.md "Keys", and PyYAML's constructor/composer rules).
const FILE = "/cfg/test.yaml";
const load = (text: string) => loadYaml(text, FILE);
const repr = (text: string) => pyNodeRepr(load(text));

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("no error");
}

function child(node: Node, ...path: (string | number)[]): Node {
  let current = node;
  for (const step of path) {
    if (typeof step === "number" && current.kind === "list") current = current.items[step]!;
    else if (current.kind === "dict") current = getEntry(current, step)!.node;
    else throw new Error(`cannot step into ${String(step)}`);
  }
  return current;
}

describe("positions", () => {
  it("gives every node and key its 1-based line and column", () => {
    const tree = load("a:\n  b: [1, {c: d}]\n  e: x\n");
    expect(tree.pos).toEqual({ file: FILE, line: 1, column: 1 });
    const a = child(tree, "a");
    expect(a.pos).toEqual({ file: FILE, line: 2, column: 3 });
    expect(a.kind === "dict" && getEntry(a, "e")?.keyPos).toEqual({ file: FILE, line: 3, column: 3 });
    expect(child(tree, "a", "b").pos).toMatchObject({ line: 2, column: 6 });
    expect(child(tree, "a", "b", 1).pos).toMatchObject({ line: 2, column: 10 });
    expect(child(tree, "a", "b", 1, "c").pos).toMatchObject({ line: 2, column: 14 });
    expect(child(tree, "a", "e").pos).toMatchObject({ line: 3, column: 6 });
  });

  it("skips a leading BOM without counting it as a column", () => {
    const tree = load("\uFEFFa: 1\n");
    expect(toPythonJson(tree)).toBe('{\n "a": 1\n}');
    expect(tree.kind === "dict" && getEntry(tree, "a")?.keyPos).toMatchObject({ line: 1, column: 1 });
  });

  it("handles CRLF line endings like LF", () => {
    const tree = load("a: 1\r\nb:\r\n  - x\r\nc: |\r\n  l1\r\n  l2\r\n");
    expect(pyNodeRepr(tree)).toBe("{'a': 1, 'b': ['x'], 'c': 'l1\\nl2\\n'}");
    expect(child(tree, "b", 0).pos).toMatchObject({ line: 3, column: 5 });
  });

  it("counts astral characters as one column, like Python", () => {
    expect(child(load("a: '😀' \nb: x\nc: ['😀', y]\n"), "c", 1).pos).toMatchObject({ line: 3, column: 10 }); // 11 if UTF-16 units were counted;
  });
});

describe("keys", () => {
  it("keeps int, float and bool keys; json prints them as strings (§4)", () => {
    expect(toPythonJson(load("1: a\n2.5: b\nfalse: c\n"))).toBe(
      '{\n "1": "a",\n "2.5": "b",\n "false": "c"\n}',
    );
  });

  it("treats 1 and true as one key: first spelling kept, last value wins (y06c)", () => {
    expect(repr("1: a\ntrue: b\n")).toBe("{1: 'b'}");
  });

  it("on: 1 then yes: 2 gives {True: 2} (yaml-scalars.md, Keys)", () => {
    expect(repr("on: 1\nyes: 2\n")).toBe("{True: 2}");
  });

  it("does not check repeated non-string keys; the last one wins (§4)", () => {
    expect(repr("1: a\n1: b\n")).toBe("{1: 'b'}");
  });

  it("rejects a repeated string key by its text, quoted or not", () => {
    const error = errorOf(() => load("'a': 1\na: 2\n"));
    expect(error.pythonType).toBe("ConstructorError");
    expect(error.message).toContain("found duplicate key a");
    expect(error.pos).toMatchObject({ line: 2, column: 1 });
  });

  it("keeps ${...} keys as literal strings (y13)", () => {
    expect(repr("${a}: v\n")).toBe("{'${a}': 'v'}");
  });

  it("rejects a collection as a key (unhashable in Python)", () => {
    const error = errorOf(() => load("? [1, 2]\n: x\n"));
    expect(error.pythonType).toBe("ConstructorError");
    expect(error.message).toContain("found unhashable key");
  });
});

describe("merge keys and aliases (SafeLoader)", () => {
  it("merges one mapping; own keys win (y04)", () => {
    expect(repr("base: &b {x: 1, y: 2}\nd:\n  y: 3\n  <<: *b\n")).toBe(
      "{'base': {'x': 1, 'y': 2}, 'd': {'x': 1, 'y': 3}}",
    );
  });

  it("merges a list of mappings: earlier sources win, merged keys come first (flatten_mapping)", () => {
    const text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  w: 0\n  <<: [*a, *b]\n";
    expect(pyNodeRepr(child(load(text), "c"))).toBe("{'y': 1, 'z': 2, 'x': 1, 'w': 0}");
  });

  it("rejects merging a scalar", () => {
    const error = errorOf(() => load("a:\n  <<: 1\n"));
    expect(error.pythonType).toBe("ConstructorError");
    expect(error.message).toContain("expected a mapping or list of mappings for merging, but found scalar");
  });

  it("treats a quoted '<<' as an ordinary key", () => {
    expect(repr("'<<': {a: 1}\n")).toBe("{'<<': {'a': 1}}");
  });

  it("copies aliased nodes (OmegaConf.create copies them)", () => {
    const tree = load("a: &x {k: 1}\nb: *x\n");
    expect(child(tree, "b")).not.toBe(child(tree, "a"));
    expect(repr("a: &x {k: 1}\nb: *x\n")).toBe("{'a': {'k': 1}, 'b': {'k': 1}}");
  });

  it("rejects undefined aliases, duplicate anchors and self-containing aliases", () => {
    expect(errorOf(() => load("a: *nope\n"))).toMatchObject({
      pythonType: "ComposerError",
      pos: { line: 1, column: 4 },
    });
    expect(errorOf(() => load("a: &x 1\nb: &x 2\n")).message).toContain(
      "found duplicate anchor 'x'; first occurrence",
    );
    expect(errorOf(() => load("a: &x [1, *x]\n")).pythonType).toBe("RecursionError");
  });
});

describe("explicit tags", () => {
  it("constructs the standard scalar tags like SafeConstructor", () => {
    expect(repr("a: !!str 1\nb: !!int '0x1F'\nc: !!float 1\nd: !!bool yes\ne: !!null x\nf: ! 12\n")).toBe(
      "{'a': '1', 'b': 31, 'c': 1.0, 'd': True, 'e': None, 'f': 12}",
    );
  });

  it("constructs !!map, !!seq and !!omap", () => {
    expect(repr("a: !!map {k: v}\nb: !!seq [1]\nc: !!omap [x: 1, y: 2]\n")).toBe(
      "{'a': {'k': 'v'}, 'b': [1], 'c': [['x', 1], ['y', 2]]}",
    );
  });

  it("keeps !!binary as bytes (base64 text, marked pyType 'bytes')", () => {
    const node = child(load("a: !!binary aGVsbG8=\n"), "a");
    expect(isBytesNode(node)).toBe(true);
    expect(repr("a: !!binary aGVsbG8=\n")).toBe("{'a': b'hello'}");
    expect(toPythonJson(load("a: !!binary aGVsbG8=\n"))).toBe('{\n "a": {\n  "$bytes": "aGVsbG8="\n }\n}');
  });

  it("embeds bytes in strings and plain data as Python and the JSON writer would", () => {
    const tree = load("a: !!binary aGVsbG8=\n");
    expect(pyNodeRepr(child(tree, "a"))).toBe("b'hello'");
    expect(toPlain(tree)).toEqual({ a: "aGVsbG8=" });
  });

  it.each([
    ["a: !!python/object/apply:os.system ['ls']\n", "'tag:yaml.org,2002:python/object/apply:os.system'"],
    ["a: !!python/name:os.system ''\n", "'tag:yaml.org,2002:python/name:os.system'"],
    ["a: !foo x\n", "'!foo'"],
    ["a: !<tag:example.com,2000:x> 1\n", "'tag:example.com,2000:x'"],
  ])("rejects %j like SafeLoader", (text, tag) => {
    const error = errorOf(() => load(text));
    expect(error.pythonType).toBe("ConstructorError");
    expect(error.message).toBe(
      `could not determine a constructor for the tag ${tag}\n  in "${FILE}", line 1, column 4`,
    );
  });

  it("reports Python's own errors for bad explicit values", () => {
    expect(errorOf(() => load("a: !!int abc\n"))).toMatchObject({
      pythonType: "ValueError",
      message: "invalid literal for int() with base 10: 'abc'",
      pos: { line: 1, column: 4 },
    });
    expect(errorOf(() => load("a: !!float abc\n")).message).toBe("could not convert string to float: 'abc'");
    expect(errorOf(() => load("a: !!bool maybe\n")).pythonType).toBe("KeyError");
    // OmegaConf's duplicate check unpacks node.value before PyYAML checks the node kind.
    expect(errorOf(() => load("a: !!map x\n"))).toMatchObject({
      pythonType: "ValueError",
      message: "not enough values to unpack (expected 2, got 1)",
    });
    expect(errorOf(() => load("a: !!map ''\n")).message).toContain(
      "expected a mapping node, but found scalar",
    );
  });
});

describe("documents", () => {
  it("loads an explicit document with markers", () => {
    expect(repr("%YAML 1.1\n---\na: 1\n...\n")).toBe("{'a': 1}");
  });

  it("gives a null scalar for an empty or comment-only stream", () => {
    expect(load("")).toMatchObject({ kind: "scalar", value: null });
    expect(load("# nothing\n\n")).toMatchObject({ kind: "scalar", value: null });
  });

  it("rejects a second document (yaml.load wants a single one)", () => {
    const error = errorOf(() => load("a: 1\n---\nb: 2\n"));
    expect(error.pythonType).toBe("ComposerError");
    expect(error.message).toContain("expected a single document in the stream");
    expect(error.pos).toMatchObject({ line: 2, column: 1 });
  });
});

describe("loadYamlFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "roll-yaml-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads UTF-8 with a BOM", () => {
    const path = join(dir, "bom.yaml");
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("name: é\n")]));
    const tree = loadYamlFile(path);
    expect(pyNodeRepr(tree)).toBe("{'name': 'é'}");
    expect(tree.pos?.file).toBe(path);
  });

  it("reports invalid UTF-8 with Python's message, byte offset, line and column", () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, Buffer.concat([Buffer.from("a: 1\nb: é"), Buffer.from([0xff]), Buffer.from("\n")]));
    const error = errorOf(() => loadYamlFile(path));
    expect(error.pythonType).toBe("UnicodeDecodeError");
    expect(error.message).toBe("'utf-8' codec can't decode byte 0xff in position 10: invalid start byte");
    expect(error.pos).toEqual({ file: path, line: 2, column: 5 });
  });

  it("names the path of a missing file", () => {
    const path = join(dir, "missing.yaml");
    expect(errorOf(() => loadYamlFile(path))).toMatchObject({
      pythonType: "FileNotFoundError",
      message: `[Errno 2] No such file or directory: '${path}'`,
    });
  });
});
