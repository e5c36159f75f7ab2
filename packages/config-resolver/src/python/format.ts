// How Python prints values: OmegaConf embeds str() of a value in string interpolations. Float repr (JS
// String() differs: 1e-7 vs 1e-07, 1e21 vs 1e+21, 100 vs 100.0) comes from @roll/python-format.

import { floatRepr } from "@roll/python-format";
import type { Key, Node, Scalar } from "../model.js";
import { isBytesNode, pyBytesRepr } from "./bytes.js";

/** Python repr() of a float (one implementation for the project: @roll/python-format). */
export const pyFloatRepr: (x: number) => string = floatRepr;

// Characters str.isprintable() rejects: categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than space.
const NON_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]|(?! )\p{Zs}/u;

/** Python repr() of a str: single quotes unless the text has ' and no ", escapes like unicode_repr. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (NON_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  const hex = cp.toString(16);
  if (cp <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, "0")}`;
  return `\\U${hex.padStart(8, "0")}`;
}

/** Python repr() of a scalar: floats as repr (1e-05, 1000000000.0, inf, nan), 'strings' quoted, True, None. */
export function pyRepr(value: Scalar): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return pyFloatRepr(value);
  return pyStrRepr(value);
}

/** Python str() of a scalar: like repr, but strings are not quoted. */
export function pyScalarStr(value: Scalar): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/** Python str() of a value as OmegaConf embeds it in a string: scalars unquoted, containers like str(dict). */
export function pyStr(node: Node): string {
  if (isBytesNode(node)) return pyBytesRepr(node.value);
  return node.kind === "scalar" ? pyScalarStr(node.value) : pyNodeRepr(node);
}

/** Python repr() of a whole value; containers print their elements with repr. Iterative: trees may be deep. */
export function pyNodeRepr(root: Node): string {
  const parts: string[] = [];
  // Work stack of nodes to print or literal text to emit, processed last-in first-out.
  const stack: (Node | { text: string })[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("text" in item) {
      parts.push(item.text);
    } else if (item.kind === "scalar") {
      parts.push(isBytesNode(item) ? pyBytesRepr(item.value) : pyRepr(item.value));
    } else if (item.kind === "list") {
      const todo: (Node | { text: string })[] = [{ text: "[" }];
      item.items.forEach((child, i) => {
        if (i > 0) todo.push({ text: ", " });
        todo.push(child);
      });
      todo.push({ text: "]" });
      for (let i = todo.length - 1; i >= 0; i--) stack.push(todo[i]!);
    } else {
      const todo: (Node | { text: string })[] = [{ text: "{" }];
      let first = true;
      for (const entry of item.entries.values()) {
        todo.push({ text: `${first ? "" : ", "}${pyRepr(entry.key as Key)}: ` }, entry.node);
        first = false;
      }
      todo.push({ text: "}" });
      for (let i = todo.length - 1; i >= 0; i--) stack.push(todo[i]!);
    }
  }
  return parts.join("");
}
