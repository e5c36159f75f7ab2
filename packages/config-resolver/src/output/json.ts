// OWNER: yaml-loader helper.
import type { Node } from "../model.js";

export interface JsonOptions {
  /** "python": NaN / Infinity / -Infinity as json.dumps writes them; "tagged": {"$float": "nan"} (conformance). */
  nonFinite?: "python" | "tagged";
  /** Indent width; Python json.dumps(indent=1) is what the conformance outputs use. */
  indent?: number;
}

/** json.dumps(obj, indent=1, ensure_ascii=False) byte-for-byte: key order kept, ints exact, floats as repr. */
export function toPythonJson(_node: Node, _options: JsonOptions = {}): string {
  throw new Error("not implemented");
}

/** Plain JS data for schema validators: objects (string keys as json.dumps stringifies them), arrays,
 * numbers (ints beyond 2^53 stay bigint), strings, booleans, null. Key order of integer-like keys is lost. */
export function toPlain(_node: Node): unknown {
  throw new Error("not implemented");
}
