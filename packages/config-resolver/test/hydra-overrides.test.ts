// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OmegaConf interpolations are literal "${...}" text
// Hydra's override grammar. Expected typings are from hydra-omegaconf.md §2.3 and conformance case m13
// (Hydra 1.3.2 output: {"a": 1e-05, "b": "yes", "c": null, "d": [1, "x", 2.5], "e": "1", "f": 1000,
// "g": inf, "h": {"x": 1, "y": ["a"]}, "i": true, "j": " spaced ", "k": 200000.0}).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/errors.js";
import { keyElement, parseOverride } from "../src/hydra/override-parser.js";
import type { Node } from "../src/model.js";

/** Plain view of a node: ints as "int:N" so that int vs float stays visible. */
function plain(node: Node | null): unknown {
  if (node === null) return undefined;
  if (node.kind === "list") return node.items.map(plain);
  if (node.kind === "dict")
    return Object.fromEntries([...node.entries.values()].map((e) => [String(e.key), plain(e.node)]));
  return typeof node.value === "bigint" ? `int:${node.value}` : node.value;
}

const value = (line: string) => plain(parseOverride(line).value);

describe("override value typing (grammar, not YAML)", () => {
  it.each([
    ["a=1e-5", 1e-5],
    ["b=yes", "yes"],
    ["c=null", null],
    ["e='1'", "1"],
    ["f=1_000", "int:1000"],
    ["g=inf", Number.POSITIVE_INFINITY],
    ["i=True", true],
    ["j=' spaced '", " spaced "],
    ["k=2e5", 200000],
    ["n=-3", "int:-3"],
    ["x=FALSE", false],
    ["s=abc", "abc"],
    ["p=/a/b-c", "/a/b-c"],
  ])("%s", (line, expected) => {
    expect(value(line)).toEqual(expected);
  });

  it("keeps floats as floats (2e5 is 200000.0, not an int)", () => {
    const node = parseOverride("k=2e5").value;
    expect(node?.kind === "scalar" && typeof node.value).toBe("number");
  });

  it("parses lists and dicts with typed elements", () => {
    expect(value("d=[1,x,2.5]")).toEqual(["int:1", "x", 2.5]);
    expect(value("h={x:1,y:[a]}")).toEqual({ x: "int:1", y: ["a"] });
    expect(value("l=[]")).toEqual([]);
    expect(value("l=[ 1 , 2 ]")).toEqual(["int:1", "int:2"]);
  });

  it("stores interpolations raw", () => {
    expect(value("name=run_${seed}")).toBe("run_${seed}");
    expect(value("x=${oc.env:A,b}")).toBe("${oc.env:A,b}");
  });

  it("gives an empty string for key=", () => {
    expect(value("a=")).toBe("");
  });

  it("marks a,b as a sweep", () => {
    expect(parseOverride("a=1,2").isSweep).toBe(true);
    expect(parseOverride("a=[1,2]").isSweep).toBe(false);
  });
});

describe("override keys", () => {
  it.each([
    ["a.b=1", "change", "a.b", null],
    ["+new.k=1", "add", "new.k", null],
    ["++a=3", "force_add", "a", null],
    ["~a.b", "del", "a.b", null],
    ["db@backup=mysql", "change", "db", "backup"],
    ["server/db=mysql", "change", "server/db", null],
  ])("%s", (line, type, key, pkg) => {
    const o = parseOverride(line);
    expect([o.type, o.keyOrGroup, o.package]).toEqual([type, key, pkg]);
  });

  it("renders Hydra's key element", () => {
    expect(keyElement(parseOverride("~db"))).toBe("~db");
    expect(keyElement(parseOverride("++db@x=y"))).toBe("++db@x");
  });

  it("reads the value of ~key=value", () => {
    expect(value("~db=mysql")).toBe("mysql");
    expect(parseOverride("~db").value).toBeNull();
  });

  // Hydra's own messages (recorded: fixtures/hydra-parity/overrides cases 029, 014, 330, 523).
  it.each([
    ["nope", "Error parsing override 'nope'\nmissing EQUAL at '<EOF>'"],
    ["a b=1", "LexerNoViableAltException: a b=1\n                            ^"],
    ["x=[1,2", "no viable alternative at input '[1,2'"],
    [
      "x=f(1)",
      "Error parsing override 'x=f(1)'\nHydraException while evaluating 'f(1)': Unknown function 'f'",
    ],
  ])("rejects %s with Hydra's parse error", (line, message) => {
    expect(() => parseOverride(line)).toThrow(ConfigError);
    expect(() => parseOverride(line)).toThrow(message);
  });
});

describe("robustness", () => {
  it("any input either parses or fails with a ConfigError (never a crash)", () => {
    const alphabet = fc.constantFrom(..."ab1_.=+~@/[]{},:'\" \\$()eE-".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
        try {
          parseOverride(chars.join(""));
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
