// `!!binary` values. OmegaConf 2.2 keeps Python bytes; the shared Scalar type has no bytes, so the loader
// marks such a scalar with pyType "bytes" and keeps the bytes as base64 text in `value`.
import type { Node, ScalarNode } from "../model.js";

export interface BytesScalarNode extends ScalarNode {
  value: string;
  pyType: "bytes";
}

export function isBytesNode(node: Node): node is BytesScalarNode {
  return node.kind === "scalar" && node.pyType === "bytes";
}

/** Python repr() of bytes: b'...' with \xNN escapes (double quotes when it has ' and no "). */
export function pyBytesRepr(base64: string): string {
  const bytes = Buffer.from(base64, "base64");
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}
