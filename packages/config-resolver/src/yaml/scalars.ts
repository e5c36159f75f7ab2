// Scalar typing exactly as OmegaConf 2.2's loader does it: PyYAML 6.0's YAML 1.1 implicit resolvers
// (yaml/resolver.py), minus the timestamp resolver, plus OmegaConf's extra float resolver
// (omegaconf/_utils.py get_yaml_loader), and SafeConstructor's int/float/bool conversions.
import { ConfigError } from "../errors.js";
import { pyStrRepr } from "../python/format.js";

export const TAG = {
  str: "tag:yaml.org,2002:str",
  int: "tag:yaml.org,2002:int",
  float: "tag:yaml.org,2002:float",
  bool: "tag:yaml.org,2002:bool",
  null: "tag:yaml.org,2002:null",
  merge: "tag:yaml.org,2002:merge",
  value: "tag:yaml.org,2002:value",
  binary: "tag:yaml.org,2002:binary",
  seq: "tag:yaml.org,2002:seq",
  map: "tag:yaml.org,2002:map",
  omap: "tag:yaml.org,2002:omap",
  pairs: "tag:yaml.org,2002:pairs",
  set: "tag:yaml.org,2002:set",
  timestamp: "tag:yaml.org,2002:timestamp",
} as const;

// PyYAML's bool and null resolvers: /^(?:yes|Yes|YES|no|No|…|off|Off|OFF)$/ and /^(?:~|null|Null|NULL|)$/.
const BOOL_WORDS = new Set(
  ["yes", "no", "true", "false", "on", "off"].flatMap((w) => [
    w,
    w[0]!.toUpperCase() + w.slice(1),
    w.toUpperCase(),
  ]),
);
const NULL_WORDS = new Set(["~", "null", "Null", "NULL", ""]);
const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
// OmegaConf 2.2: exponents without a dot (1e-5) and without a sign (1.0e5) are floats too.
const OMEGACONF_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

// PyYAML picks the resolvers to try by the value's first character, in registration order (bool, float,
// int, merge, null, value), with OmegaConf's float resolver appended for "-+0123456789.".
const NUMBER_START = "-+0123456789.";
const BOOL_START = "yYnNtTfFoO";

/** The tag PyYAML's resolver gives a scalar: implicit typing for plain (or `!`-tagged) scalars, else str. */
export function resolveScalarTag(value: string, implicit: boolean): string {
  if (!implicit) return TAG.str;
  const first = value[0] ?? "";
  if (first === "") return TAG.null;
  if (NUMBER_START.includes(first)) {
    // every alternative of PYYAML_FLOAT has a '.': an int does not need that regex
    if (value.includes(".") && PYYAML_FLOAT.test(value)) return TAG.float;
    if (INT.test(value)) return TAG.int;
    if (OMEGACONF_FLOAT.test(value)) return TAG.float;
    return TAG.str;
  }
  // BOOL and NULL match whole words only: a set lookup of the value answers the same without the regex.
  if (BOOL_START.includes(first) && BOOL_WORDS.has(value)) return TAG.bool;
  if ((first === "~" || first === "n" || first === "N") && NULL_WORDS.has(value)) return TAG.null;
  if (value === "<<") return TAG.merge;
  if (value === "=") return TAG.value;
  return TAG.str;
}

const BOOL_VALUES: Record<string, boolean> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  on: true,
  off: false,
};

/** SafeConstructor.construct_yaml_bool; an unknown word is a Python KeyError, as in PyYAML. */
export function constructBool(value: string): boolean {
  const key = value.toLowerCase();
  if (!Object.hasOwn(BOOL_VALUES, key)) throw new ConfigError("KeyError", pyStrRepr(key));
  return BOOL_VALUES[key]!;
}

