// Block-style YAML that OmegaConf.load reads back to the same tree: same key order, and every scalar keeps
// its Python type (strings that would re-type are quoted, floats keep a float form, big ints stay exact).
// Iterative, so deep trees print without a stack overflow.
import { yamlFloat } from "@roll/python-format";
import type { Key, Node, Scalar } from "../model.js";
import { isBytesNode } from "../python/bytes.js";
import { firstNonPrintable } from "../yaml/load.js";
import { resolveScalarTag, TAG } from "../yaml/scalars.js";

// Characters that may not appear raw in a plain scalar we write: PyYAML's non-printables, line breaks
// (including NEL, U+2028, U+2029), tab and BOM.
const NEEDS_QUOTES = /[^\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]/u;
// Longer simple keys are not allowed (PyYAML's 1024-character limit); those use the explicit `? key` form.
const MAX_SIMPLE_KEY = 1000;

/** Whether a string can be written plain in block context and reads back as the same string. */
function isPlainSafe(s: string): boolean {
  if (s === "" || NEEDS_QUOTES.test(s)) return false;
  if (s[0] === " " || s[s.length - 1] === " ") return false;
  if (resolveScalarTag(s, true) !== TAG.str) return false;
  const first = s[0]!;
  if ("-?:".includes(first)) {
    if (s.length === 1 || s[1] === " ") return false;
  } else if (",[]{}#&*!|>'\"%@`".includes(first)) {
    return false;
  }
  if (s.startsWith("---") || s.startsWith("...")) return false;
  return !s.includes(": ") && !s.includes(" #") && !s.endsWith(":");
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\0": "\\0",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\x85": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const escaped = DOUBLE_QUOTE_ESCAPES[ch];
    if (escaped !== undefined) {
      out += escaped;
    } else if (firstNonPrintable(ch) === 0) {
      // PyYAML's reader rejects it anywhere in a stream: inside double quotes it must be escaped
      const cp = ch.codePointAt(0)!;
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

function floatText(x: number): string {
  return yamlFloat(x); // always a float form for OmegaConf: "1.0", "1e-05", "1e+16", ".nan"
}

function scalarText(value: Scalar): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return floatText(value);
  return isPlainSafe(value) ? value : doubleQuoted(value);
}

function nodeScalarText(node: Node): string | null {
  if (isBytesNode(node)) return `!!binary ${node.value}`;
  if (node.kind === "scalar") return scalarText(node.value);
  if (node.kind === "list" && node.items.length === 0) return "[]";
  if (node.kind === "dict" && node.entries.size === 0) return "{}";
  return null; // a non-empty container: written as a block
}

function keyText(key: Key): string {
  return scalarText(key);
}

interface Task {
  node: Node;
  indent: number;
  /** Replaces the indentation of the node's first line (compact `- key: v` and `- - x` forms). */
  firstPrefix: string | null;
}

/** Block-style YAML in key order that OmegaConf.load reads back to the same values and types. */
export function toYaml(node: Node): string {
  const inline = nodeScalarText(node);
  if (inline !== null) return `${inline}\n`;
  const out: string[] = [];
  const stack: (Task | string)[] = [{ node, indent: 0, firstPrefix: null }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") {
      out.push(item);
      continue;
    }
    const { node: current, indent, firstPrefix } = item;
    const pad = " ".repeat(indent);
    const pieces: (Task | string)[] = [];
    if (current.kind === "list") {
      current.items.forEach((child, i) => {
        const prefix = i === 0 && firstPrefix !== null ? firstPrefix : pad;
        const text = nodeScalarText(child);
        if (text !== null) pieces.push(`${prefix}- ${text}\n`);
        else pieces.push({ node: child, indent: indent + 2, firstPrefix: `${prefix}- ` });
      });
    } else if (current.kind === "dict") {
      let i = 0;
      for (const entry of current.entries.values()) {
        const prefix = i === 0 && firstPrefix !== null ? firstPrefix : pad;
        const key = keyText(entry.key);
        const head = key.length > MAX_SIMPLE_KEY ? `${prefix}? ${key}\n${pad}:` : `${prefix}${key}:`;
        const text = nodeScalarText(entry.node);
        if (text !== null) pieces.push(`${head} ${text}\n`);
        else pieces.push(`${head}\n`, { node: entry.node, indent: indent + 2, firstPrefix: null });
        i++;
      }
    }
    for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
  }
  return out.join("");
}
