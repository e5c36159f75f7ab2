// Hydra's command-line override grammar (hydra/grammar/OverrideParser.g4 at v1.3.2) as its generated ANTLR parser
// runs it, errors included: the same lookahead decides each rule, the same sync points report a bad token
// ("mismatched input", "extraneous input", "missing X at", "no viable alternative at input"), and the value is
// built and typed by OverridesVisitor, functions evaluated (override-functions.ts). Values are typed by the
// grammar, not by YAML: `yes` is a string, `5e-06` and `1e05` are floats.
import { aboutOverride, ConfigError } from "../errors.js";
import { dictNode, type Key, listNode, type Node, scalarNode, setEntry } from "../model.js";
import { callFunction, RefusedFunction } from "./override-functions.js";
import {
  escapeWs,
  LexerError,
  T,
  type Token,
  TokenStream,
  type TokenType,
  tokenDisplay,
  tokenSetText,
} from "./override-lexer.js";
import {
  ChoiceSweep,
  Glob,
  IntervalSweep,
  PyDict,
  PyError,
  type PyValue,
  pyValueRepr,
  QuotedString,
  RangeSweep,
} from "./override-values.js";

export type OverrideType = "change" | "add" | "force_add" | "del";

/** Hydra's ValueType: what the value after `=` is. */
export type OverrideValueType =
  | "element"
  | "simple_choice_sweep"
  | "choice_sweep"
  | "glob"
  | "range"
  | "interval";

export interface Override {
  type: OverrideType;
  keyOrGroup: string;
  /** `group@pkg`: the package part (may be ""), else null. */
  package: string | null;
  /** Override.value() as a config node (quoted strings unquoted), or null for `~key` without one or a sweep. */
  value: Node | null;
  /** The parsed value as Hydra holds it (`_value`), for messages that print it. */
  parsed: PyValue;
  /** null for `~key` without a value. */
  valueType: OverrideValueType | null;
  /** The key inside the value where a sweep sits (`[choice(1,2)]`): OmegaConf cannot store it. */
  sweepInside?: string;
  /** Any sweep (a,b / choice / range / interval / glob), which compose() rejects like Hydra's RUN mode. */
  isSweep: boolean;
  inputLine: string;
}

/** Deepest nesting of lists, dicts and function calls in one override (Python's stack gives out near here). */
export const MAX_OVERRIDE_NESTING = 100;

const SEE_DOCS = "\nSee https://hydra.cc/docs/1.2/advanced/override_grammar/basic for details";

export function parseOverride(line: string): Override {
  return aboutOverride(line, () => {
    try {
      const parser = new OverrideParser(line);
      return parser.override();
    } catch (e) {
      throw toConfigError(line, e);
    }
  });
}

function toConfigError(line: string, e: unknown): unknown {
  // Python's exception chain as the oracle records it: the HydraException the error listener (or visitor)
  // raised, then what it was raised while handling.
  const wrap = (message: string, ...causes: { error: string; message: string }[]) =>
    new ConfigError("OverrideParseException", message + SEE_DOCS, {
      chain: [{ error: "OverrideParseException", message: message + SEE_DOCS }, ...causes],
    });
  if (e instanceof LexerError) {
    const prefix = "LexerNoViableAltException: ";
    return wrap(
      `${prefix}${line}\n${"^".padStart(prefix.length + e.index + 1)}`,
      { error: "HydraException", message: e.message },
      { error: "LexerNoViableAltException", message: `LexerNoViableAltException('${line[e.index]}')` },
    );
  }
  if (e instanceof RecognitionError) {
    return wrap(
      e.message,
      { error: "HydraException", message: e.message },
      { error: e.exception, message: "None" },
    );
  }
  if (e instanceof VisitorError) {
    return wrap(`Error parsing override '${line}'\n${e.message}`, {
      error: "HydraException",
      message: e.message,
    });
  }
  if (e instanceof FunctionError) {
    const c = e.cause;
    return wrap(`Error parsing override '${line}'\n${c.pyType} while evaluating '${e.text}': ${c.message}`, {
      error: c.pyType,
      message: c.message,
    });
  }
  if (e instanceof RefusedFunction) {
    return new ConfigError(
      "NotImplementedError",
      `Override '${line}': ${e.message}, so roll-config cannot reproduce it; list the items in the order you want`,
    );
  }
  return e;
}