/** SafeConstructor.construct_yaml_int: underscores dropped, 0b/0x/0 prefixes, sexagesimal a:b:c. */
export function constructInt(text: string): bigint {
  // The common case, digits without a leading zero: what the general path below gives, without its regex.
  if (isPlainDecimal(text)) return BigInt(text);
  let value = text.replaceAll("_", "");
  if (value === "") throw new ConfigError("IndexError", "string index out of range");
  const sign = value[0] === "-" ? -1n : 1n;
  if (value[0] === "+" || value[0] === "-") value = value.slice(1);
  if (value === "") throw new ConfigError("IndexError", "string index out of range"); // value[0] in Python
  if (value === "0") return 0n;
  if (value.startsWith("0b")) return sign * pyInt(value.slice(2), 2);
  if (value.startsWith("0x")) return sign * pyInt(value.slice(2), 16);
  if (value[0] === "0") return sign * pyInt(value, 8);
  if (value.includes(":")) {
    // Python converts every part first (left to right), then sums them from the right.
    const digits = value.split(":").map((part) => pyInt(part, 10));
    let result = 0n;
    let base = 1n;
    for (const digit of digits.reverse()) {
      result += digit * base;
      base *= 60n;
    }
    return sign * result;
  }
  return sign * pyInt(value, 10);
}

/** "0", or ASCII digits not starting with 0 (an octal prefix). */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (text.charCodeAt(0) === 0x30) return n === 1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Optional sign, digits, a dot, digits, an optional exponent: no underscore, no sexagesimal, no inf/nan. */
const SIMPLE_FLOAT = /^[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?$/;

// Python's int(text, base) also accepts the base's own prefix (int("0o17", 8) == 15).
const INT_SYNTAX: Record<number, RegExp> = {
  2: /^([+-]?)(?:0[bB])?([01]+)$/,
  8: /^([+-]?)(?:0[oO])?([0-7]+)$/,
  10: /^([+-]?)([0-9]+)$/,
  16: /^([+-]?)(?:0[xX])?([0-9a-fA-F]+)$/,
};
const BIGINT_PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };

/** Python int(text, base) for the strings PyYAML passes it (underscores already removed). */
function pyInt(text: string, base: number): bigint {
  const match = INT_SYNTAX[base]!.exec(text.trim());
  if (!match)
    throw new ConfigError("ValueError", `invalid literal for int() with base ${base}: ${pyStrRepr(text)}`);
  const magnitude = BigInt(`${BIGINT_PREFIX[base]}${match[2]}`);
  return match[1] === "-" ? -magnitude : magnitude;
}

/** SafeConstructor.construct_yaml_float: underscores dropped, lower-cased, .inf/.nan, sexagesimal. */
export function constructFloat(text: string): number {
  // The common case (1.0e-05, 0.95, -3.5): Python's float() of a decimal literal is JS's Number().
  if (SIMPLE_FLOAT.test(text)) return Number(text);
  let value = text.replaceAll("_", "").toLowerCase();
  if (value === "") throw new ConfigError("IndexError", "string index out of range");
  const sign = value[0] === "-" ? -1 : 1;
  if (value[0] === "+" || value[0] === "-") value = value.slice(1);
  if (value === ".inf") return sign * Number.POSITIVE_INFINITY;
  if (value === ".nan") return Number.NaN;
  if (value.includes(":")) {
    const digits = value.split(":").map(pyFloat);
    let result = 0;
    let base = 1;
    for (const digit of digits.reverse()) {
      result += digit * base;
      base *= 60;
    }
    return sign * result;
  }
  return sign * pyFloat(value);
}

/** Python float(text): decimal literals, inf/infinity/nan, surrounding whitespace; nothing else (no hex). */
function pyFloat(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const match = /^([+-]?)(?:((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)|(inf|infinity)|(nan))$/.exec(trimmed);
  if (!match) throw new ConfigError("ValueError", `could not convert string to float: ${pyStrRepr(text)}`);
  const negative = match[1] === "-";
  if (match[4] !== undefined) return Number.NaN;
  const magnitude = match[3] !== undefined ? Number.POSITIVE_INFINITY : Number(match[2]);
  return negative ? -magnitude : magnitude;
}
