// Hydra's OverrideLexer.g4 (v1.3.2) as ANTLR runs it: longest match, ties to the earlier rule, a KEY mode until
// the first `=` and a VALUE mode after it. Tokens are produced on demand, so a character no rule accepts fails
// exactly when the parser first looks at it (ANTLR's LexerNoViableAltException).

export const T = {
  EOF: -1,
  EQUAL: 1,
  TILDE: 2,
  PLUS: 3,
  AT: 4,
  COLON: 5,
  SLASH: 6,
  KEY_SPECIAL: 7,
  DOT_PATH: 8,
  POPEN: 9,
  COMMA: 10,
  PCLOSE: 11,
  BRACKET_OPEN: 12,
  BRACKET_CLOSE: 13,
  BRACE_OPEN: 14,
  BRACE_CLOSE: 15,
  FLOAT: 16,
  INT: 17,
  BOOL: 18,
  NULL: 19,
  UNQUOTED_CHAR: 20,
  ID: 21,
  ESC: 22,
  WS: 23,
  QUOTED_VALUE: 24,
  INTERPOLATION: 25,
} as const;

export type TokenType = (typeof T)[keyof typeof T];

export interface Token {
  type: TokenType;
  text: string;
  /** Offset of the first character in the override line. */
  start: number;
  /** Index in the token stream. */
  index: number;
}

/** No lexer rule matches at `index`; `text` is what the lexer read before giving up (ANTLR prints it). */
export class LexerError extends Error {
  constructor(
    readonly index: number,
    readonly text: string,
  ) {
    super(`token recognition error at: '${escapeWs(text)}'`);
  }
}

const KEY_DIGITS_PREFIX = /(?:0|[1-9](?:_?[0-9])*_?)\.?/y;

/**
 * The characters the lexer's automaton consumed before it failed, plus the one it failed on: a quote starts
 * a string that runs to the end, digits in KEY mode start a DOT_PATH; anything else fails at once.
 */
function failedText(s: string, p: number, valueMode: boolean): string {
  const c = s[p] as string;
  if (valueMode && (c === "'" || c === '"')) return s.slice(p);
  if (!valueMode && c >= "0" && c <= "9") {
    KEY_DIGITS_PREFIX.lastIndex = p;
    const m = KEY_DIGITS_PREFIX.exec(s);
    return s.slice(p, p + (m ? m[0].length : 0) + 1);
  }
  return c;
}

const NAMES = [
  "<INVALID>",
  "EQUAL",
  "'~'",
  "'+'",
  "'@'",
  "':'",
  "'/'",
  "KEY_SPECIAL",
  "DOT_PATH",
  "POPEN",
  "COMMA",
  "PCLOSE",
  "BRACKET_OPEN",
  "BRACKET_CLOSE",
  "BRACE_OPEN",
  "BRACE_CLOSE",
  "FLOAT",
  "INT",
  "BOOL",
  "NULL",
  "UNQUOTED_CHAR",
  "ID",
  "ESC",
  "WS",
  "QUOTED_VALUE",
  "INTERPOLATION",
];

/** IntervalSet.toString(literalNames, symbolicNames) as ANTLR prints expected tokens. */
export function tokenSetText(types: Iterable<TokenType>): string {
  const sorted = [...new Set(types)].sort((a, b) => a - b);
  const names = sorted.map((t) => (t === T.EOF ? "<EOF>" : (NAMES[t] ?? "<INVALID>")));
  return names.length === 1 ? (names[0] as string) : `{${names.join(", ")}}`;
}

/** Parser.getTokenErrorDisplay: the token text with \n \r \t escaped, in single quotes. */
export function tokenDisplay(t: Token): string {
  return `'${escapeWs(t.type === T.EOF ? "<EOF>" : t.text)}'`;
}

export function escapeWs(s: string): string {
  return s.replaceAll("\n", "\\n").replaceAll("\r", "\\r").replaceAll("\t", "\\t");
}

type Rule = [TokenType, (s: string, p: number) => number];

function re(type: TokenType, pattern: RegExp): Rule {
  const sticky = new RegExp(pattern.source, `${pattern.flags}y`);
  return [
    type,
    (s, p) => {
      sticky.lastIndex = p;
      const m = sticky.exec(s);
      return m ? m[0].length : 0;
    },
  ];
}

const INT_UNSIGNED = "(?:0|[1-9](?:_?[0-9])*)";
const DIGITS = "[0-9](?:_?[0-9])*";
const ID = "[a-zA-Z_][a-zA-Z0-9_-]*";
const KEY_SPECIAL = "[a-zA-Z_$][a-zA-Z0-9_$-]*";

const sticky = (source: string) => new RegExp(source, "y");
const FLOAT_BASES = [
  sticky(INT_UNSIGNED),
  sticky(`${INT_UNSIGNED}\\.`),
  sticky(`(?:${INT_UNSIGNED})?\\.${DIGITS}`),
];
const EXPONENT = sticky(`[eE][+-]?${DIGITS}`);
const INF_NAN = sticky("[Ii][Nn][Ff]|[Nn][Aa][Nn]");

