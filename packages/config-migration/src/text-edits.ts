// Edits of a YAML file as text ranges located through the `yaml` Document's node ranges: the file is never
// re-serialised, so every byte migrate does not mean to change (comments, order, quoting, blank lines) stays.
import { isMap, isPair, isScalar, type Pair, type ParsedNode, type Scalar, type YAMLMap } from "yaml";

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; throws (an internal error) when two overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/**
 * Maps a 1-based line of the edited text back to the original's: a line inside inserted text maps to the line
 * where the edit starts.
 */
export function originalLineOf(original: string, edits: readonly TextEdit[]): (line: number) => number {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const edited = applyEdits(original, sorted);
  const lineOfOffset = (text: string, offset: number) => {
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
    return line;
  };
  return (line) => {
    let offset = 0;
    for (let n = 1; n < line; n++) {
      const nl = edited.indexOf("\n", offset);
      if (nl < 0) break;
      offset = nl + 1;
    }
    let delta = 0; // original offset - edited offset, for the text before the current edit
    for (const edit of sorted) {
      const at = edit.start - delta;
      if (offset < at) break;
      if (offset < at + edit.text.length) return lineOfOffset(original, edit.start);
      delta += edit.end - edit.start - edit.text.length;
    }
    return lineOfOffset(original, offset + delta);
  };
}

export type ParsedPair = Pair<ParsedNode, ParsedNode | null>;

/** The pair of a block mapping whose key is the plain string `key`. */
export function pairOf(map: unknown, key: string): ParsedPair | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap<ParsedNode, ParsedNode | null>).items.find(
    (p): p is ParsedPair => isPair(p) && isScalar(p.key) && p.key.value === key,
  );
}

export const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;

/** Where the content of the line holding `offset` ends: its "\n" or "\r\n" (text.length on the last line). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === "\r" ? nl - 1 : nl;
}

/** The offset just past the line's newline (or the end of the text). */
export function nextLine(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl + 1;
}

/** A scalar's replacement in the quoting style it was written in. */
export function sameStyle(node: Scalar, value: string): string {
  if (node.type === "QUOTE_DOUBLE") return JSON.stringify(value);
  if (node.type === "QUOTE_SINGLE") return `'${value.replaceAll("'", "''")}'`;
  return value;
}

export const isBlank = (line: string) => line.trim() === "";