/** ANTLR errors reported with a RecognitionException (no "Error parsing override" prefix). */
class RecognitionError extends Error {
  constructor(
    message: string,
    readonly exception: "InputMismatchException" | "NoViableAltException",
  ) {
    super(message);
  }
}
/** HydraException raised by the visitor or by reportUnwantedToken/reportMissingToken (prefixed). */
class VisitorError extends Error {}
/** An exception while evaluating a grammar function. */
class FunctionError extends Error {
  constructor(
    readonly text: string,
    override readonly cause: PyError,
  ) {
    super(cause.message);
  }
}

/** Hydra's Override.get_key_element(): prefix + key (+ @package). */
export function keyElement(o: Override): string {
  const prefix = o.type === "del" ? "~" : o.type === "add" ? "+" : o.type === "force_add" ? "++" : "";
  return `${prefix}${o.package === null ? o.keyOrGroup : `${o.keyOrGroup}@${o.package}`}`;
}

export function isHydraOverride(o: Override): boolean {
  const k = o.keyOrGroup;
  return k === "hydra" || k.startsWith("hydra.") || k.startsWith("hydra/");
}

// ---- the parse tree -------------------------------------------------------------------------------------

type Ast =
  | { k: "primitive"; tokens: Token[] }
  | { k: "list"; items: Ast[] }
  | { k: "dict"; pairs: [Token[], Ast][] }
  | { k: "function"; name: string; args: { name: string | null; value: Ast }[]; text: string };

const PRIMITIVE = new Set<TokenType>([
  T.COLON,
  T.FLOAT,
  T.INT,
  T.BOOL,
  T.NULL,
  T.UNQUOTED_CHAR,
  T.ID,
  T.ESC,
  T.WS,
  T.INTERPOLATION,
]);
const DICT_KEY = new Set<TokenType>([T.FLOAT, T.INT, T.BOOL, T.NULL, T.UNQUOTED_CHAR, T.ID, T.ESC, T.WS]);
const ELEMENT_START = new Set<TokenType>([...PRIMITIVE, T.BRACKET_OPEN, T.BRACE_OPEN, T.QUOTED_VALUE]);
const VALUE_OR_EOF = new Set<TokenType>([...ELEMENT_START, T.EOF]);
const KEY_START = new Set<TokenType>([T.EQUAL, T.AT, T.KEY_SPECIAL, T.DOT_PATH, T.ID]);
const set = (...types: TokenType[]) => new Set<TokenType>(types);

class OverrideParser {
  private readonly input: TokenStream;
  private depth = 0;

  constructor(private readonly line: string) {
    this.input = new TokenStream(line);
  }

  // ---- ANTLR's DefaultErrorStrategy -------------------------------------------------------------------

  private mismatched(expected: Set<TokenType>): RecognitionError {
    return new RecognitionError(
      `mismatched input ${tokenDisplay(this.input.lt(1))} expecting ${tokenSetText(expected)}`,
      "InputMismatchException",
    );
  }

  private extraneous(expected: Set<TokenType>): VisitorError {
    return new VisitorError(
      `extraneous input ${tokenDisplay(this.input.lt(1))} expecting ${tokenSetText(expected)}`,
    );
  }

  private noViableAlt(start: Token, offending: Token): RecognitionError {
    let text = "";
    for (let i = start.index; i <= offending.index; i++) {
      const t = this.input.get(i);
      if (t.type === T.EOF) break;
      text += t.text;
    }
    return new RecognitionError(`no viable alternative at input '${escapeWs(text)}'`, "NoViableAltException");
  }

  /** sync() at a block start or loop entry: drop one stray token if the next one fits, else fail. */
  private sync(expected: Set<TokenType>): void {
    if (expected.has(this.input.la(1))) return;
    if (expected.has(this.input.la(2))) throw this.extraneous(expected);
    throw this.mismatched(expected);
  }

  /** sync() at a loop back-edge: any stray token is reported as extraneous. */
  private syncLoopBack(expected: Set<TokenType>): void {
    if (!expected.has(this.input.la(1))) throw this.extraneous(expected);
  }

