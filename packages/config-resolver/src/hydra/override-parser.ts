// A hand-written parser for Hydra's command-line override grammar (hydra/grammar/OverrideParser.g4,
// OverrideLexer.g4 at v1.3.2). Values are typed by the grammar, not by YAML: `yes` is a string, `1e-5` a float.
import { ConfigError } from "../errors.js";
import { dictNode, listNode, type Node, type Scalar, scalarNode, setEntry } from "../model.js";

export type OverrideType = "change" | "add" | "force_add" | "del";

export interface Override {
  type: OverrideType;
  keyOrGroup: string;
  /** `group@pkg`: the package part (may be ""), else null. */
  package: string | null;
  /** The value, or null for `~key` without one. */
  value: Node | null;
  /** `a=1,2`: a sweep, which compose() rejects like Hydra's RUN mode. */
  isSweep: boolean;
  inputLine: string;
}

const KEY = /^(?:[A-Za-z_$][\w$-]*|\d+)(?:[./](?:[A-Za-z_$][\w$-]*|\d+))*$/;

export function parseOverride(line: string): Override {
  let type: OverrideType = "change";
  let i = 0;
  if (line.startsWith("~")) {
    type = "del";
    i = 1;
  } else if (line.startsWith("++")) {
    type = "force_add";
    i = 2;
  } else if (line.startsWith("+")) {
    type = "add";
    i = 1;
  }
  const eq = line.indexOf("=", i);
  if (eq === -1 && type !== "del") throw parseError(line, "missing '=' (expected key=value)");
  const keyText = eq === -1 ? line.slice(i) : line.slice(i, eq);
  const at = keyText.indexOf("@");
  const keyOrGroup = at === -1 ? keyText : keyText.slice(0, at);
  const pkg = at === -1 ? null : keyText.slice(at + 1);
  if (!KEY.test(keyOrGroup) || (pkg !== null && pkg !== "" && !KEY.test(pkg))) {
    throw parseError(line, `invalid key '${keyText}'`);
  }
  let value: Node | null = null;
  let isSweep = false;
  if (eq !== -1) {
    const parsed = new ValueParser(line, eq + 1).parseValue();
    value = parsed.node;
    isSweep = parsed.isSweep;
  }
  return { type, keyOrGroup, package: pkg, value, isSweep, inputLine: line };
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

function parseError(line: string, detail: string): ConfigError {
  return new ConfigError("OverrideParseException", `Error parsing override '${line}'\n${detail}`);
}

const INT_UNSIGNED = "(?:0|[1-9](?:_?\\d)*)";
const POINT_FLOAT = `(?:${INT_UNSIGNED}\\.|${INT_UNSIGNED}?\\.\\d(?:_?\\d)*)`;
const EXPONENT_FLOAT = `(?:(?:${POINT_FLOAT}|${INT_UNSIGNED})[eE][+-]?${INT_UNSIGNED})`;
const FLOAT_RE = new RegExp(`^[+-]?(?:${EXPONENT_FLOAT}|${POINT_FLOAT}|[Ii][Nn][Ff]|[Nn][Aa][Nn])$`);
const INT_RE = new RegExp(`^[+-]?${INT_UNSIGNED}$`);

/** Types one unquoted primitive the way the lexer would if it is a single INT/FLOAT/BOOL/NULL token. */
function typePrimitive(text: string): Scalar {
  if (INT_RE.test(text)) return BigInt(text.replaceAll("_", ""));
  if (FLOAT_RE.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith("inf")) return lower.startsWith("-") ? -Infinity : Infinity;
    if (lower.endsWith("nan")) return Number.NaN;
    return Number(text.replaceAll("_", ""));
  }
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  if (/^null$/i.test(text)) return null;
  return text;
}

const ESCAPABLE = new Set(["\\", "(", ")", "[", "]", "{", "}", ":", "=", ",", " ", "\t"]);

class ValueParser {
  constructor(
    private readonly line: string,
    private i: number,
  ) {}

  parseValue(): { node: Node; isSweep: boolean } {
    this.skipWs(); // EQUAL swallows the whitespace after it
    if (this.i >= this.line.length) return { node: scalarNode(""), isSweep: false };
    const first = this.parseElement();
    const rest: Node[] = [];
    while (this.consumeComma()) rest.push(this.parseElement());
    if (this.i < this.line.length) throw this.error(`unexpected '${this.line[this.i]}'`);
    if (rest.length === 0) return { node: first, isSweep: false };
    return { node: listNode([first, ...rest]), isSweep: true };
  }

