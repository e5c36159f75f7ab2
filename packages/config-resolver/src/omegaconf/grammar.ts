// OmegaConf 2.2's interpolation grammar (omegaconf/grammar/OmegaConfGrammar{Lexer,Parser}.g4), hand-written:
// a mode-stack lexer with ANTLR's longest-match rule, read lazily by a recursive-descent parser (as ANTLR
// does, so the first error in reading order wins). Escapes are undone here, as grammar_visitor._unescape
// does, because whether a backslash run is an escape depends only on syntax.
import { OcError } from "./errors.js";

/** A piece of text: literal (already unescaped) or an interpolation to evaluate and str(). */
export type TextPart = string | Interpolation;

export type Interpolation = NodeInterpolation | ResolverInterpolation;

/** `${a.b[0]}`, `${..x}`, `${plans.${sel}}`: key text is the concatenation of `key` parts (dots and brackets included). */
export interface NodeInterpolation {
  kind: "node";
  key: TextPart[];
}

/** `${name:arg1,arg2}`; `name` parts are joined with "." after evaluation. */
export interface ResolverInterpolation {
  kind: "resolver";
  name: TextPart[];
  args: Element[];
  /** Source text of each argument (OmegaConf passes it to resolvers as args_str, e.g. for caching). */
  argTexts: string[];
}

/** A resolver argument (grammar rule `element`). */
export type Element =
  | { kind: "literal"; value: string | bigint | number | boolean | null }
  /** A single interpolation: its value is passed as is (type kept). */
  | { kind: "interpolation"; interpolation: Interpolation }
  /** Several pieces or a quoted string: always a str. */
  | { kind: "text"; parts: TextPart[] }
  | { kind: "list"; items: Element[] }
  | { kind: "dict"; entries: { key: string | bigint | number | boolean | null; value: Element }[] };

/** A parsed config string (rule `configValue`): one interpolation alone keeps its value's type. */
export interface ConfigValue {
  parts: TextPart[];
}

type Mode = "top" | "value" | "inter" | "single" | "double";

type TokenType =
  | "INTER_OPEN"
  | "INTER_CLOSE"
  | "BRACE_OPEN"
  | "BRACE_CLOSE"
  | "QUOTE_OPEN_SINGLE"
  | "QUOTE_OPEN_DOUBLE"
  | "MATCHING_QUOTE_CLOSE"
  | "COMMA"
  | "BRACKET_OPEN"
  | "BRACKET_CLOSE"
  | "COLON"
  | "DOT"
  | "FLOAT"
  | "INT"
  | "BOOL"
  | "NULL"
  | "UNQUOTED_CHAR"
  | "ID"
  | "INTER_KEY"
  | "ESC"
  | "WS"
  | "ANY_STR"
  | "ESC_INTER"
  | "TOP_ESC"
  | "QUOTED_ESC"
  | "EOF";

interface Token {
  type: TokenType;
  text: string;
  start: number;
}

const INT_UNSIGNED = "(?:0|[1-9](?:_?[0-9])*)";
const DIGITS = "[0-9](?:_?[0-9])*";
const POINT_FLOAT = `(?:${INT_UNSIGNED}?\\.${DIGITS}|${INT_UNSIGNED}\\.)`;
const EXPONENT_FLOAT = `(?:${POINT_FLOAT}|${INT_UNSIGNED})[eE][+-]?${DIGITS}`;
// Alternatives are ordered longest-first: JS regexes take the first alternative, ANTLR the longest.
const FLOAT_RE = new RegExp(`[+-]?(?:${EXPONENT_FLOAT}|${POINT_FLOAT}|[Ii][Nn][Ff]|[Nn][Aa][Nn])`, "y");
const INT_RE = new RegExp(`[+-]?${INT_UNSIGNED}`, "y");
const BOOL_RE = /[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]/y;
const NULL_RE = /[Nn][Uu][Ll][Ll]/y;
const ID_RE = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const ESC_RE = /(?:\\\\|\\[()[\]{}:=, \t])+/y;
const WS_RE = /[ \t]+/y;
const INTER_KEY_RE = /[^\\{}()[\]:. \t'"]+/y;
const UNQUOTED_CHARS = "/-\\+.$%*@?|";

function matchAt(re: RegExp, s: string, i: number): number {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0].length : 0;
}

