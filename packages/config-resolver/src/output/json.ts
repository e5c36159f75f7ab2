// Python json.dumps(obj, indent=1, ensure_ascii=False), byte for byte: the format of every conformance
// expected output, written by @roll/python-format's one json.dumps writer (iterative: deep trees print).
import { dumpsTree, type JsonShape, JsonText, jsonFloat, jsonString } from "@roll/python-format";
import type { DictNode, Key, ListNode, Node, Scalar, SourcePos } from "../model.js";
import { isBytesNode } from "../python/bytes.js";

export interface JsonOptions {
  /**
   * "python": NaN / Infinity / -Infinity as json.dumps writes them (not JSON: JSON.parse and jq reject it);
   * "tagged": {"$float": "nan" | "inf" | "-inf"}, strict JSON (the CLI's `--format json`, the conformance data).
   */
  nonFinite?: "python" | "tagged";
  /** Indent width; Python json.dumps(indent=1) is what the conformance outputs use. */
  indent?: number;
}

/** json.dumps of a str (ensure_ascii=False); lone surrogates escaped (see @roll/python-format). */
export function pyJsonString(s: string): string {
  return jsonString(s, { ensureAscii: false });
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

/** A dict key as json.dumps stringifies it: 1 -> "1", 2.5 -> "2.5", True -> "true", None -> "null". */
export function pyJsonKey(key: Key): string {
  if (typeof key === "string") return key;
  if (key === null) return "null";
  if (typeof key === "boolean") return key ? "true" : "false";
  if (typeof key === "bigint") return key.toString();
  return jsonFloat(key);
}

/** json.dumps(obj, indent=1, ensure_ascii=False) byte-for-byte: key order kept, ints exact, floats as repr. */
export function toPythonJson(node: Node, options: JsonOptions = {}): string {
  const tagged = options.nonFinite === "tagged";
  const tag = (name: string, value: string) => ({
    entries: [[name, new JsonText(pyJsonString(value))] as const],
  });
  const shape = (n: Node): JsonShape<Node> => {
    if (n.kind === "scalar") {
      if (isBytesNode(n)) return tag("$bytes", n.value);
      if (tagged && typeof n.value === "number" && !Number.isFinite(n.value))
        return tag("$float", nonFiniteName(n.value));
      return new JsonText(jsonScalar(n.value));
    }
    if (n.kind === "list") return { items: n.items };
    return { entries: [...n.entries.values()].map((e) => [pyJsonKey(e.key), e.node] as const) };
  };
  return dumpsTree(node, shape, { indent: options.indent ?? 1, ensureAscii: false });
}

function jsonScalar(value: Scalar): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return jsonFloat(value);
  return pyJsonString(value);
}

/** Plain JS data for schema validators: objects (string keys as json.dumps stringifies them), arrays,
 * numbers (ints beyond 2^53 stay bigint), strings, booleans, null. Key order of integer-like keys is lost; of
 * two keys json.dumps writes alike (1 and "1"), the later one's value is kept, as JSON.parse keeps it.
 * A `!!binary` value becomes its base64 text. */
export function toPlain(node: Node): unknown {
  // Iterative (a deep tree must not overflow the stack). Each property is written once, with its final value:
  // a scalar's, or the new object or array that its node fills when popped. A placeholder written first and
  // replaced later would change the property's representation in V8 (map migrations, on every object).
  const stack: [DictNode | ListNode, unknown[] | Record<string, unknown>][] = [];
  const plainOf = (n: Node): unknown => {
    if (n.kind === "scalar") return plainScalar(n.value);
    const container = n.kind === "list" ? [] : {};
    stack.push([n, container]);
    return container;
  };
  const result = plainOf(node);
  while (stack.length > 0) {
    const [current, container] = stack.pop()!;
    if (current.kind === "list") {
      const array = container as unknown[];
      for (const child of current.items) array.push(plainOf(child));
    } else {
      const object = container as Record<string, unknown>;
      for (const entry of current.entries.values()) {
        const key = pyJsonKey(entry.key);
        const value = plainOf(entry.node);
        // A "__proto__" key must become data, not the object's prototype.
        if (key === "__proto__") {
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        } else {
          object[key] = value;
        }
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
