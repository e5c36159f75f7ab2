// Python's spellings of a float: repr() (which json.dumps and str() use), and the forms YAML readers take
// back as floats. JS String() differs (1e-7 vs 1e-07, 1e21 vs 1e+21, 100 vs 100.0).

/**
 * Python repr() of a float: the shortest round-trip digits (same as JS), laid out like CPython's
 * float_repr_style "short": exponent form when the decimal exponent is < -4 or >= 16, else positional
 * with at least one fractional digit. nan, inf, -inf as repr writes them.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest digits that round-trip: "d.ddde+N".
  const [mantissa, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expSign = exp < 0 ? "-" : "+";
    return `${sign}${digits[0]}${frac}e${expSign}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const fracPart = digits.slice(exp + 1) || "0";
  return `${sign}${intPart}.${fracPart}`;
}

/** How json.dumps writes a float: repr, or NaN / Infinity / -Infinity (allow_nan=True). */
export function jsonFloat(x: number): string {
  if (Number.isFinite(x)) return floatRepr(x);
  return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/**
 * A float as YAML that reads it back as a float. `reader: "omegaconf"` (the default): Python's repr
 * ("1.0", "1e-05"), which OmegaConf's loader takes. `reader: "pyyaml"`: PyYAML's SafeLoader wants a dot
 * and a signed exponent ("1.0e-07"); JS's shortest text otherwise, integral values as integers (dacite
 * accepts an int for a float field).
 */
export function yamlFloat(x: number, options: { reader?: "omegaconf" | "pyyaml" } = {}): string {
  if (Number.isNaN(x)) return ".nan";
  if (!Number.isFinite(x)) return x > 0 ? ".inf" : "-.inf";
  if (options.reader !== "pyyaml") return floatRepr(x);
  const text = String(x);
  const exp = /^(-?[\d.]+)e([-+]?)(\d+)$/.exec(text);
  if (!exp) return text;
  const mantissa = exp[1]!.includes(".") ? exp[1]! : `${exp[1]}.0`;
  return `${mantissa}e${exp[2] === "-" ? "-" : "+"}${exp[3]!.padStart(2, "0")}`;
}