function wsAt(s: string, i: number): number {
  return matchAt(WS_RE, s, i);
}

/** Lazy lexer: tokens are produced as the parser asks for them, like ANTLR's CommonTokenStream. */
class Lexer {
  private pos = 0;
  private readonly modes: Mode[];

  constructor(
    private readonly s: string,
    mode: Mode,
  ) {
    this.modes = [mode];
  }

  private get mode(): Mode {
    return this.modes[this.modes.length - 1]!;
  }

  private pop(): void {
    // ANTLR raises "Empty Stack" when popping the last mode; OmegaConf turns it into GrammarParseError.
    if (this.modes.length === 1) throw new OcError("GrammarParseError", "Empty Stack");
    this.modes.pop();
  }

  next(): Token {
    const { s } = this;
    const start = this.pos;
    if (start >= s.length) return { type: "EOF", text: "<EOF>", start };
    const [type, length] = this.match(start);
    if (length === 0) {
      const ch = s[start]!.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
      throw new OcError("GrammarParseError", `token recognition error at: '${ch}'`);
    }
    this.pos = start + length;
    this.applyModeChange(type);
    return { type, text: s.slice(start, start + length), start };
  }

  private applyModeChange(type: TokenType): void {
    const mode = this.mode;
    if (type === "INTER_OPEN") this.modes.push("inter");
    else if (type === "BRACE_OPEN") this.modes.push("value");
    else if (type === "QUOTE_OPEN_SINGLE") this.modes.push("single");
    else if (type === "QUOTE_OPEN_DOUBLE") this.modes.push("double");
    else if (type === "BRACE_CLOSE" || type === "INTER_CLOSE" || type === "MATCHING_QUOTE_CLOSE") this.pop();
    else if (type === "COLON" && mode === "inter") this.modes[this.modes.length - 1] = "value";
  }

  /** Longest match among the current mode's rules; ties go to the rule defined first. */
  private match(i: number): [TokenType, number] {
    switch (this.mode) {
      case "top":
        return this.matchText(i, "");
      case "single":
        return this.matchText(i, "'");
      case "double":
        return this.matchText(i, '"');
      case "inter":
        return this.matchInterpolation(i);
      case "value":
        return this.matchValue(i);
    }
  }

  /** DEFAULT_MODE and the two quoted modes: plain text, escapes and `${`. */
  private matchText(i: number, quote: string): [TokenType, number] {
    const s = this.s;
    if (s.startsWith("${", i)) return ["INTER_OPEN", 2 + wsAt(s, i + 2)];
    if (quote && s[i] === quote) return ["MATCHING_QUOTE_CLOSE", 1];
    if (s[i] === "$") return ["ANY_STR", 1];
    const candidates: [TokenType, number][] = [];
    // ANY_STR: a run without '$' (and without the quote) that does not end with a backslash.
    let end = i;
    while (end < s.length && s[end] !== "$" && s[end] !== quote) end++;
    while (end > i && s[end - 1] === "\\") end--;
    candidates.push(["ANY_STR", end - i]);
    if (s[i] === "\\") {
      let run = 0;
      while (s[i + run] === "\\") run++;
      if (run % 2 === 1 && s.startsWith("${", i + run)) candidates.push(["ESC_INTER", run + 2]);
      if (quote && run % 2 === 1 && s[i + run] === quote) candidates.push(["ESC", run + 1]);
      candidates.push([quote ? "QUOTED_ESC" : "TOP_ESC", run - (run % 2)]);
      candidates.push(["ANY_STR", run]);
    }
    return longest(candidates);
  }

  private matchInterpolation(i: number): [TokenType, number] {
    const s = this.s;
    const ws = wsAt(s, i);
    if (s.startsWith("${", i)) return ["INTER_OPEN", 2 + wsAt(s, i + 2)];
    if (s[i + ws] === ":") return ["COLON", ws + 1 + wsAt(s, i + ws + 1)];
    if (s[i + ws] === "}") return ["INTER_CLOSE", ws + 1];
    if (ws > 0) return ["WS", 0]; // whitespace elsewhere is not a token here
    const ch = s[i];
    if (ch === ".") return ["DOT", 1];
    if (ch === "[") return ["BRACKET_OPEN", 1];
    if (ch === "]") return ["BRACKET_CLOSE", 1];
    return longest([
      ["ID", matchAt(ID_RE, s, i)],
      ["INTER_KEY", matchAt(INTER_KEY_RE, s, i)],
    ]);
  }