/** FLOAT: [+-]? (POINT_FLOAT | EXPONENT_FLOAT | inf | nan), longest alternative. */
function floatLength(s: string, p: number): number {
  const q = s[p] === "+" || s[p] === "-" ? p + 1 : p;
  let best = 0;
  INF_NAN.lastIndex = q;
  if (INF_NAN.test(s)) best = q + 3 - p;
  FLOAT_BASES.forEach((base, i) => {
    base.lastIndex = q;
    const m = base.exec(s);
    if (!m) return;
    const end = q + m[0].length;
    if (i > 0) best = Math.max(best, end - p); // a bare INT_UNSIGNED is only a float with an exponent
    EXPONENT.lastIndex = end;
    const e = EXPONENT.exec(s);
    if (e) best = Math.max(best, end + e[0].length - p);
  });
  return best;
}

/** QUOTED_VALUE: the first closing quote preceded by an even number of backslashes (the rule's `.*?`). */
function quotedLength(s: string, p: number): number {
  const q = s[p];
  if (q !== "'" && q !== '"') return 0;
  for (let j = p + 1; j < s.length; j++) {
    if (s[j] !== q) continue;
    let backslashes = 0;
    for (let k = j - 1; k > p && s[k] === "\\"; k--) backslashes++;
    if (backslashes % 2 === 0) return j + 1 - p;
  }
  return 0;
}

const KEY_RULES: Rule[] = [
  re(T.EQUAL, /=[ \t]*/),
  re(T.TILDE, /~/),
  re(T.PLUS, /\+/),
  re(T.AT, /@/),
  re(T.COLON, /:/),
  re(T.SLASH, /\//),
  re(T.ID, new RegExp(ID)),
  re(T.KEY_SPECIAL, new RegExp(KEY_SPECIAL)),
  re(T.DOT_PATH, new RegExp(`(?:${KEY_SPECIAL}|${INT_UNSIGNED})(?:\\.(?:${KEY_SPECIAL}|${INT_UNSIGNED}))+`)),
];

const VALUE_RULES: Rule[] = [
  re(T.POPEN, /[ \t]*\([ \t]*/),
  re(T.COMMA, /[ \t]*,[ \t]*/),
  re(T.PCLOSE, /[ \t]*\)/),
  re(T.BRACKET_OPEN, /\[[ \t]*/),
  re(T.BRACKET_CLOSE, /[ \t]*\]/),
  re(T.BRACE_OPEN, /\{[ \t]*/),
  re(T.BRACE_CLOSE, /[ \t]*\}/),
  re(T.COLON, /[ \t]*:[ \t]*/),
  re(T.EQUAL, /[ \t]*=[ \t]*/),
  [T.FLOAT, floatLength],
  re(T.INT, new RegExp(`[+-]?${INT_UNSIGNED}`)),
  re(T.BOOL, /[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]/),
  re(T.NULL, /[Nn][Uu][Ll][Ll]/),
  re(T.UNQUOTED_CHAR, /[/\-\\+.$%*@?|]/),
  re(T.ID, new RegExp(ID)),
  re(T.ESC, /(?:\\[\\()[\]{}:=, \t])+/),
  re(T.WS, /[ \t]+/),
  [T.QUOTED_VALUE, quotedLength],
  re(T.INTERPOLATION, /\$\{[^}]+\}/),
];

/** The lexer behind a token stream: tokens are made when the parser first asks for them. */
export class TokenStream {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private valueMode = false;
  /** Index of the current token (LT(1)). */
  p = 0;

  constructor(readonly line: string) {}

  /** LT(k), k >= 1. */
  lt(k = 1): Token {
    const i = this.p + k - 1;
    while (this.tokens.length <= i) this.tokens.push(this.nextToken());
    return this.tokens[i] as Token;
  }

  la(k = 1): TokenType {
    return this.lt(k).type;
  }

  /** Like BufferedTokenStream.consume(): moving on fetches the next token. */
  consume(): Token {
    const t = this.lt(1);
    this.p++;
    if (t.type !== T.EOF) this.lt(1);
    return t;
  }

  get(index: number): Token {
    return this.tokens[index] as Token;
  }

  private nextToken(): Token {
    const last = this.tokens[this.tokens.length - 1];
    if (last?.type === T.EOF) return last;
    const s = this.line;
    const index = this.tokens.length;
    if (this.pos >= s.length) return { type: T.EOF, text: "<EOF>", start: s.length, index };
    let bestLen = 0;
    let bestType: TokenType = T.EOF;
    for (const [type, match] of this.valueMode ? VALUE_RULES : KEY_RULES) {
      const n = match(s, this.pos);
      if (n > bestLen) {
        bestLen = n;
        bestType = type;
      }
    }
    if (bestLen === 0) throw new LexerError(this.pos, failedText(s, this.pos, this.valueMode));
    const token: Token = {
      type: bestType,
      text: s.slice(this.pos, this.pos + bestLen),
      start: this.pos,
      index,
    };
    this.pos += bestLen;
    if (!this.valueMode && bestType === T.EQUAL) this.valueMode = true;
    return token;
  }
}
