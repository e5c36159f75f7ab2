// The one json.dumps writer: json.dumps(obj, indent=N) byte for byte over any tree, told the shape of each
// node by the caller (the resolver's nodes, plain JS data). Iterative, so deep trees print without a stack
// overflow. What differs between callers is an option here, not a copy: ensure_ascii, the indent, which
// numbers are floats, how NaN and bytes are tagged.

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

// ensure_ascii=False escapes only '"', '\\' and control characters (json's ESCAPE_DCT); ensure_ascii=True
// everything outside printable ASCII, one UTF-16 unit at a time (a pair becomes two \u escapes).
// Lone surrogates are escaped too: Python keeps "\ud800" in a str, but no UTF-8 output can hold it (Hydra's
// own json.dumps(ensure_ascii=False) then fails to print: UnicodeEncodeError). Escaped, it stays strict JSON
// and JSON.parse gives back the same string, as json.dumps(ensure_ascii=True) writes it.
const ESCAPED = /[\x00-\x1f\\"]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPED_ASCII = /[^ -~]|["\\]/g;

export interface StringOptions {
  /** json.dumps(ensure_ascii=...): true (Python's default) escapes all non-ASCII. */
  ensureAscii?: boolean;
}

/** json.dumps of a str. */
export function jsonString(s: string, options: StringOptions = {}): string {
  const pattern = options.ensureAscii === false ? ESCAPED : ESCAPED_ASCII;
  return `"${s.replace(pattern, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/** A value the caller already wrote as JSON text (a scalar, `null`). */
export class JsonText {
  constructor(readonly text: string) {}
}

/** How the writer sees one node of the caller's tree: its text, its items, or its entries in order. */
export type JsonShape<T> =
  | JsonText
  | { items: readonly (T | JsonText)[] }
  | { entries: Iterable<readonly [key: string, value: T | JsonText]> };

export interface DumpsOptions extends StringOptions {
  /** json.dumps(indent=N): spaces per level (0: newlines only). */
  indent: number;
}

type Piece<T> = { node: T | JsonText; depth: number } | { punct: string };

/** json.dumps(obj, indent=N) of a tree whose nodes `shape` describes. */
export function dumpsTree<T>(root: T, shape: (node: T) => JsonShape<T>, options: DumpsOptions): string {
  const unit = " ".repeat(options.indent);
  const key = (k: string) => jsonString(k, options);
  const out: string[] = [];
  // Pieces to write, last-in first-out; a container pushes its punctuation and children in reverse.
  const stack: Piece<T>[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const piece = stack.pop()!;
    if ("punct" in piece) {
      out.push(piece.punct);
      continue;
    }
    const { node, depth } = piece;
    const seen = node instanceof JsonText ? node : shape(node);
    if (seen instanceof JsonText) {
      out.push(seen.text);
      continue;
    }
    const inner = `\n${unit.repeat(depth + 1)}`;
    const todo: Piece<T>[] = [];
    if ("items" in seen) {
      seen.items.forEach((item, i) => {
        todo.push({ punct: i === 0 ? `[${inner}` : `,${inner}` }, { node: item, depth: depth + 1 });
      });
      todo.push({ punct: todo.length === 0 ? "[]" : `\n${unit.repeat(depth)}]` });
    } else {
      for (const [k, value] of seen.entries) {
        todo.push(
          { punct: `${todo.length === 0 ? "{" : ","}${inner}${key(k)}: ` },
          { node: value, depth: depth + 1 },
        );
      }
      todo.push({ punct: todo.length === 0 ? "{}" : `\n${unit.repeat(depth)}}` });
    }
    for (let i = todo.length - 1; i >= 0; i--) stack.push(todo[i]!);
  }
  return out.join("");
}