  private matchValue(i: number): [TokenType, number] {
    const s = this.s;
    const ws = wsAt(s, i);
    const after = s[i + ws];
    const candidates: [TokenType, number][] = [];
    if (s.startsWith("${", i)) candidates.push(["INTER_OPEN", 2 + wsAt(s, i + 2)]);
    if (s[i] === "{") candidates.push(["BRACE_OPEN", 1 + wsAt(s, i + 1)]);
    if (after === "}") candidates.push(["BRACE_CLOSE", ws + 1]);
    if (s[i] === "'") candidates.push(["QUOTE_OPEN_SINGLE", 1]);
    if (s[i] === '"') candidates.push(["QUOTE_OPEN_DOUBLE", 1]);
    if (after === ",") candidates.push(["COMMA", ws + 1 + wsAt(s, i + ws + 1)]);
    if (s[i] === "[") candidates.push(["BRACKET_OPEN", 1 + wsAt(s, i + 1)]);
    if (after === "]") candidates.push(["BRACKET_CLOSE", ws + 1]);
    if (after === ":") candidates.push(["COLON", ws + 1 + wsAt(s, i + ws + 1)]);
    candidates.push(
      ["FLOAT", matchAt(FLOAT_RE, s, i)],
      ["INT", matchAt(INT_RE, s, i)],
      ["BOOL", matchAt(BOOL_RE, s, i)],
      ["NULL", matchAt(NULL_RE, s, i)],
      ["UNQUOTED_CHAR", UNQUOTED_CHARS.includes(s[i]!) ? 1 : 0],
      ["ID", matchAt(ID_RE, s, i)],
      ["ESC", matchAt(ESC_RE, s, i)],
      ["WS", ws],
    );
    return longest(candidates);
  }
}

function longest(candidates: [TokenType, number][]): [TokenType, number] {
  let best: [TokenType, number] = ["EOF", 0];
  for (const c of candidates) if (c[1] > best[1]) best = c;
  return best;
}

const PRIMITIVE_TOKENS = new Set<TokenType>([
  "ID",
  "NULL",
  "INT",
  "FLOAT",
  "BOOL",
  "UNQUOTED_CHAR",
  "COLON",
  "ESC",
  "WS",
  "INTER_OPEN",
]);
const TEXT_TOKENS = new Set<TokenType>([
  "INTER_OPEN",
  "ANY_STR",
  "ESC",
  "ESC_INTER",
  "TOP_ESC",
  "QUOTED_ESC",
]);

function describe(t: Token): string {
  return t.type === "EOF" ? "'<EOF>'" : `'${t.text}'`;
}

function syntaxError(message: string): OcError {
  return new OcError("GrammarParseError", message, [{ error: "NoViableAltException", message: "None" }]);
}

/**
 * Deepest nesting of interpolations, quotes, lists and dicts in one string. OmegaConf's ANTLR parser is
 * recursive too and hits Python's recursion limit (1000 frames, several per level) well before this.
 */
export const MAX_GRAMMAR_NESTING = 200;

class Parser {
  private readonly tokens: Token[] = [];
  private index = 0;
  private readonly lexer: Lexer;
  /** Open interpolations: only the outermost one may be closed by the end of the text. */
  private depth = 0;
  /** Open interpolations, quotes, lists and dicts: the descent is recursive, so its depth is bounded. */
  private nesting = 0;
  /** Interpolations already parsed, by first token index: a nested key prefix is parsed, then re-read. */
  private readonly parsedAt = new Map<number, { value: Interpolation; end: number }>();

  constructor(
    private readonly s: string,
    mode: Mode,
  ) {
    this.lexer = new Lexer(s, mode);
  }

  private peek(k = 0): Token {
    while (this.tokens.length <= this.index + k) {
      const last = this.tokens[this.tokens.length - 1];
      this.tokens.push(last?.type === "EOF" ? last : this.lexer.next());
    }
    return this.tokens[this.index + k]!;
  }

  private take(): Token {
    const t = this.peek();
    this.index++;
    return t;
  }

