// The interpolation grammar (OmegaConfGrammarLexer/Parser.g4 of OmegaConf 2.2). Expected shapes follow
// the grammar rules and the escaping/argument rules of hydra-omegaconf.md §3.2-3.4.
import { describe, expect, it } from "vitest";
import { OcError } from "../src/omegaconf/errors.js";
import { type Element, parseConfigValue, parseSingleElement } from "../src/omegaconf/grammar.js";

const node = (...key: unknown[]) => ({ kind: "node", key });
const resolverArgs = (text: string): Element[] => {
  const only = parseConfigValue(text).parts[0];
  if (typeof only !== "object" || only.kind !== "resolver") throw new Error("not a resolver call");
  return only.args;
};
const literal = (value: unknown) => ({ kind: "literal", value });

function grammarError(text: string): OcError {
  try {
    parseConfigValue(text);
  } catch (e) {
    if (e instanceof OcError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe("node interpolations", () => {
  it("keeps the key path text: dots, indexes and brackets", () => {
    expect(parseConfigValue("${a.b.c}").parts).toEqual([node("a.b.c")]);
    expect(parseConfigValue("${l[0]}").parts).toEqual([node("l[0]")]);
    expect(parseConfigValue("${l.1}").parts).toEqual([node("l.1")]);
    expect(parseConfigValue("${[a][b].c}").parts).toEqual([node("[a][b].c")]);
    expect(parseConfigValue("${l[-1]}").parts).toEqual([node("l[-1]")]);
  });

  it("reads relative keys with leading dots", () => {
    expect(parseConfigValue("${.x}").parts).toEqual([node(".x")]);
    expect(parseConfigValue("${...top}").parts).toEqual([node("...top")]);
  });

  it("allows '-', '/' and '@' in keys and whitespace inside the braces", () => {
    expect(parseConfigValue("${a-b.c/d.e@f}").parts).toEqual([node("a-b.c/d.e@f")]);
    expect(parseConfigValue("${ a.b }").parts).toEqual([node("a.b")]);
  });

  it("nests interpolations in key position", () => {
    expect(parseConfigValue("${plans.${sel}}").parts).toEqual([node("plans.", node("sel"))]);
    expect(parseConfigValue("${plans[${sel}]}").parts).toEqual([node("plans[", node("sel"), "]")]);
  });

  it("splits text around interpolations", () => {
    expect(parseConfigValue("x_${a}-${b}!").parts).toEqual(["x_", node("a"), "-", node("b"), "!"]);
  });
});

describe("escapes", () => {
  it("\\${ is a literal ${", () => {
    expect(parseConfigValue("\\${a}").parts).toEqual(["${a}"]);
  });

  it("\\\\${ is one backslash followed by the interpolation", () => {
    expect(parseConfigValue("\\\\${a}").parts).toEqual(["\\", node("a")]);
  });

  it("a backslash not before ${ is literal, and so is a lone $", () => {
    expect(parseConfigValue("C:\\foo_${a}").parts).toEqual(["C:\\foo_", node("a")]);
    expect(parseConfigValue("$a ${b}").parts).toEqual(["$a ", node("b")]);
  });
});

describe("resolver arguments", () => {
  it("reads the resolver name, with dots", () => {
    const only = parseConfigValue("${oc.env:HOME}").parts[0];
    expect(only).toMatchObject({ kind: "resolver", name: ["oc.env"], args: [literal("HOME")] });
  });

  it("strips surrounding whitespace and keeps inner whitespace", () => {
    expect(resolverArgs("${f: a b , c}")).toEqual([{ kind: "text", parts: ["a b"] }, literal("c")]);
  });

  it("types unquoted primitives by the grammar", () => {
    expect(resolverArgs("${f:1_000,1e3,inf,NaN,TrUe,null,x}")).toEqual([
      literal(1000n),
      literal(1000),
      literal(Number.POSITIVE_INFINITY),
      literal(Number.NaN),
      literal(true),
      literal(null),
      literal("x"),
    ]);
  });

  it("keeps commas and spaces in quoted strings, with \\' escapes", () => {
    expect(resolverArgs("${f:'a, b',\"it's\",'don\\'t'}")).toEqual([
      { kind: "text", parts: ["a, b"] },
      { kind: "text", parts: ["it's"] },
      { kind: "text", parts: ["don't"] },
    ]);
  });

  it("unescapes \\, in unquoted text", () => {
    expect(resolverArgs("${f:a\\,b}")).toEqual([{ kind: "text", parts: ["a,b"] }]);
  });

  it("reads lists, dicts and nested interpolations", () => {
    expect(resolverArgs("${f:[1, x],{a: 1, b: [true]},${y}}")).toEqual([
      { kind: "list", items: [literal(1n), literal("x")] },
      {
        kind: "dict",
        entries: [
          { key: "a", value: literal(1n) },
          { key: "b", value: { kind: "list", items: [literal(true)] } },
        ],
      },
      { kind: "interpolation", interpolation: node("y") },
    ]);
  });

  it("parses a lone element for oc.decode", () => {
    expect(parseSingleElement("[1, 2, x]")).toEqual({
      kind: "list",
      items: [literal(1n), literal(2n), literal("x")],
    });
    expect(parseSingleElement("3308")).toEqual(literal(3308n));
  });
});

describe("grammar errors", () => {
  it("reports an unterminated interpolation like ANTLR (i20)", () => {
    const e = grammarError("${a");
    expect(e.pythonType).toBe("GrammarParseError");
    expect(e.message).toBe("no viable alternative at input '${a'");
    expect(e.links()).toEqual([
      { error: "GrammarParseError", message: "no viable alternative at input '${a'" },
      { error: "NoViableAltException", message: "None" },
    ]);
  });

  it("rejects unterminated resolver calls, lists and quotes", () => {
    for (const text of ["${oc.env:X", "${f:[1", "${f:'ab", "${f:{a: 1"]) {
      expect(grammarError(text).pythonType).toBe("GrammarParseError");
    }
  });

  it("rejects characters that are no token, such as a space in a key", () => {
    expect(grammarError("${a b}").pythonType).toBe("GrammarParseError");
    expect(grammarError("${f:a=b}").message).toBe("token recognition error at: '='");
  });
});
