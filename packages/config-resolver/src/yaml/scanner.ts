// A port of PyYAML 6.0's Scanner (yaml/scanner.py): same tokens, same simple-key and indentation rules,
// same error texts. Written as a loop over the input string, without recursion, so any nesting depth
// and 10 MB scalars scan in linear time.
import { pyStrRepr } from "../python/format.js";
import { type Mark, markedError } from "./marks.js";

/** Token ids are PyYAML's, because they appear in its error messages ("expected <block end>, but found '?'"). */
export type TokenId =
  | "<directive>"
  | "<document start>"
  | "<document end>"
  | "<stream start>"
  | "<stream end>"
  | "<block sequence start>"
  | "<block mapping start>"
  | "<block end>"
  | "["
  | "{"
  | "]"
  | "}"
  | "?"
  | ":"
  | "-"
  | ","
  | "<alias>"
  | "<anchor>"
  | "<tag>"
  | "<scalar>";

export interface Token {
  id: TokenId;
  start: Mark;
  end: Mark;
  /** Alias/anchor name, scalar text, or directive name. */
  value?: string;
  /** Tag handle and suffix (handle null for verbatim `!<...>` and the bare `!`). */
  tag?: [string | null, string];
  /** %YAML version or %TAG handle/prefix. */
  directive?: { name: string; version?: [number, number]; tagHandle?: [string, string] };
  plain?: boolean;
  style?: "'" | '"' | "|" | ">";
}

interface SimpleKey {
  level: number;
  alive: boolean;
  tokenNumber: number;
  required: boolean;
  index: number;
  line: number;
  mark: Mark;
}

const BREAK_OR_END = "\0\r\n\x85\u2028\u2029";
const SPACE_BREAK_OR_END = "\0 \t\r\n\x85\u2028\u2029";
const LINE_BREAKS = "\r\n\x85\u2028\u2029";

const ESCAPE_REPLACEMENTS: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\x08",
  t: "\x09",
  "\t": "\x09",
  n: "\x0A",
  v: "\x0B",
  f: "\x0C",
  r: "\x0D",
  e: "\x1B",
  " ": "\x20",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xA0",
  L: "\u2028",
  P: "\u2029",
};
const ESCAPE_CODES: Record<string, number> = { x: 2, u: 4, U: 8 };

function isWordChar(ch: string): boolean {
  return (
    (ch >= "0" && ch <= "9") ||
    (ch >= "A" && ch <= "Z") ||
    (ch >= "a" && ch <= "z") ||
    ch === "-" ||
    ch === "_"
  );
}

function isHex(ch: string): boolean {
  return (ch >= "0" && ch <= "9") || (ch >= "A" && ch <= "F") || (ch >= "a" && ch <= "f");
}

export class Scanner {
  private readonly text: string;
  private readonly file: string;
  private index = 0;
  private line = 0;
  private column = 0;