  /**
   * Matches one token, reporting like ANTLR's recoverInline: a token too many is "extraneous", a closing
   * token missing at the very end is "missing", anything else "mismatched". Token names are ANTLR's
   * (symbolic: these tokens absorb whitespace, so they have no literal name).
   */
  private expect(type: TokenType, what: string = type, mayBeMissingAtEnd = false): Token {
    const t = this.peek();
    if (t.type === type) return this.take();
    if (this.peek(1).type === type) throw syntaxError(`extraneous input ${describe(t)} expecting ${what}`);
    if (t.type === "EOF" && this.depth === 1 && mayBeMissingAtEnd)
      throw syntaxError(`missing ${what} at '<EOF>'`);
    throw syntaxError(`mismatched input ${describe(t)} expecting ${what}`);
  }

  /** ANTLR's "no viable alternative" shows the input from the decision's first token to the offending one. */
  private noViableAlt(from: Token, offending: Token): OcError {
    const end = offending.type === "EOF" ? this.s.length : offending.start + offending.text.length;
    return syntaxError(`no viable alternative at input '${this.s.slice(from.start, end)}'`);
  }

  configValue(): ConfigValue {
    const parts = this.text(false);
    if (parts.length === 0 || this.peek().type !== "EOF") {
      const t = this.peek();
      throw syntaxError(`extraneous input ${describe(t)} expecting <EOF>`);
    }
    return { parts };
  }

  singleElement(): Element {
    const e = this.element();
    const t = this.peek();
    if (t.type !== "EOF") throw syntaxError(`extraneous input ${describe(t)} expecting <EOF>`);
    return e;
  }

  /** Rule `text`; `quoted` decides how trailing backslash runs are unescaped. */
  private text(quoted: boolean): TextPart[] {
    const raw: (Token | Interpolation)[] = [];
    while (TEXT_TOKENS.has(this.peek().type)) {
      raw.push(this.peek().type === "INTER_OPEN" ? this.interpolation() : this.take());
    }
    const parts: TextPart[] = [];
    const push = (text: string) => {
      const last = parts[parts.length - 1];
      if (typeof last === "string") parts[parts.length - 1] = last + text;
      else if (text !== "") parts.push(text);
    };
    raw.forEach((item, i) => {
      if (!("type" in item)) {
        parts.push(item);
        return;
      }
      const next = raw[i + 1];
      const nextIsInterpolation = next !== undefined && !("type" in next);
      push(unescapeToken(item, nextIsInterpolation || (quoted && next === undefined)));
    });
    return parts;
  }

  private interpolation(): Interpolation {
    const at = this.index;
    const done = this.parsedAt.get(at);
    if (done) {
      // Re-reading a prefix after looking ahead: without this, each nesting level would parse twice (2^n).
      this.index = done.end;
      return done.value;
    }
    const open = this.expect("INTER_OPEN");
    this.depth++;
    try {
      const value = this.nested(() => this.interpolationBody(open));
      this.parsedAt.set(at, { value, end: this.index });
      return value;
    } finally {
      this.depth--;
    }
  }

