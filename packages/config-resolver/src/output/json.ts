// Python json.dumps(obj, indent=1, ensure_ascii=False), byte for byte: the format of every conformance
// expected output. Iterative, so arbitrarily deep trees print without a stack overflow.
import type { Key, Node, Scalar, SourcePos } from "../model.js";
import { isBytesNode } from "../python/bytes.js";
import { pyFloatRepr } from "../python/format.js";

export interface JsonOptions {
  /**
   * "python": NaN / Infinity / -Infinity as json.dumps writes them (not JSON: JSON.parse and jq reject it);
   * "tagged": {"$float": "nan" | "inf" | "-inf"}, strict JSON (the CLI's `--format json`, the conformance data).
   */
  nonFinite?: "python" | "tagged";
  /** Indent width; Python json.dumps(indent=1) is what the conformance outputs use. */
  indent?: number;
}

// json's ESCAPE_DCT for ensure_ascii=False: only '"', '\\' and control characters are escaped.
const JSON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

// Control characters, and lone surrogates: Python keeps "\ud800" in a str, but no UTF-8 output can hold it
// (Hydra's own json.dumps(ensure_ascii=False) then fails to print: UnicodeEncodeError). Escaped, it stays
// strict JSON and JSON.parse gives back the same string, as json.dumps(ensure_ascii=True) writes it.
const JSON_ESCAPED = /[\x00-\x1f\\"]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** json.dumps of a str (ensure_ascii=False), lone surrogates escaped. */
export function pyJsonString(s: string): string {
  return `"${s.replace(JSON_ESCAPED, (ch) => JSON_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/** A float JSON cannot hold, where it was written and the path to it (for the CLI's warning). */
export interface NonFiniteFloat {
  /** OmegaConf-style key path: "a.b", "l[0]". */
  path: string;
  /** "nan", "inf" or "-inf" (the `$float` tag it is written as). */
  value: string;
  pos?: SourcePos;
}

/** Every NaN / +-Infinity value in the tree, in document order (keys are written as strings anyway). */
export function nonFiniteFloats(node: Node): NonFiniteFloat[] {
  const found: NonFiniteFloat[] = [];
  const stack: { node: Node; path: string }[] = [{ node, path: "" }];
  while (stack.length > 0) {
    const { node: current, path } = stack.pop()!;
    if (current.kind === "scalar") {
      if (typeof current.value === "number" && !Number.isFinite(current.value)) {
        const value = nonFiniteName(current.value);
        found.push(current.pos ? { path, value, pos: current.pos } : { path, value });
      }
    } else if (current.kind === "list") {
      for (let i = current.items.length - 1; i >= 0; i--)
        stack.push({ node: current.items[i]!, path: `${path}[${i}]` });
    } else {
      const entries = [...current.entries.values()];
      for (let i = entries.length - 1; i >= 0; i--) {
        const key = pyJsonKey(entries[i]!.key);
        stack.push({ node: entries[i]!.node, path: path === "" ? key : `${path}.${key}` });
      }
    }
  }
  return found;
}

function nonFiniteName(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** How json.dumps writes a float: repr, or NaN / Infinity / -Infinity. */
function pyJsonFloat(x: number): string {
  if (Number.isFinite(x)) return pyFloatRepr(x);
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/** A dict key as json.dumps stringifies it: 1 -> "1", 2.5 -> "2.5", True -> "true", None -> "null". */
export function pyJsonKey(key: Key): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  if (typeof key === "bigint") return key.toString();
  return pyJsonFloat(key);
}

type Piece = Node | { text: string };

/** json.dumps(obj, indent=1, ensure_ascii=False) byte-for-byte: key order kept, ints exact, floats as repr. */
export function toPythonJson(node: Node, options: JsonOptions = {}): string {
  const unit = " ".repeat(options.indent ?? 1);
  const tagged = options.nonFinite === "tagged";
  const out: string[] = [];
  // Pieces to write, last-in first-out; a container pushes its punctuation and children in reverse.
  const stack: { piece: Piece; depth: number }[] = [{ piece: node, depth: 0 }];
  const pushAll = (pieces: Piece[], depth: number) => {
    for (let i = pieces.length - 1; i >= 0; i--) stack.push({ piece: pieces[i]!, depth });
  };
  const taggedObject = (tag: string, value: string, depth: number) =>
    `{\n${unit.repeat(depth + 1)}${pyJsonString(tag)}: ${pyJsonString(value)}\n${unit.repeat(depth)}}`;

  while (stack.length > 0) {
    const { piece, depth } = stack.pop()!;
    if ("text" in piece) {
      out.push(piece.text);
      continue;
    }
    const inner = `\n${unit.repeat(depth + 1)}`;
    if (piece.kind === "scalar") {
      if (isBytesNode(piece)) out.push(taggedObject("$bytes", piece.value, depth));
      else if (typeof piece.value === "number" && !Number.isFinite(piece.value) && tagged) {
        out.push(taggedObject("$float", nonFiniteName(piece.value), depth));
      } else out.push(jsonScalar(piece.value));
    } else if (piece.kind === "list") {
      if (piece.items.length === 0) {
        out.push("[]");
        continue;
      }
      const pieces: Piece[] = [];
      for (const [i, child] of piece.items.entries())
        pieces.push({ text: i === 0 ? `[${inner}` : `,${inner}` }, child);
      pieces.push({ text: `\n${unit.repeat(depth)}]` });
      pushAll(pieces, depth + 1);
    } else {
      if (piece.entries.size === 0) {
        out.push("{}");
        continue;
      }
      const pieces: Piece[] = [];
      let first = true;
      for (const entry of piece.entries.values()) {
        pieces.push(
          { text: `${first ? "{" : ","}${inner}${pyJsonString(pyJsonKey(entry.key))}: ` },
          entry.node,
        );
        first = false;
      }
      pieces.push({ text: `\n${unit.repeat(depth)}}` });
      pushAll(pieces, depth + 1);
    }
  }
  return out.join("");
}

function jsonScalar(value: Scalar): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return pyJsonFloat(value);
  return pyJsonString(value);
}

/** Plain JS data for schema validators: objects (string keys as json.dumps stringifies them), arrays,
 * numbers (ints beyond 2^53 stay bigint), strings, booleans, null. Key order of integer-like keys is lost.
 * A `!!binary` value becomes its base64 text. */
export function toPlain(node: Node): unknown {
  let result: unknown;
  const stack: { node: Node; put: (value: unknown) => void }[] = [{ node, put: (v) => (result = v) }];
  while (stack.length > 0) {
    const { node: current, put } = stack.pop()!;
    if (current.kind === "scalar") {
      put(plainScalar(current.value));
    } else if (current.kind === "list") {
      const array: unknown[] = new Array(current.items.length);
      put(array);
      for (const [i, child] of current.items.entries()) {
        stack.push({ node: child, put: (v) => (array[i] = v) });
      }
    } else {
      const object: Record<string, unknown> = {};
      put(object);
      for (const entry of current.entries.values()) {
        const key = pyJsonKey(entry.key);
        // defineProperty: a "__proto__" key must become data, not the object's prototype.
        Object.defineProperty(object, key, {
          value: undefined,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        stack.push({ node: entry.node, put: (v) => (object[key] = v) });
      }
    }
  }
  return result;
}

function plainScalar(value: Scalar): unknown {
  if (typeof value !== "bigint") return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}
