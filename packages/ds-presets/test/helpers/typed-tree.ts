// Flattens YAML, JSON and JS data into [path, kind, value] rows so the three forms of a preset can be
// compared with their int/float distinction and key order.
import { isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";

export type Kind = "int" | "float" | "str" | "bool" | "null" | "map" | "seq";
export type Row = [path: string, kind: Kind, value: unknown];

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** Rows of YAML text as OmegaConf types it: a number is a float when its source has a dot or an exponent. */
export function rowsOfYaml(text: string, version: "1.1" | "1.2" = "1.1"): Row[] {
  const doc = parseDocument(text, { version });
  if (doc.errors.length > 0) throw doc.errors[0];
  const rows: Row[] = [];
  const visit = (node: Node | null, path: string) => {
    if (isMap(node)) {
      rows.push([path, "map", node.items.length]);
      for (const pair of node.items)
        visit(pair.value as Node, join(path, String((pair.key as { value: unknown }).value)));
    } else if (isSeq(node)) {
      rows.push([path, "seq", node.items.length]);
      for (const [i, item] of node.items.entries()) visit(item as Node, join(path, String(i)));
    } else if (isScalar(node)) {
      const v = node.value;
      if (typeof v === "number") rows.push([path, /[.eE]/.test(node.source ?? "") ? "float" : "int", v]);
      else if (typeof v === "string") rows.push([path, "str", v]);
      else if (typeof v === "boolean") rows.push([path, "bool", v]);
      else rows.push([path, "null", null]);
    } else {
      rows.push([path, "null", null]);
    }
  };
  visit(doc.contents as Node | null, "");
  return rows;
}

/** Rows of Python-written JSON (json.dumps always writes floats with a dot or an exponent). */
export function rowsOfJson(text: string): Row[] {
  return rowsOfYaml(text, "1.2");
}

/** Rows of JS data whose float-ness is recorded separately as dotted paths. */
export function rowsOfJs(value: unknown, floatPaths: readonly string[]): Row[] {
  const floats = new Set(floatPaths);
  const rows: Row[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      rows.push([path, "seq", node.length]);
      for (const [i, item] of node.entries()) visit(item, join(path, String(i)));
    } else if (node !== null && typeof node === "object") {
      const entries = Object.entries(node);
      rows.push([path, "map", entries.length]);
      for (const [key, item] of entries) visit(item, join(path, key));
    } else if (typeof node === "number") {
      rows.push([path, floats.has(path) || !Number.isInteger(node) ? "float" : "int", node]);
    } else if (typeof node === "string") rows.push([path, "str", node]);
    else if (typeof node === "boolean") rows.push([path, "bool", node]);
    else rows.push([path, "null", null]);
  };
  visit(value, "");
  return rows;
}

/** The rows under `prefix`, re-rooted at it. */
export function subtree(rows: Row[], prefix: string): Row[] {
  return rows
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([path, kind, value]) => [path === prefix ? "" : path.slice(prefix.length + 1), kind, value]);
}