  /** Runs one level of nested syntax, refusing more than MAX_GRAMMAR_NESTING levels. */
  private nested<T>(parse: () => T): T {
    if (++this.nesting > MAX_GRAMMAR_NESTING) {
      throw new OcError(
        "GrammarParseError",
        `interpolations, quotes, lists and dicts nested deeper than ${MAX_GRAMMAR_NESTING} levels`,
      );
    }
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  private interpolationBody(open: Token): Interpolation {
    // Decide node vs resolver like ANTLR's prediction: scan the common prefix `ID (. ID)*`.
    let k = 0;
    for (;;) {
      const t = this.peek(k);
      if (t.type === "ID" || t.type === "DOT") {
        k++;
        continue;
      }
      if (t.type === "INTER_OPEN") break; // nested interpolation in the prefix: parse it to see what follows
      if (t.type === "COLON" && k > 0 && this.peek(0).type === "ID") return this.resolver();
      if (t.type === "INTER_CLOSE" || t.type === "BRACKET_OPEN" || t.type === "INTER_KEY") {
        if (k > 0 || t.type !== "INTER_CLOSE") return this.nodeInterpolation();
      }
      throw this.noViableAlt(open, t);
    }
    // A prefix with nested interpolations: skip over it (parsing them), look at the next token, rewind.
    const start = this.index;
    while (this.peek().type === "ID" || this.peek().type === "DOT" || this.peek().type === "INTER_OPEN") {
      if (this.peek().type === "INTER_OPEN") this.interpolation();
      else this.take();
    }
    const t = this.peek();
    if (t.type === "COLON") {
      this.index = start;
      return this.resolver();
    }
    if (t.type === "INTER_CLOSE" || t.type === "BRACKET_OPEN" || t.type === "INTER_KEY") {
      this.index = start;
      return this.nodeInterpolation();
    }
    throw this.noViableAlt(open, t);
  }

  private nodeInterpolation(): NodeInterpolation {
    const key: TextPart[] = [];
    while (this.peek().type === "DOT") key.push(this.take().text);
    let first = true;
    for (;;) {
      const t = this.peek();
      if (t.type === "BRACKET_OPEN") {
        key.push(this.take().text, this.configKey());
        key.push(this.expect("BRACKET_CLOSE").text);
      } else if (first) {
        key.push(this.configKey());
      } else if (t.type === "DOT") {
        key.push(this.take().text, this.configKey());
      } else if (t.type === "INTER_CLOSE") {
        this.take();
        return { kind: "node", key: mergeStrings(key) };
      } else {
        throw syntaxError(`mismatched input ${describe(t)} expecting {BRACKET_OPEN, INTER_CLOSE, '.'}`);
      }
      first = false;
    }
  }

  private configKey(): TextPart {
    const t = this.peek();
    if (t.type === "INTER_OPEN") return this.interpolation();
    if (t.type === "ID" || t.type === "INTER_KEY") return this.take().text;
    throw syntaxError(`mismatched input ${describe(t)} expecting {INTER_OPEN, ID, INTER_KEY}`);
  }

  private resolver(): ResolverInterpolation {
    const name: TextPart[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === "INTER_OPEN") name.push(this.interpolation());
      else name.push(this.expect("ID", "{INTER_OPEN, ID}").text);
      if (this.peek().type !== "DOT") break;
      name.push(this.take().text);
    }
    this.expect("COLON");
    const args: Element[] = [];
    const argTexts: string[] = [];
    if (this.peek().type !== "BRACE_CLOSE") this.sequence(args, argTexts);
    this.expect("BRACE_CLOSE", "BRACE_CLOSE", true);
    return { kind: "resolver", name: mergeStrings(name), args, argTexts };
  }

  /** Rule `sequence`: elements separated by commas; an empty slot is the empty string. */
  private sequence(out: Element[], texts: string[]): void {
    let previousWasComma = true;
    for (;;) {
      const t = this.peek();
      if (t.type === "COMMA") {
        this.take();
        if (previousWasComma) {
          out.push({ kind: "literal", value: "" });
          texts.push("");
        }
        previousWasComma = true;
        continue;
      }
      if (!previousWasComma || !this.startsElement(t)) break;
      const from = t.start;
      out.push(this.element());
      texts.push(this.s.slice(from, this.peek().start).trim());
      previousWasComma = false;
    }
    if (previousWasComma) {
      out.push({ kind: "literal", value: "" });
      texts.push("");
    }
  }

  private startsElement(t: Token): boolean {
    return (
      PRIMITIVE_TOKENS.has(t.type) ||
      t.type === "QUOTE_OPEN_SINGLE" ||
      t.type === "QUOTE_OPEN_DOUBLE" ||
      t.type === "BRACKET_OPEN" ||
      t.type === "BRACE_OPEN"
    );
  }

  private element(): Element {
    const t = this.peek();
    if (t.type === "QUOTE_OPEN_SINGLE" || t.type === "QUOTE_OPEN_DOUBLE") {
      this.take();
      const parts = this.nested(() => this.text(true));
      this.expect("MATCHING_QUOTE_CLOSE");
      return { kind: "text", parts: parts.length === 0 ? [""] : parts };
    }
    if (t.type === "BRACKET_OPEN") {
      this.take();
      const items: Element[] = [];
      if (this.peek().type !== "BRACKET_CLOSE") this.nested(() => this.sequence(items, []));
      this.expect("BRACKET_CLOSE");
      return { kind: "list", items };
    }
    if (t.type === "BRACE_OPEN") return this.nested(() => this.dict());
    if (PRIMITIVE_TOKENS.has(t.type)) return this.primitive(true);
    throw syntaxError(`mismatched input ${describe(t)} expecting an element`);
  }

