// json.dumps of plain JS data, for values that reach Python (DeepSpeed reads a float where the preset has
// one): JS has one number type, so float-ness travels separately as `floatPaths`.
import { jsonFloat } from "./float.js";
import { type DumpsOptions, dumpsTree, JsonText, jsonString } from "./json.js";

export interface PlainJsonOptions extends DumpsOptions {
  /** Dotted paths (from the root of the value) whose numbers are Python floats even when integral. */
  floatPaths?: readonly string[];
}

interface At {
  value: unknown;
  path: string;
}

/** json.dumps(value, indent=N); an integer beyond 2^53 is refused (JS has lost its digits already). */
export function dumps(value: unknown, options: PlainJsonOptions): string {
  const floatPaths = new Set(options.floatPaths ?? []);
  const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);
  const shape = ({ value: v, path }: At) => {
    if (v === null) return new JsonText("null");
    if (typeof v === "boolean") return new JsonText(v ? "true" : "false");
    if (typeof v === "string") return new JsonText(jsonString(v, options));
    if (typeof v === "number") {
      if (floatPaths.has(path) || !Number.isInteger(v)) return new JsonText(jsonFloat(v));
      if (!Number.isSafeInteger(v)) throw new RangeError(`integer at "${path}" exceeds 2^53: ${v}`);
      return new JsonText(String(v));
    }
    if (Array.isArray(v))
      return { items: v.map((item, i) => ({ value: item, path: join(path, String(i)) })) };
    if (typeof v === "object") {
      const entries = Object.entries(v as Record<string, unknown>);
      return { entries: entries.map(([k, item]) => [k, { value: item, path: join(path, k) }] as const) };
    }
    throw new TypeError(`cannot write ${typeof v} at "${path}" as JSON`);
  };
  return dumpsTree<At>({ value, path: "" }, shape, options);
}