  /** match(t) with recoverInline(): single-token deletion, then insertion (`follow`: what may come after t). */
  private match(type: TokenType, follow: Set<TokenType>): Token {
    if (this.input.la(1) === type) return this.input.consume();
    if (this.input.la(2) === type) throw this.extraneous(set(type));
    if (follow.has(this.input.la(1))) {
      throw new VisitorError(`missing ${tokenSetText([type])} at ${tokenDisplay(this.input.lt(1))}`);
    }
    throw this.mismatched(set(type));
  }

  private enter(): void {
    if (++this.depth > MAX_OVERRIDE_NESTING) {
      throw new ConfigError(
        "RecursionError",
        `maximum recursion depth exceeded: override '${this.line}' nests lists, dicts or functions deeper than ${MAX_OVERRIDE_NESTING} levels`,
      );
    }
  }

  // ---- rules ------------------------------------------------------------------------------------------

  override(): Override {
    const input = this.input;
    this.sync(new Set([...KEY_START, T.TILDE, T.PLUS]));
    let type: OverrideType = "change";
    let key: { keyOrGroup: string; package: string | null };
    let value: ValueAst | null | undefined; // undefined: no `=`; null: `key=` with nothing after it
    const optionalValue = (): ValueAst | null => {
      this.sync(VALUE_OR_EOF);
      return ELEMENT_START.has(input.la(1)) ? this.value() : null;
    };
    const la = input.la(1);
    if (la === T.TILDE) {
      type = "del";
      input.consume();
      key = this.key();
      this.sync(set(T.EQUAL, T.EOF));
      if (input.la(1) === T.EQUAL) {
        input.consume();
        value = optionalValue();
      }
    } else if (la === T.PLUS) {
      type = "add";
      input.consume();
      this.sync(new Set([...KEY_START, T.PLUS]));
      if (input.la(1) === T.PLUS) {
        type = "force_add";
        input.consume();
      }
      key = this.key();
      this.match(T.EQUAL, VALUE_OR_EOF);
      value = optionalValue();
    } else {
      key = this.key();
      this.match(T.EQUAL, VALUE_OR_EOF);
      value = optionalValue();
    }
    this.match(T.EOF, set());
    return this.visitOverride(type, key, value);
  }

  private key(): { keyOrGroup: string; package: string | null } {
    const keyOrGroup = this.packageOrGroup();
    let pkg: string | null = null;
    if (this.input.la(1) === T.AT) {
      this.input.consume();
      pkg = this.package();
    }
    return { keyOrGroup, package: pkg };
  }

  private packageOrGroup(): string {
    const input = this.input;
    if (input.la(1) !== T.ID || input.la(2) !== T.SLASH) return this.package();
    let text = input.consume().text;
    for (;;) {
      text += this.match(T.SLASH, set()).text;
      text += this.match(T.ID, set(T.SLASH, T.AT, T.EQUAL, T.EOF)).text;
      if (input.la(1) !== T.SLASH) return text;
    }
  }

  private package(): string {
    const t = this.input.lt(1);
    if (t.type === T.EOF || t.type === T.EQUAL || t.type === T.AT) return "";
    if (t.type === T.ID || t.type === T.KEY_SPECIAL || t.type === T.DOT_PATH)
      return this.input.consume().text;
    throw this.noViableAlt(t, t);
  }

  private value(): ValueAst {
    const alt = this.predictValue();
    if (alt === "element") return this.element();
    const items = [this.element()];
    do {
      this.input.consume(); // COMMA
      items.push(this.element());
    } while (this.input.la(1) === T.COMMA);
    return { sweep: items };
  }