  private dict(): Element {
    this.take();
    const entries: { key: string | bigint | number | boolean | null; value: Element }[] = [];
    if (this.peek().type !== "BRACE_CLOSE") {
      for (;;) {
        // dictKey admits no interpolation, so a multi-token key is plain text.
        const key = this.primitive(false);
        const keyValue = key.kind === "literal" ? key.value : key.kind === "text" ? key.parts.join("") : "";
        this.expect("COLON");
        entries.push({ key: keyValue, value: this.element() });
        if (this.peek().type !== "COMMA") break;
        this.take();
      }
    }
    this.expect("BRACE_CLOSE", entries.length > 0 ? "{COMMA, BRACE_CLOSE}" : "BRACE_CLOSE");
    return { kind: "dict", entries };
  }

  /** Rule `primitive` (or `dictKey` when colons and interpolations are not allowed). */
  private primitive(allowColonAndInterpolation: boolean): Element {
    const items: (Token | Interpolation)[] = [];
    for (;;) {
      const t = this.peek();
      if (!PRIMITIVE_TOKENS.has(t.type)) break;
      if (!allowColonAndInterpolation && (t.type === "COLON" || t.type === "INTER_OPEN")) break;
      items.push(t.type === "INTER_OPEN" ? this.interpolation() : this.take());
    }
    if (items.length === 0) throw syntaxError(`mismatched input ${describe(this.peek())} expecting a value`);
    if (items.length === 1) {
      const only = items[0]!;
      if (!("type" in only)) return { kind: "interpolation", interpolation: only };
      return { kind: "literal", value: typedPrimitive(only) };
    }
    const parts: TextPart[] = [];
    items.forEach((item) => {
      parts.push("type" in item ? (item.type === "ESC" ? unescapePairs(item.text) : item.text) : item);
    });
    return { kind: "text", parts: mergeStrings(parts) };
  }
}

function typedPrimitive(t: Token): string | bigint | number | boolean | null {
  switch (t.type) {
    case "NULL":
      return null;
    case "INT":
      return BigInt(t.text.replace(/_/g, ""));
    case "FLOAT":
      return parsePythonFloat(t.text);
    case "BOOL":
      return t.text.toLowerCase() === "true";
    case "ESC":
      return unescapePairs(t.text);
    default:
      return t.text;
  }
}

/** Python float(): accepts '_' between digits, inf/nan in any case. */
export function parsePythonFloat(text: string): number {
  const t = text.replace(/_/g, "").toLowerCase();
  const sign = t.startsWith("-") ? -1 : 1;
  const body = t.replace(/^[+-]/, "");
  if (body === "inf" || body === "infinity") return sign * Number.POSITIVE_INFINITY;
  if (body === "nan") return Number.NaN;
  return Number(t);
}

/** `\x` pairs -> `x` (Python's text[1::2]). */
function unescapePairs(text: string): string {
  let out = "";
  for (let i = 1; i < text.length; i += 2) out += text[i];
  return out;
}

function unescapeToken(t: Token, escapesBeforeInterpolationOrEnd: boolean): string {
  switch (t.type) {
    case "ESC_INTER":
      return t.text.slice(t.text.length - (Math.floor(t.text.length / 2) + 1));
    case "ESC":
      return unescapePairs(t.text);
    case "TOP_ESC":
    case "QUOTED_ESC":
      return escapesBeforeInterpolationOrEnd ? unescapePairs(t.text) : t.text;
    default:
      return t.text;
  }
}

function mergeStrings(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

/** OmegaConf decides "is an interpolation" by this test before parsing (_utils._is_interpolation). */
export function mayBeInterpolation(value: unknown): value is string {
  return typeof value === "string" && value.includes("${");
}

/** Parses a config string (rule configValue). Throws OcError("GrammarParseError"). */
export function parseConfigValue(text: string): ConfigValue {
  return new Parser(text, "top").configValue();
}

/** Parses with rule singleElement in VALUE_MODE (oc.decode). Throws OcError("GrammarParseError"). */
export function parseSingleElement(text: string): Element {
  return new Parser(text, "value").singleElement();
}