  private error(detail: string): ConfigError {
    return parseError(this.line, `${detail} at column ${this.i + 1}`);
  }

  private skipWs(): void {
    while (this.line[this.i] === " " || this.line[this.i] === "\t") this.i++;
  }

  private consumeComma(): boolean {
    const save = this.i;
    this.skipWs();
    if (this.line[this.i] === ",") {
      this.i++;
      this.skipWs();
      return true;
    }
    this.i = save;
    return false;
  }

  private parseElement(): Node {
    const c = this.line[this.i];
    if (c === "[") return this.parseList();
    if (c === "{") return this.parseDict();
    if (c === "'" || c === '"') return scalarNode(this.parseQuoted());
    return scalarNode(this.parsePrimitive(false));
  }

  private parseList(): Node {
    this.i++;
    this.skipWs();
    const items: Node[] = [];
    if (this.line[this.i] === "]") {
      this.i++;
      return listNode(items);
    }
    for (;;) {
      items.push(this.parseElement());
      if (this.consumeComma()) continue;
      this.skipWs();
      if (this.line[this.i] !== "]") throw this.error("expected ']'");
      this.i++;
      return listNode(items);
    }
  }

  private parseDict(): Node {
    this.i++;
    this.skipWs();
    const dict = dictNode();
    if (this.line[this.i] === "}") {
      this.i++;
      return dict;
    }
    for (;;) {
      const key = this.parsePrimitive(true);
      this.skipWs();
      if (this.line[this.i] !== ":") throw this.error("expected ':'");
      this.i++;
      this.skipWs();
      setEntry(dict, key, this.parseElement());
      if (this.consumeComma()) continue;
      this.skipWs();
      if (this.line[this.i] !== "}") throw this.error("expected '}'");
      this.i++;
      return dict;
    }
  }

  private parseQuoted(): string {
    const quote = this.line[this.i] as string;
    let j = this.i + 1;
    let out = "";
    for (;;) {
      const c = this.line[j];
      if (c === undefined) throw this.error("unterminated quoted string");
      if (c === "\\" && this.line[j + 1] === quote) {
        out += quote;
        j += 2;
        continue;
      }
      if (c === quote) break;
      out += c;
      j++;
    }
    this.i = j + 1;
    return out;
  }

  /** Unquoted tokens up to a delimiter; surrounding whitespace is stripped and escapes are undone. */
  private parsePrimitive(isDictKey: boolean): Scalar {
    // Pieces of text; `ws` marks unescaped blanks, which are trimmed at both ends (WS tokens).
    const pieces: { text: string; ws: boolean }[] = [];
    let escaped = false;
    for (;;) {
      const c = this.line[this.i];
      if (c === undefined || c === "," || c === "]" || c === "}") break;
      if (isDictKey && c === ":") break;
      if (c === "$" && this.line[this.i + 1] === "{") {
        const end = this.interpolationEnd(this.i);
        pieces.push({ text: this.line.slice(this.i, end), ws: false });
        this.i = end;
        continue;
      }
      const next = this.line[this.i + 1] ?? "";
      if (c === "\\" && ESCAPABLE.has(next)) {
        pieces.push({ text: next, ws: false });
        this.i += 2;
        escaped = true;
        continue;
      }
      if (c === "(") throw this.error("functions (e.g. choice(), range()) are not supported");
      if ("[{)='\"".includes(c)) throw this.error(`unexpected '${c}'`);
      pieces.push({ text: c, ws: c === " " || c === "\t" });
      this.i++;
    }
    while (pieces[0]?.ws) pieces.shift();
    while (pieces[pieces.length - 1]?.ws) pieces.pop();
    const text = pieces.map((p) => p.text).join("");
    if (text === "") throw this.error("missing value");
    return escaped ? text : typePrimitive(text);
  }

  /** Index just past the `}` closing the interpolation that starts at `start` (nesting allowed). */
  private interpolationEnd(start: number): number {
    let depth = 0;
    for (let j = start; j < this.line.length; j++) {
      if (this.line[j] === "$" && this.line[j + 1] === "{") {
        depth++;
        j++;
      } else if (this.line[j] === "}") {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw this.error("unterminated interpolation");
  }
}