  /**
   * Decision `value: element | simpleChoiceSweep`: both start with an element, so ANTLR's prediction reads the
   * whole first element (without recursion: it is an automaton). All paths dying inside it is a "no viable
   * alternative" naming the input read; an element complete where they die picks `element`.
   */
  private predictValue(): "element" | "sweep" {
    const input = this.input;
    const start = input.lt(1);
    const frames: ("list" | "dict" | "function")[] = [];
    let k = 1; // lookahead position of the next token
    const dead = (): never => {
      throw this.noViableAlt(start, input.lt(k));
    };
    type Mode = "element" | "after" | "arg" | "dictKey";
    let mode: Mode = "element";
    for (;;) {
      const t = input.la(k);
      if (mode === "arg") {
        if (t === T.ID && input.la(k + 1) === T.EQUAL) k += 2;
        mode = "element";
        continue;
      }
      if (mode === "dictKey") {
        if (!DICT_KEY.has(t)) dead();
        while (DICT_KEY.has(input.la(k))) k++;
        if (input.la(k) !== T.COLON) dead();
        k++;
        mode = "element";
        continue;
      }
      if (mode === "element") {
        if (t === T.ID && input.la(k + 1) === T.POPEN) {
          frames.push("function");
          k += 2;
          if (input.la(k) === T.PCLOSE) {
            k++;
            frames.pop();
            mode = "after";
          } else mode = "arg";
        } else if (t === T.QUOTED_VALUE) {
          k++;
          mode = "after";
        } else if (PRIMITIVE.has(t)) {
          while (PRIMITIVE.has(input.la(k))) k++;
          mode = "after";
        } else if (t === T.BRACKET_OPEN) {
          k++;
          if (input.la(k) === T.BRACKET_CLOSE) {
            k++;
            mode = "after";
          } else frames.push("list");
        } else if (t === T.BRACE_OPEN) {
          k++;
          if (input.la(k) === T.BRACE_CLOSE) {
            k++;
            mode = "after";
          } else {
            frames.push("dict");
            mode = "dictKey";
          }
        } else dead();
        continue;
      }
      // after an element
      const frame = frames[frames.length - 1];
      if (frame === undefined) return t === T.COMMA ? "sweep" : "element";
      const close = frame === "list" ? T.BRACKET_CLOSE : frame === "dict" ? T.BRACE_CLOSE : T.PCLOSE;
      if (t === T.COMMA) {
        k++;
        mode = frame === "list" ? "element" : frame === "dict" ? "dictKey" : "arg";
      } else if (t === close) {
        k++;
        frames.pop();
      } else dead();
    }
  }

  private element(): Ast {
    const input = this.input;
    this.sync(ELEMENT_START);
    const t = input.la(1);
    if (t === T.BRACKET_OPEN) return this.list();
    if (t === T.BRACE_OPEN) return this.dict();
    if (t === T.ID && input.la(2) === T.POPEN) return this.function();
    return this.primitive();
  }

  private primitive(): Ast {
    const input = this.input;
    if (input.la(1) === T.QUOTED_VALUE) return { k: "primitive", tokens: [input.consume()] };
    const tokens: Token[] = [];
    while (PRIMITIVE.has(input.la(1))) tokens.push(input.consume());
    return { k: "primitive", tokens };
  }

  private list(): Ast {
    return { k: "list", items: this.delimited(ELEMENT_START, T.BRACKET_CLOSE, () => this.element()) };
  }

  private dict(): Ast {
    return { k: "dict", pairs: this.delimited(DICT_KEY, T.BRACE_CLOSE, () => this.dictKeyValuePair()) };
  }

  /** The generated parser's `'[' (item (',' item)*)? ']'` loop, with its error-recovery sync points. */
  private delimited<I>(first: Set<TokenType>, close: TokenType, item: () => I): I[] {
    const input = this.input;
    this.enter();
    input.consume();
    const items: I[] = [];
    this.sync(new Set([...first, close]));
    if (first.has(input.la(1))) {
      items.push(item());
      this.sync(set(T.COMMA, close));
      while (input.la(1) === T.COMMA) {
        input.consume();
        items.push(item());
        this.syncLoopBack(set(T.COMMA, close));
      }
    }
    this.match(close, set());
    this.depth--;
    return items;
  }

  private dictKeyValuePair(): [Token[], Ast] {
    const input = this.input;
    this.sync(DICT_KEY);
    const key: Token[] = [];
    while (DICT_KEY.has(input.la(1))) key.push(input.consume());
    this.match(T.COLON, ELEMENT_START);
    return [key, this.element()];
  }