  private done = false;
  private flowLevel = 0;
  // Queued tokens are tokens[head..]; a head index instead of shift() keeps dequeuing O(1).
  private tokens: Token[] = [];
  private head = 0;
  private tokensTaken = 0;
  /** fill() has run since the last get(). */
  private ready = false;
  private indent = -1;
  private indents: number[] = [];
  private allowSimpleKey = true;
  // PyYAML's possible_simple_keys (one per flow level), plus the same keys in creation order: the oldest
  // key has the smallest token number and goes stale first, so both checks look at the front only.
  // Indexed by flow level: an array, as levels are small (an unmatched ']' makes one negative: a property).
  private simpleKeyByLevel: (SimpleKey | undefined)[] = [];
  private simpleKeyOrder: SimpleKey[] = [];
  private simpleKeyHead = 0;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    const mark = this.mark();
    this.tokens.push({ id: "<stream start>", start: mark, end: mark });
  }

  // --- Public API, as the parser uses it.

  check(...ids: TokenId[]): boolean {
    const id = this.peekId();
    return id !== undefined && (ids.length === 0 || ids.includes(id));
  }

  /** The next token's id, or undefined after the stream's end. */
  peekId(): TokenId | undefined {
    if (!this.ready) this.fill();
    return this.tokens[this.head]?.id;
  }

  peek(): Token {
    if (!this.ready) this.fill();
    return this.tokens[this.head]!;
  }

  get(): Token {
    if (!this.ready) this.fill();
    this.ready = false;
    this.tokensTaken++;
    const token = this.tokens[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
    return token;
  }

  /**
   * Fetches until PyYAML's need_more_tokens() is false. Its answer depends only on the queue, the scanner's
   * position and the tokens taken, so it holds until the next get(): the parser asks several times a token.
   */
  private fill(): void {
    while (this.needMoreTokens()) this.fetchMoreTokens();
    this.ready = true;
  }

  // --- Reader.

  private ch(offset = 0): string {
    return this.text[this.index + offset] ?? "\0";
  }

  /** The char code at an offset; 0 (as NUL) past the end. */
  private code(offset: number): number {
    const i = this.index + offset;
    return i < this.text.length ? this.text.charCodeAt(i) : 0;
  }

  /** Python's repr of the character at an offset, for messages (a whole code point, not half a pair). */
  private reprAt(offset: number): string {
    const i = this.index + offset;
    return pyStrRepr(i < this.text.length ? String.fromCodePoint(this.text.codePointAt(i)!) : "\0");
  }

  private prefix(length: number): string {
    return this.text.slice(this.index, this.index + length);
  }

  private forward(length = 1): void {
    for (let i = 0; i < length; i++) {
      const ch = this.text[this.index];
      this.index++;
      if (
        ch === "\n" ||
        ch === "\x85" ||
        ch === "\u2028" ||
        ch === "\u2029" ||
        (ch === "\r" && this.text[this.index] !== "\n")
      ) {
        this.line++;
        this.column = 0;
      } else if (ch !== "\uFEFF" && !isLowSurrogateOfPair(this.text, this.index - 1)) {
        this.column++;
      }
    }
  }

  /** forward() over a run known to hold no line break: only the column moves (by code points). */
  private forwardInline(length: number): void {
    const end = this.index + length;
    let column = this.column;
    for (let i = this.index; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (
        c === 0xfeff ||
        (c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(this.text.charCodeAt(i - 1)))
      )
        continue;
      column++;
    }
    this.index = end;
    this.column = column;
  }

  private mark(): Mark {
    return { index: this.index, line: this.line, column: this.column };
  }

  private error(context: string | null, contextMark: Mark | null, problem: string, problemMark: Mark): Error {
    return markedError("ScannerError", this.file, context, contextMark, problem, problemMark);
  }

  // --- Token queue.

  private needMoreTokens(): boolean {
    if (this.done) return false;
    if (this.tokens.length === this.head) return true;
    // The oldest live possible key, once the stale ones are gone, is next_possible_simple_key().
    return this.stalePossibleSimpleKeys()?.tokenNumber === this.tokensTaken;
  }

  private fetchMoreTokens(): void {
    this.scanToNextToken();
    this.stalePossibleSimpleKeys();
    this.unwindIndent(this.column);
    // PyYAML's order of checks, dispatched on the char code (a NUL and the end of the text are both 0).
    const c = this.code(0);
    switch (c) {
      case 0:
        this.fetchStreamEnd();
        return;
      case 0x25: // %
        if (this.column === 0) {
          this.fetchDirective();
          return;
        }
        break;
      case 0x2d: // -
        if (this.checkDocumentIndicator("---")) {
          this.fetchDocumentIndicator("<document start>");
          return;
        }
        if (isSpaceBreakOrEnd(this.code(1))) {
          this.fetchBlockEntry();
          return;
        }
        break;
      case 0x2e: // .
        if (this.checkDocumentIndicator("...")) {
          this.fetchDocumentIndicator("<document end>");
          return;
        }
        break;
      case 0x5b: // [
        this.fetchFlowCollectionStart("[");
        return;
      case 0x7b: // {
        this.fetchFlowCollectionStart("{");
        return;
      case 0x5d: // ]
        this.fetchFlowCollectionEnd("]");
        return;
      case 0x7d: // }
        this.fetchFlowCollectionEnd("}");
        return;
      case 0x2c: // ,
        this.fetchFlowEntry();
        return;
      case 0x3f: // ?
        if (this.flowLevel > 0 || isSpaceBreakOrEnd(this.code(1))) {
          this.fetchKey();
          return;
        }
        break;
      case 0x3a: // :
        if (this.flowLevel > 0 || isSpaceBreakOrEnd(this.code(1))) {
          this.fetchValue();
          return;
        }
        break;
      case 0x2a: // *
        this.fetchAnchorOrAlias("<alias>");
        return;
      case 0x26: // &
        this.fetchAnchorOrAlias("<anchor>");
        return;
      case 0x21: // !
        this.fetchTag();
        return;
      case 0x7c: // |
        if (this.flowLevel === 0) {
          this.fetchBlockScalar(false);
          return;
        }
        break;
      case 0x3e: // >
        if (this.flowLevel === 0) {
          this.fetchBlockScalar(true);
          return;
        }
        break;
      case 0x27: // '
        this.fetchFlowScalar(false);
        return;
      case 0x22: // "
        this.fetchFlowScalar(true);
        return;
    }
    if (this.checkPlain(c)) {
      this.fetchPlain();
      return;
    }
    throw this.error(
      "while scanning for the next token",
      null,
      `found character ${this.reprAt(0)} that cannot start any token`,
      this.mark(),
    );
  }

  // --- Simple keys.

  private oldestSimpleKey(): SimpleKey | undefined {
    while (
      this.simpleKeyHead < this.simpleKeyOrder.length &&
      !this.simpleKeyOrder[this.simpleKeyHead]!.alive
    ) {
      this.simpleKeyHead++;
    }
    if (this.simpleKeyHead > 1024 && this.simpleKeyHead * 2 > this.simpleKeyOrder.length) {
      this.simpleKeyOrder = this.simpleKeyOrder.slice(this.simpleKeyHead);
      this.simpleKeyHead = 0;
    }
    return this.simpleKeyOrder[this.simpleKeyHead];
  }

  private dropSimpleKey(key: SimpleKey): void {
    key.alive = false;
    this.simpleKeyByLevel[key.level] = undefined;
  }

  /** Drops the possible keys that can no longer be keys; returns the oldest one left. */
  private stalePossibleSimpleKeys(): SimpleKey | undefined {
    for (let key = this.oldestSimpleKey(); key; key = this.oldestSimpleKey()) {
      if (key.line === this.line && this.index - key.index <= 1024) return key;
      if (key.required) {
        throw this.error("while scanning a simple key", key.mark, "could not find expected ':'", this.mark());
      }
      this.dropSimpleKey(key);
    }
    return undefined;
  }

  private savePossibleSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.allowSimpleKey) {
      this.removePossibleSimpleKey();
      const key: SimpleKey = {
        level: this.flowLevel,
        alive: true,
        tokenNumber: this.tokensTaken + this.tokens.length - this.head,
        required,
        index: this.index,
        line: this.line,
        mark: this.mark(),
      };
      this.simpleKeyByLevel[this.flowLevel] = key;
      this.simpleKeyOrder.push(key);
    }
  }

  private removePossibleSimpleKey(): void {
    const key = this.simpleKeyByLevel[this.flowLevel];
    if (!key) return;
    if (key.required) {
      throw this.error("while scanning a simple key", key.mark, "could not find expected ':'", this.mark());
    }
    this.dropSimpleKey(key);
  }

  // --- Indentation.

  private unwindIndent(column: number): void {
    if (this.flowLevel > 0) return; // PyYAML does not check indentation inside flow collections
    while (this.indent > column) {
      const mark = this.mark();
      this.indent = this.indents.pop()!;
      this.tokens.push({ id: "<block end>", start: mark, end: mark });
    }
  }

  private addIndent(column: number): boolean {
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      return true;
    }
    return false;
  }

  // --- Fetchers.

  /** An indicator token (`:`, `-`, `[`, `---`, …): never a line break, so only the column moves. */
  private simpleToken(id: TokenId, length = 1): void {
    const start = this.mark();
    this.forwardInline(length);
    this.tokens.push({ id, start, end: this.mark() });
  }

  private fetchStreamEnd(): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    // The live keys are the ones left in creation order.
    for (let i = this.simpleKeyHead; i < this.simpleKeyOrder.length; i++)
      this.simpleKeyOrder[i]!.alive = false;
    this.simpleKeyByLevel = [];
    const mark = this.mark();
    this.tokens.push({ id: "<stream end>", start: mark, end: mark });
    this.done = true;
  }

  private fetchDirective(): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanDirective());
  }

  private checkDocumentIndicator(indicator: string): boolean {
    return this.column === 0 && this.prefix(3) === indicator && SPACE_BREAK_OR_END.includes(this.ch(3));
  }

  private fetchDocumentIndicator(id: "<document start>" | "<document end>"): void {
    this.unwindIndent(-1);
    this.removePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.simpleToken(id, 3);
  }

  private fetchFlowCollectionStart(id: "[" | "{"): void {
    this.savePossibleSimpleKey();
    this.flowLevel++;
    this.allowSimpleKey = true;
    this.simpleToken(id);
  }

  private fetchFlowCollectionEnd(id: "]" | "}"): void {
    this.removePossibleSimpleKey();
    // PyYAML lets an unmatched ']' drive the level negative; the parser then reports it.
    this.flowLevel--;
    this.allowSimpleKey = false;
    this.simpleToken(id);
  }

  private fetchFlowEntry(): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.simpleToken(",");
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) {
        throw this.error(null, null, "sequence entries are not allowed here", this.mark());
      }
      if (this.addIndent(this.column)) {
        const mark = this.mark();
        this.tokens.push({ id: "<block sequence start>", start: mark, end: mark });
      }
    }
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.simpleToken("-");
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.allowSimpleKey) {
        throw this.error(null, null, "mapping keys are not allowed here", this.mark());
      }
      if (this.addIndent(this.column)) {
        const mark = this.mark();
        this.tokens.push({ id: "<block mapping start>", start: mark, end: mark });
      }
    }
    this.allowSimpleKey = this.flowLevel === 0;
    this.removePossibleSimpleKey();
    this.simpleToken("?");
  }

  private fetchValue(): void {
    const key = this.simpleKeyByLevel[this.flowLevel];
    if (key) {
      this.dropSimpleKey(key);
      const at = this.head + key.tokenNumber - this.tokensTaken;
      this.insertToken(at, { id: "?", start: key.mark, end: key.mark });
      if (this.flowLevel === 0 && this.addIndent(key.mark.column)) {
        this.insertToken(at, { id: "<block mapping start>", start: key.mark, end: key.mark });
      }
      this.allowSimpleKey = false;
    } else {
      if (this.flowLevel === 0 && !this.allowSimpleKey) {
        throw this.error(null, null, "mapping values are not allowed here", this.mark());
      }
      // A complex value may start a block mapping; the parser then reports it (PyYAML 5.1+).
      if (this.flowLevel === 0 && this.addIndent(this.column)) {
        const mark = this.mark();
        this.tokens.push({ id: "<block mapping start>", start: mark, end: mark });
      }
      this.allowSimpleKey = this.flowLevel === 0;
      this.removePossibleSimpleKey();
    }
    this.simpleToken(":");
  }

  /** tokens.splice(at, 0, token), by moving the few tokens after it (the key is near the queue's end). */
  private insertToken(at: number, token: Token): void {
    const tokens = this.tokens;
    let i = tokens.length;
    tokens.push(token);
    for (; i > at; i--) tokens[i] = tokens[i - 1]!;
    tokens[at] = token;
  }

  private fetchAnchorOrAlias(id: "<alias>" | "<anchor>"): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanAnchor(id));
  }

  private fetchTag(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanTag());
  }

  private fetchBlockScalar(folded: boolean): void {
    this.allowSimpleKey = true;
    this.removePossibleSimpleKey();
    this.tokens.push(this.scanBlockScalar(folded));
  }

  private fetchFlowScalar(double: boolean): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanFlowScalar(double));
  }

  private fetchPlain(): void {
    this.savePossibleSimpleKey();
    this.allowSimpleKey = false;
    this.tokens.push(this.scanPlain());
  }

  /** `c`: the char code here. */
  private checkPlain(c: number): boolean {
    if (!isPlainExcluded(c)) return true;
    return (
      !isSpaceBreakOrEnd(this.code(1)) && (c === 0x2d || (this.flowLevel === 0 && (c === 0x3f || c === 0x3a))) // - ? :
    );
  }

  // --- Scanners.

  private scanToNextToken(): void {
    const text = this.text;
    if (this.index === 0 && this.ch() === "\uFEFF") this.forward();
    for (;;) {
      // Over char codes: this loop sees every indentation space and comment character.
      let i = this.index;
      while (text.charCodeAt(i) === 0x20) i++;
      this.column += i - this.index;
      this.index = i;
      if (text.charCodeAt(i) === 0x23) {
        while (i < text.length && !isBreakOrNul(text.charCodeAt(i))) i++;
        this.forwardInline(i - this.index);
      }
      if (this.scanLineBreak()) {
        if (this.flowLevel === 0) this.allowSimpleKey = true;
      } else {
        return;
      }
    }
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.forward();
    const name = this.scanDirectiveName(start);
    let end: Mark;
    const token: Token = { id: "<directive>", start, end: start, value: name, directive: { name } };
    if (name === "YAML") {
      token.directive!.version = this.scanYamlDirectiveValue(start);
      end = this.mark();
    } else if (name === "TAG") {
      token.directive!.tagHandle = this.scanTagDirectiveValue(start);
      end = this.mark();
    } else {
      end = this.mark();
      while (!BREAK_OR_END.includes(this.ch())) this.forward();
    }
    this.scanIgnoredLine(start, "while scanning a directive");
    token.end = end;
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    let length = 0;
    while (isWordChar(this.ch(length))) length++;
    if (length === 0) {
      throw this.error(
        "while scanning a directive",
        start,
        `expected alphabetic or numeric character, but found ${this.reprAt(length)}`,
        this.mark(),
      );
    }
    const value = this.prefix(length);
    this.forward(length);
    if (!"\0 \r\n\x85\u2028\u2029".includes(this.ch())) {
      throw this.error(
        "while scanning a directive",
        start,
        `expected alphabetic or numeric character, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return value;
  }

  private scanYamlDirectiveValue(start: Mark): [number, number] {
    while (this.ch() === " ") this.forward();
    const major = this.scanYamlDirectiveNumber(start);
    if (this.ch() !== ".") {
      throw this.error(
        "while scanning a directive",
        start,
        `expected a digit or '.', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    this.forward();
    const minor = this.scanYamlDirectiveNumber(start);
    if (!"\0 \r\n\x85\u2028\u2029".includes(this.ch())) {
      throw this.error(
        "while scanning a directive",
        start,
        `expected a digit or ' ', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return [major, minor];
  }

  private scanYamlDirectiveNumber(start: Mark): number {
    const ch = this.ch();
    if (!(ch >= "0" && ch <= "9")) {
      throw this.error(
        "while scanning a directive",
        start,
        `expected a digit, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    let length = 0;
    while (this.ch(length) >= "0" && this.ch(length) <= "9") length++;
    const value = Number(this.prefix(length));
    this.forward(length);
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    while (this.ch() === " ") this.forward();
    const handle = this.scanTagHandle("directive", start);
    if (this.ch() !== " ") {
      throw this.error(
        "while scanning a directive",
        start,
        `expected ' ', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    while (this.ch() === " ") this.forward();
    const prefix = this.scanTagUri("directive", start);
    if (!"\0 \r\n\x85\u2028\u2029".includes(this.ch())) {
      throw this.error(
        "while scanning a directive",
        start,
        `expected ' ', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return [handle, prefix];
  }

  private scanIgnoredLine(start: Mark, context: string): void {
    while (this.ch() === " ") this.forward();
    if (this.ch() === "#") {
      while (!BREAK_OR_END.includes(this.ch())) this.forward();
    }
    if (!BREAK_OR_END.includes(this.ch())) {
      throw this.error(
        context,
        start,
        `expected a comment or a line break, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    this.scanLineBreak();
  }

  private scanAnchor(id: "<alias>" | "<anchor>"): Token {
    const start = this.mark();
    const name = id === "<alias>" ? "alias" : "anchor";
    this.forward();
    let length = 0;
    while (isWordChar(this.ch(length))) length++;
    if (length === 0) {
      throw this.error(
        `while scanning an ${name}`,
        start,
        `expected alphabetic or numeric character, but found ${this.reprAt(length)}`,
        this.mark(),
      );
    }
    const value = this.prefix(length);
    this.forward(length);
    if (!"\0 \t\r\n\x85\u2028\u2029?:,]}%@`".includes(this.ch())) {
      throw this.error(
        `while scanning an ${name}`,
        start,
        `expected alphabetic or numeric character, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return { id, start, end: this.mark(), value };
  }

  private scanTag(): Token {
    const start = this.mark();
    let ch = this.ch(1);
    let handle: string | null;
    let suffix: string;
    if (ch === "<") {
      handle = null;
      this.forward(2);
      suffix = this.scanTagUri("tag", start);
      if (this.ch() !== ">") {
        throw this.error(
          "while parsing a tag",
          start,
          `expected '>', but found ${this.reprAt(0)}`,
          this.mark(),
        );
      }
      this.forward();
    } else if (SPACE_BREAK_OR_END.includes(ch)) {
      handle = null;
      suffix = "!";
      this.forward();
    } else {
      let length = 1;
      let useHandle = false;
      while (!"\0 \r\n\x85\u2028\u2029".includes(ch)) {
        if (ch === "!") {
          useHandle = true;
          break;
        }
        length++;
        ch = this.ch(length);
      }
      if (useHandle) {
        handle = this.scanTagHandle("tag", start);
      } else {
        handle = "!";
        this.forward();
      }
      suffix = this.scanTagUri("tag", start);
    }
    if (!"\0 \r\n\x85\u2028\u2029".includes(this.ch())) {
      throw this.error(
        "while scanning a tag",
        start,
        `expected ' ', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return { id: "<tag>", start, end: this.mark(), tag: [handle, suffix] };
  }

  private scanTagHandle(name: string, start: Mark): string {
    let ch = this.ch();
    if (ch !== "!") {
      throw this.error(
        `while scanning a ${name}`,
        start,
        `expected '!', but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    let length = 1;
    ch = this.ch(length);
    if (ch !== " ") {
      while (isWordChar(ch)) {
        length++;
        ch = this.ch(length);
      }
      if (ch !== "!") {
        this.forward(length);
        throw this.error(
          `while scanning a ${name}`,
          start,
          `expected '!', but found ${this.reprAt(0)}`,
          this.mark(),
        );
      }
      length++;
    }
    const value = this.prefix(length);
    this.forward(length);
    return value;
  }

  private scanTagUri(name: string, start: Mark): string {
    const chunks: string[] = [];
    let length = 0;
    let ch = this.ch(length);
    while (isWordChar(ch) || ";/?:@&=+$,.!~*'()[]%".includes(ch)) {
      if (ch === "%") {
        chunks.push(this.prefix(length));
        this.forward(length);
        length = 0;
        chunks.push(this.scanUriEscapes(name, start));
      } else {
        length++;
      }
      ch = this.ch(length);
    }
    if (length > 0) {
      chunks.push(this.prefix(length));
      this.forward(length);
    }
    if (chunks.length === 0) {
      throw this.error(
        `while parsing a ${name}`,
        start,
        `expected URI, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return chunks.join("");
  }

  private scanUriEscapes(name: string, start: Mark): string {
    const codes: number[] = [];
    const mark = this.mark();
    while (this.ch() === "%") {
      this.forward();
      for (let k = 0; k < 2; k++) {
        if (!isHex(this.ch(k))) {
          throw this.error(
            `while scanning a ${name}`,
            start,
            `expected URI escape sequence of 2 hexdecimal numbers, but found ${this.reprAt(k)}`,
            this.mark(),
          );
        }
      }
      codes.push(Number.parseInt(this.prefix(2), 16));
      this.forward(2);
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(codes));
    } catch {
      throw this.error(`while scanning a ${name}`, start, "'utf-8' codec can't decode the URI escape", mark);
    }
  }

  private scanBlockScalar(folded: boolean): Token {
    const chunks: string[] = [];
    const start = this.mark();
    this.forward();
    const [chomping, increment] = this.scanBlockScalarIndicators(start);
    this.scanIgnoredLine(start, "while scanning a block scalar");

    const minIndent = Math.max(this.indent + 1, 1);
    let breaks: string[];
    let end: Mark;
    let indent: number;
    if (increment === null) {
      const [b, maxIndent, e] = this.scanBlockScalarIndentation();
      breaks = b;
      end = e;
      indent = Math.max(minIndent, maxIndent);
    } else {
      indent = minIndent + increment - 1;
      [breaks, end] = this.scanBlockScalarBreaks(indent);
    }
    let lineBreak = "";

    while (this.column === indent && this.ch() !== "\0") {
      chunks.push(...breaks);
      const leadingNonSpace = this.ch() !== " " && this.ch() !== "\t";
      let length = 0;
      while (!BREAK_OR_END.includes(this.ch(length))) length++;
      chunks.push(this.prefix(length));
      this.forwardInline(length);
      lineBreak = this.scanLineBreak();
      [breaks, end] = this.scanBlockScalarBreaks(indent);
      if (this.column === indent && this.ch() !== "\0") {
        if (folded && lineBreak === "\n" && leadingNonSpace && this.ch() !== " " && this.ch() !== "\t") {
          if (breaks.length === 0) chunks.push(" ");
        } else {
          chunks.push(lineBreak);
        }
      } else {
        break;
      }
    }
    if (chomping !== false) chunks.push(lineBreak);
    if (chomping === true) chunks.push(...breaks);
    return { id: "<scalar>", start, end, value: chunks.join(""), plain: false, style: folded ? ">" : "|" };
  }

  private scanBlockScalarIndicators(start: Mark): [boolean | null, number | null] {
    let chomping: boolean | null = null;
    let increment: number | null = null;
    let ch = this.ch();
    const badIndicator = () =>
      this.error(
        "while scanning a block scalar",
        start,
        "expected indentation indicator in the range 1-9, but found 0",
        this.mark(),
      );
    if (ch === "+" || ch === "-") {
      chomping = ch === "+";
      this.forward();
      ch = this.ch();
      if (ch >= "0" && ch <= "9") {
        increment = Number(ch);
        if (increment === 0) throw badIndicator();
        this.forward();
      }
    } else if (ch >= "0" && ch <= "9") {
      increment = Number(ch);
      if (increment === 0) throw badIndicator();
      this.forward();
      ch = this.ch();
      if (ch === "+" || ch === "-") {
        chomping = ch === "+";
        this.forward();
      }
    }
    ch = this.ch();
    if (!"\0 \r\n\x85\u2028\u2029".includes(ch)) {
      throw this.error(
        "while scanning a block scalar",
        start,
        `expected chomping or indentation indicators, but found ${this.reprAt(0)}`,
        this.mark(),
      );
    }
    return [chomping, increment];
  }

  private scanBlockScalarIndentation(): [string[], number, Mark] {
    const chunks: string[] = [];
    let maxIndent = 0;
    let end = this.mark();
    while (" \r\n\x85\u2028\u2029".includes(this.ch()) && this.ch() !== "\0") {
      if (this.ch() !== " ") {
        chunks.push(this.scanLineBreak());
        end = this.mark();
      } else {
        this.forward();
        if (this.column > maxIndent) maxIndent = this.column;
      }
    }
    return [chunks, maxIndent, end];
  }

  private scanBlockScalarBreaks(indent: number): [string[], Mark] {
    const chunks: string[] = [];
    let end = this.mark();
    while (this.column < indent && this.ch() === " ") this.forward();
    while (LINE_BREAKS.includes(this.ch()) && this.ch() !== "\0") {
      chunks.push(this.scanLineBreak());
      end = this.mark();
      while (this.column < indent && this.ch() === " ") this.forward();
    }
    return [chunks, end];
  }

  private scanFlowScalar(double: boolean): Token {
    const chunks: string[] = [];
    const start = this.mark();
    const quote = this.ch();
    this.forward();
    this.scanFlowScalarNonSpaces(double, start, chunks);
    while (this.ch() !== quote) {
      this.scanFlowScalarSpaces(start, chunks);
      this.scanFlowScalarNonSpaces(double, start, chunks);
    }
    this.forward();
    return {
      id: "<scalar>",
      start,
      end: this.mark(),
      value: chunks.join(""),
      plain: false,
      style: double ? '"' : "'",
    };
  }

  private scanFlowScalarNonSpaces(double: boolean, start: Mark, chunks: string[]): void {
    for (;;) {
      let length = 0;
      while (!"'\"\\\0 \t\r\n\x85\u2028\u2029".includes(this.ch(length))) length++;
      if (length > 0) {
        chunks.push(this.prefix(length));
        this.forwardInline(length);
      }
      let ch = this.ch();
      if (!double && ch === "'" && this.ch(1) === "'") {
        chunks.push("'");
        this.forward(2);
      } else if ((double && ch === "'") || (!double && (ch === '"' || ch === "\\"))) {
        chunks.push(ch);
        this.forward();
      } else if (double && ch === "\\") {
        this.forward();
        ch = this.ch();
        const replacement = ESCAPE_REPLACEMENTS[ch];
        const codeLength = ESCAPE_CODES[ch];
        if (replacement !== undefined && ch !== "\0") {
          chunks.push(replacement);
          this.forward();
        } else if (codeLength !== undefined) {
          this.forward();
          for (let k = 0; k < codeLength; k++) {
            if (!isHex(this.ch(k))) {
              throw this.error(
                "while scanning a double-quoted scalar",
                start,
                `expected escape sequence of ${codeLength} hexdecimal numbers, but found ${this.reprAt(k)}`,
                this.mark(),
              );
            }
          }
          const code = Number.parseInt(this.prefix(codeLength), 16);
          if (code > 0x10ffff) {
            // Python's chr() raises here; PyYAML lets that ValueError escape.
            throw markedError(
              "ValueError",
              this.file,
              null,
              null,
              "chr() arg not in range(0x110000)",
              this.mark(),
            );
          }
          chunks.push(String.fromCodePoint(code));
          this.forward(codeLength);
        } else if (LINE_BREAKS.includes(ch) && ch !== "\0") {
          this.scanLineBreak();
          this.scanFlowScalarBreaks(start, chunks);
        } else {
          throw this.error(
            "while scanning a double-quoted scalar",
            start,
            `found unknown escape character ${this.reprAt(0)}`,
            this.mark(),
          );
        }
      } else {
        return;
      }
    }
  }

  private scanFlowScalarSpaces(start: Mark, chunks: string[]): void {
    let length = 0;
    while (this.ch(length) === " " || this.ch(length) === "\t") length++;
    const whitespaces = this.prefix(length);
    this.forward(length);
    const ch = this.ch();
    if (ch === "\0") {
      throw this.error(
        "while scanning a quoted scalar",
        start,
        "found unexpected end of stream",
        this.mark(),
      );
    }
    if (LINE_BREAKS.includes(ch)) {
      const lineBreak = this.scanLineBreak();
      const breaks: string[] = [];
      this.scanFlowScalarBreaks(start, breaks);
      if (lineBreak !== "\n") chunks.push(lineBreak);
      else if (breaks.length === 0) chunks.push(" ");
      chunks.push(...breaks);
    } else {
      chunks.push(whitespaces);
    }
  }

  private scanFlowScalarBreaks(start: Mark, chunks: string[]): void {
    for (;;) {
      const prefix = this.prefix(3);
      if ((prefix === "---" || prefix === "...") && SPACE_BREAK_OR_END.includes(this.ch(3))) {
        throw this.error(
          "while scanning a quoted scalar",
          start,
          "found unexpected document separator",
          this.mark(),
        );
      }
      while (this.ch() === " " || this.ch() === "\t") this.forward();
      if (LINE_BREAKS.includes(this.ch()) && this.ch() !== "\0") chunks.push(this.scanLineBreak());
      else return;
    }
  }

  private scanPlain(): Token {
    const text = this.text;
    const flow = this.flowLevel > 0;
    let value = "";
    const start = this.mark();
    let end = start;
    const indent = this.indent + 1;
    let spaces: string | null = "";
    for (;;) {
      if (text.charCodeAt(this.index) === 0x23) break; // '#'
      // The run up to a space, break, ': ' (or ':' + flow indicator in flow context), or a flow indicator in
      // flow context; its columns are counted in the same pass (char codes: this loop sees every byte).
      const from = this.index;
      let i = from;
      let column = this.column;
      for (;;) {
        const c = i < text.length ? text.charCodeAt(i) : 0;
        if (c < 0x80 && PLAIN_ASCII[c] === 1) {
          // the common case: a character that neither ends the run nor takes other than one column
          column++;
          i++;
          continue;
        }
        if (isSpaceBreakOrEnd(c)) break;
        if (c === 0x3a) {
          const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
          if (isSpaceBreakOrEnd(next) || (flow && isFlowIndicator(next))) break;
        } else if (flow && (c === 0x3f || isFlowIndicator(c))) {
          break;
        }
        // As forward(): a BOM and the second half of a surrogate pair take no column.
        if (
          c < 0xdc00 ||
          !(c === 0xfeff || (c <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))))
        )
          column++;
        i++;
      }
      if (i === from) break;
      this.allowSimpleKey = false;
      value += spaces + text.slice(from, i);
      this.index = i;
      this.column = column;
      end = this.mark();
      spaces = this.scanPlainSpaces();
      if (
        spaces === null ||
        spaces.length === 0 ||
        text.charCodeAt(this.index) === 0x23 ||
        (this.flowLevel === 0 && this.column < indent)
      ) {
        break;
      }
    }
    return { id: "<scalar>", start, end, value, plain: true };
  }

  /** Spaces and line folds after a plain scalar line, as the text they fold to ("" for none); null when a
   * document marker ends the scalar. Char codes: this sees every indentation space after a plain value. */
  private scanPlainSpaces(): string | null {
    const text = this.text;
    const start = this.index;
    let i = start;
    while (text.charCodeAt(i) === 0x20) i++;
    this.column += i - start;
    this.index = i;
    if (!isLineBreak(text.charCodeAt(i))) return text.slice(start, i);
    const lineBreak = this.scanLineBreak();
    this.allowSimpleKey = true;
    if (this.atDocumentMarker()) return null;
    let breaks = "";
    for (;;) {
      const c = text.charCodeAt(this.index);
      if (c === 0x20) {
        let j = this.index + 1;
        while (text.charCodeAt(j) === 0x20) j++;
        this.column += j - this.index;
        this.index = j;
      } else if (isLineBreak(c)) {
        breaks += this.scanLineBreak();
        if (this.atDocumentMarker()) return null;
      } else {
        break;
      }
    }
    if (lineBreak !== "\n") return lineBreak + breaks;
    return breaks.length === 0 ? " " : breaks;
  }

  private atDocumentMarker(): boolean {
    const text = this.text;
    const c = text.charCodeAt(this.index);
    if (c !== 0x2d && c !== 0x2e) return false; // '-' '.'
    return (
      text.charCodeAt(this.index + 1) === c &&
      text.charCodeAt(this.index + 2) === c &&
      isSpaceBreakOrEnd(this.index + 3 < text.length ? text.charCodeAt(this.index + 3) : 0)
    );
  }

  /** One line break (\r\n counts as one), as PyYAML normalises it; "" when there is none here. */
  private scanLineBreak(): string {
    const c = this.text.charCodeAt(this.index);
    if (c === 0x0a || c === 0x0d || c === 0x85) {
      this.index += c === 0x0d && this.text.charCodeAt(this.index + 1) === 0x0a ? 2 : 1;
      this.line++;
      this.column = 0;
      return "\n";
    }
    if (c === 0x2028 || c === 0x2029) {
      this.index++;
      this.line++;
      this.column = 0;
      return c === 0x2028 ? "\u2028" : "\u2029";
    }
    return "";
  }
}

/** LINE_BREAKS' characters (NUL, and NaN past the end, are not). */
function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** 1 for the ASCII characters a plain scalar's run always continues over: not space, break, NUL, ':', '?' or
 * a flow indicator. */
const PLAIN_ASCII = (() => {
  const table = new Uint8Array(0x80);
  for (let c = 0x21; c < 0x7f; c++) table[c] = 1;
  for (const ch of ":?,[]{}") table[ch.charCodeAt(0)] = 0;
  return table;
})();

/** BREAK_OR_END's characters. */
function isBreakOrNul(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function isSpaceBreakOrEnd(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    c === 0 ||
    c === 0x85 ||
    c === 0x2028 ||
    c === 0x2029
  );
}

/** The characters that cannot start a plain scalar unless followed by a non-space (checkPlain's first set). */
function isPlainExcluded(c: number): boolean {
  switch (c) {
    case 0:
    case 0x20:
    case 0x09:
    case 0x0d:
    case 0x0a:
    case 0x85:
    case 0x2028:
    case 0x2029:
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
    default:
      return false;
  }
}

/** , [ ] { } */
function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Python counts code points: the second half of a surrogate pair does not advance the column. */
function isLowSurrogateOfPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const prev = text.charCodeAt(i - 1);
  return prev >= 0xd800 && prev <= 0xdbff;
}
