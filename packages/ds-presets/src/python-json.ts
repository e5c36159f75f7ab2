// JSON exactly as Python's json.dumps(value, indent=N) writes it (ensure_ascii=True), so that DeepSpeed
// (Python) reads a float where the preset has a float: @roll/python-format's writer, with float-ness
// carried as `floatPaths`.
import { dumps, jsonFloat } from "@roll/python-format";

export interface PythonJsonOptions {
  /** Dotted paths (from the root of `value`) whose numbers are Python floats even when integral. */
  floatPaths?: readonly string[];
  /** Spaces per level, as json.dumps(indent=N). Default 2. */
  indent?: number;
}

export function toPythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  return dumps(value, {
    indent: options.indent ?? 2,
    ensureAscii: true,
    ...(options.floatPaths ? { floatPaths: options.floatPaths } : {}),
  });
}

/** Python's repr(float) as json.dumps writes it: NaN, Infinity, -Infinity for the non-finite ones. */
export function pythonFloatRepr(x: number): string {
  return jsonFloat(x);
}