  private function(): Ast {
    const input = this.input;
    this.enter();
    const name = input.consume();
    input.consume(); // POPEN
    const args: { name: string | null; value: Ast }[] = [];
    const arg = () => {
      this.sync(ELEMENT_START);
      let argName: string | null = null;
      if (input.la(1) === T.ID && input.la(2) === T.EQUAL) {
        argName = input.consume().text;
        input.consume();
      }
      args.push({ name: argName, value: this.element() });
    };
    this.sync(new Set([...ELEMENT_START, T.PCLOSE]));
    if (ELEMENT_START.has(input.la(1))) {
      arg();
      this.sync(set(T.COMMA, T.PCLOSE));
      while (input.la(1) === T.COMMA) {
        input.consume();
        arg();
        this.syncLoopBack(set(T.COMMA, T.PCLOSE));
      }
    }
    const close = this.match(T.PCLOSE, set());
    this.depth--;
    return {
      k: "function",
      name: name.text,
      args,
      text: this.line.slice(name.start, close.start + close.text.length),
    };
  }

  // ---- HydraOverrideVisitor ---------------------------------------------------------------------------

  private visitOverride(
    type: OverrideType,
    key: { keyOrGroup: string; package: string | null },
    valueAst: ValueAst | null | undefined,
  ): Override {
    let parsed: PyValue = null;
    let valueType: OverrideValueType | null = null;
    if (valueAst === null) {
      parsed = "";
      valueType = "element";
    } else if (valueAst !== undefined) {
      if ("sweep" in valueAst) {
        parsed = new ChoiceSweep(
          valueAst.sweep.map((a) => this.visit(a)),
          true,
        );
      } else {
        parsed = this.visit(valueAst);
      }
      valueType =
        parsed instanceof ChoiceSweep
          ? parsed.simpleForm
            ? "simple_choice_sweep"
            : "choice_sweep"
          : parsed instanceof Glob
            ? "glob"
            : parsed instanceof IntervalSweep
              ? "interval"
              : parsed instanceof RangeSweep
                ? "range"
                : "element";
    }
    const isSweep = valueType !== null && valueType !== "element";
    const sweepKey: { key?: string } = {};
    const value = valueType === null || isSweep ? null : toNode(parsed, sweepKey);
    return {
      type,
      keyOrGroup: key.keyOrGroup,
      package: key.package,
      value,
      ...(sweepKey.key !== undefined ? { sweepInside: sweepKey.key } : {}),
      parsed,
      valueType,
      isSweep,
      inputLine: this.line,
    };
  }

  private visit(ast: Ast): PyValue {
    switch (ast.k) {
      case "primitive":
        return createPrimitive(ast.tokens);
      case "list":
        return ast.items.map((a) => this.visit(a));
      case "dict": {
        const d = new PyDict();
        for (const [key, value] of ast.pairs) d.set(createPrimitive(key), this.visit(value));
        return d;
      }
      case "function": {
        const args: PyValue[] = [];
        const kwargs = new Map<string, PyValue>();
        let inKwargs = false;
        for (const a of ast.args) {
          if (a.name !== null) {
            inKwargs = true;
            kwargs.set(a.name, this.visit(a.value));
          } else {
            if (inKwargs) throw new VisitorError("positional argument follows keyword argument");
            args.push(this.visit(a.value));
          }
        }
        try {
          return callFunction(ast.name, args, kwargs);
        } catch (e) {
          if (e instanceof PyError) throw new FunctionError(ast.text, e);
          throw e;
        }
      }
    }
  }
}

type ValueAst = Ast | { sweep: Ast[] };

/** _createPrimitive: surrounding WS dropped; several tokens concatenate (escapes undone) into a str. */
function createPrimitive(tokens: Token[]): PyValue {
  let first = 0;
  let last = tokens.length;
  if (tokens[0]?.type === T.WS) {
    if (last === 1) throw new VisitorError("Trying to parse a primitive that is all whitespaces");
    first = 1;
  }
  if (tokens[last - 1]?.type === T.WS) last--;
  if (last - first > 1) {
    return tokens
      .slice(first, last)
      .map((t) => (t.type === T.ESC ? unescapePairs(t.text) : t.text))
      .join("");
  }
  const t = tokens[first] as Token;
  switch (t.type) {
    case T.QUOTED_VALUE:
      return new QuotedString(unescapeQuoted(t.text), t.text[0] as "'" | '"');
    case T.ID:
    case T.INTERPOLATION:
      return t.text;
    case T.INT:
      return BigInt(t.text.replaceAll("_", ""));
    case T.FLOAT:
      return lexedFloat(t.text);
    case T.NULL:
      return null;
    case T.BOOL:
      return t.text.toLowerCase() === "true";
    case T.ESC:
      return unescapePairs(t.text);
    default:
      return t.text;
  }
}

