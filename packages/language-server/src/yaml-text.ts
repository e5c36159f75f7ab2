// Where the cursor is in a block-style YAML file, read from the text and indentation alone, so that it also
// works on half-typed YAML that no parser accepts (ROLL configs are block style).

export interface LineInfo {
  /** Column (UTF-16) of the first non-space character; -1 for a blank or comment-only line. */
  indent: number;
  /** A `- ` list item starts on this line at `indent`. */
  dash: boolean;
  /** The mapping key on this line (after any `- `), unquoted. */
  key?: string;
  keyStart?: number;
  keyEnd?: number;
  /** Column where the value after `key:` starts (or where the list item's scalar starts). */
  valueStart?: number;
  /** The value text, comment stripped. */
  value?: string;
}

const KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"{[\]}][^#:]*?|[^\s#'"{[\]}]))[ \t]*:(?=\s|$)/;

export function lineInfo(text: string): LineInfo {
  const first = text.search(/\S/);
  if (first === -1 || text[first] === "#") return { indent: -1, dash: false };
  let at = first;
  let dash = false;
  while (text[at] === "-" && (text[at + 1] === " " || text[at + 1] === undefined)) {
    dash = true;
    at += 1;
    while (text[at] === " ") at += 1;
  }
  const info: LineInfo = { indent: first, dash };
  const rest = text.slice(at);
  const m = KEY.exec(rest);
  if (m) {
    const raw = m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]!.trimEnd();
    info.key = raw;
    info.keyStart = at;
    info.keyEnd = at + (m[1] !== undefined || m[2] !== undefined ? m[0].indexOf(":") : raw.length);
    let v = at + m[0].length;
    while (text[v] === " " || text[v] === "\t") v += 1;
    info.valueStart = v;
    info.value = stripComment(text.slice(v));
  } else if (dash) {
    info.valueStart = at;
    info.value = stripComment(rest);
  }
  return info;
}

function stripComment(value: string): string {
  const hash = value.search(/(^|\s)#/);
  return (hash === -1 ? value : value.slice(0, hash)).trimEnd();
}

/** A path segment: a mapping key, or a list index. */
export type Segment = string | number;

/**
 * The path of the mapping that holds an element written at `column` on `line` (the element's own key is
 * not included): the keys and list indices of the lines above with smaller indentation. `isItem`: the
 * element is a `- ` list item (whose list may sit at its key's own indentation).
 */
export function parentPath(
  lines: readonly string[],
  line: number,
  column: number,
  isItem = false,
): Segment[] {
  const path: Segment[] = [];
  let indent = column;
  let afterItem = isItem;
  for (let i = line - 1; i >= 0 && (indent > 0 || afterItem); i--) {
    const info = lineInfo(lines[i] ?? "");
    if (info.indent === -1) continue;
    if (info.dash && info.indent < indent) {
      path.unshift(itemIndex(lines, i, info.indent));
      indent = info.indent;
      afterItem = true;
      continue;
    }
    // A list may sit at its key's own indentation (`defaults:\n- x`).
    const keyColumn = info.dash ? (info.keyStart ?? info.indent) : info.indent;
    if (info.key !== undefined && (keyColumn < indent || (afterItem && keyColumn === indent && !info.dash))) {
      path.unshift(info.key);
      indent = info.dash ? info.indent : keyColumn;
      if (info.dash) {
        path.unshift(itemIndex(lines, i, info.indent));
      }
      afterItem = info.dash;
    }
  }
  return path;
}

/** Index of the list item starting at `line` among its siblings (items at the same column above). */
function itemIndex(lines: readonly string[], line: number, column: number): number {
  let index = 0;
  for (let i = line - 1; i >= 0; i--) {
    const info = lineInfo(lines[i] ?? "");
    if (info.indent === -1) continue;
    if (info.indent < column) break;
    if (info.indent === column) {
      if (!info.dash) break;
      index += 1;
    }
  }
  return index;
}

/** The path of the key written on `line` (its parents plus the key), or undefined if the line has none. */
export function keyPathAt(lines: readonly string[], line: number): Segment[] | undefined {
  const info = lineInfo(lines[line] ?? "");
  if (info.key === undefined || info.keyStart === undefined) return undefined;
  const parents = parentPath(lines, line, info.keyStart);
  if (info.dash && info.keyStart > info.indent) {
    // `- key: v`: the item itself is a parent.
    return [...parentPath(lines, line, info.indent, true), itemIndex(lines, line, info.indent), info.key];
  }
  return [...parents, info.key];
}

export interface InterpolationAt {
  /** The text between `${` and `}`. */
  expression: string;
  start: number;
  end: number;
}

/** The innermost `${...}` around `character` on a line. */
export function interpolationAt(text: string, character: number): InterpolationAt | undefined {
  let found: InterpolationAt | undefined;
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      stack.push(i);
      i += 1;
    } else if (text[i] === "}" && stack.length > 0) {
      const start = stack.pop()!;
      if (character >= start && character <= i + 1) {
        const candidate = { expression: text.slice(start + 2, i), start, end: i + 1 };
        if (!found || candidate.start > found.start) found = candidate;
      }
    }
  }
  return found;
}

/**
 * The config path an interpolation reads, from the node it is written in: `${a.b}` absolute, `${.x}` relative
 * to the node's parent (one more dot per level up). Resolver calls (`${oc.env:X}`) and nested ones: undefined.
 */
export function interpolationTarget(expression: string, nodePath: readonly Segment[]): Segment[] | undefined {
  if (!/^[\w.[\]-]+$/.test(expression)) return undefined;
  const segments = (text: string): Segment[] =>
    text
      .replace(/\[(\w+)\]/g, ".$1")
      .split(".")
      .filter((s) => s.length > 0)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (!expression.startsWith(".")) return segments(expression);
  const dots = /^\.+/.exec(expression)![0].length;
  const base = nodePath.slice(0, Math.max(0, nodePath.length - dots));
  return [...base, ...segments(expression.slice(dots))];
}
