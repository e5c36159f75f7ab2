// Writes JSON exactly as Python's json.dumps(value, indent=N) does, so that DeepSpeed (Python) reads a float
// where the preset has a float: JS has one number type, so float-ness travels separately as `floatPaths`.

export interface PythonJsonOptions {
  /** Dotted paths (from the root of `value`) whose numbers are Python floats even when integral. */
  floatPaths?: readonly string[];
  /** Spaces per level, as json.dumps(indent=N). Default 2. */
  indent?: number;
}

export function toPythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  const floatPaths = new Set(options.floatPaths ?? []);
  const indent = " ".repeat(options.indent ?? 2);
  return write(value, "", 0);

  function write(node: unknown, path: string, depth: number): string {
    if (node === null) return "null";
    if (node === true) return "true";
    if (node === false) return "false";
    if (typeof node === "string") return pythonJsonString(node);
    if (typeof node === "number") {
      if (floatPaths.has(path) || !Number.isInteger(node)) return pythonFloatRepr(node);
      if (!Number.isSafeInteger(node)) throw new RangeError(`integer at "${path}" exceeds 2^53: ${node}`);
      return String(node);
    }
    const inner = indent.repeat(depth + 1);
    const close = indent.repeat(depth);
    if (Array.isArray(node)) {
      if (node.length === 0) return "[]";
      const items = node.map((item, i) => inner + write(item, join(path, String(i)), depth + 1));
      return `[\n${items.join(",\n")}\n${close}]`;
    }
    if (typeof node === "object") {
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0) return "{}";
      const items = entries.map(
        ([key, item]) => `${inner}${pythonJsonString(key)}: ${write(item, join(path, key), depth + 1)}`,
      );
      return `{\n${items.join(",\n")}\n${close}}`;
    }
    throw new TypeError(`cannot write ${typeof node} at "${path}" as JSON`);
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Python's repr(float): shortest round-trip digits, exponent form below 1e-4 and from 1e16 on. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const decpt = Number(exponent) + 1; // position of the decimal point relative to `digits`
  if (decpt <= -4 || decpt > 16) {
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const exp = decpt - 1;
    return `${sign}${digits[0]}${rest}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** json.dumps string with ensure_ascii=True: everything outside printable ASCII is \u-escaped. */
function pythonJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