function lexedFloat(text: string): number {
  const lower = text.toLowerCase().replaceAll("_", "");
  if (lower.endsWith("inf")) return lower.startsWith("-") ? -Infinity : Infinity;
  if (lower.endsWith("nan")) return Number.NaN;
  return Number(lower);
}

/** text[1::2] */
function unescapePairs(text: string): string {
  let out = "";
  for (let i = 1; i < text.length; i += 2) out += text[i];
  return out;
}

/** _unescape_quoted_string: a run of backslashes before a quote is halved (and the quote kept if escaped). */
function unescapeQuoted(token: string): string {
  const q = token[0] as string;
  const body = token.slice(1); // keeps the closing quote
  const pattern = q === "'" ? /(\\)+'/g : /(\\)+"/g;
  let out = "";
  let last = 0;
  for (const m of body.matchAll(pattern)) {
    const start = m.index;
    const stop = start + m[0].length;
    out += body.slice(last, start);
    for (let i = start + 1; i < stop; i += 2) out += body[i];
    last = stop;
  }
  if (last === 0) return body.slice(0, -1);
  if (body.length - last > 1) out += body.slice(last, -1);
  return out;
}

/**
 * Override._convert_value, then the config node OmegaConf makes of it. A sweep or glob inside a list or dict
 * cannot become a node: `sweepKey` receives the key it sits at (OmegaConf fails there when the value is merged).
 */
function dictOf(fields: Record<string, PyValue>): PyDict {
  const d = new PyDict();
  for (const [k, v] of Object.entries(fields)) d.set(k, v);
  return d;
}

function toNode(v: PyValue, sweepKey: { key?: string }, key = ""): Node {
  if (v instanceof QuotedString) return scalarNode(v.text);
  if (Array.isArray(v)) return listNode(v.map((x, i) => toNode(x, sweepKey, String(i))));
  if (v instanceof PyDict) {
    const d = dictNode();
    for (const e of v.entries.values()) {
      setEntry(d, e.key as Key, toNode(e.value, sweepKey, String(e.key)));
    }
    return d;
  }
  // A Glob is a dataclass: OmegaConf stores it as {include, exclude}. Sweeps it cannot store.
  if (v instanceof Glob) return toNode(dictOf({ include: v.include, exclude: v.exclude }), sweepKey, key);
  if (typeof v === "object" && v !== null) {
    sweepKey.key ??= key;
    return scalarNode(null);
  }
  return scalarNode(v);
}

const VALUE_TYPE_ENUM: Record<OverrideValueType, string> = {
  element: "ELEMENT: 1",
  choice_sweep: "CHOICE_SWEEP: 2",
  glob: "GLOB_CHOICE_SWEEP: 3",
  simple_choice_sweep: "SIMPLE_CHOICE_SWEEP: 4",
  range: "RANGE_SWEEP: 5",
  interval: "INTERVAL_SWEEP: 6",
};

/** For the messages that print Hydra's Override dataclass. */
export function overrideRepr(o: Override): string {
  const type = { change: "CHANGE: 1", add: "ADD: 2", force_add: "FORCE_ADD: 3", del: "DEL: 4" }[o.type];
  const vt = o.valueType === null ? "None" : `<ValueType.${VALUE_TYPE_ENUM[o.valueType]}>`;
  return (
    `Override(type=<OverrideType.${type}>, key_or_group=${pyValueRepr(o.keyOrGroup)}, value_type=${vt}, ` +
    `_value=${pyValueRepr(o.parsed)}, package=${pyValueRepr(o.package)}, input_line=${pyValueRepr(o.inputLine)}, config_loader=None)`
  );
}
