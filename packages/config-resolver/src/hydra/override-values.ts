// The Python values Hydra's override visitor produces (hydra/core/override_parser/types.py v1.3.2) and the bits of
// Python semantics the grammar functions rely on: int()/float() of a str, repr(), `<` and `==`.
import { type Key, keyId } from "../model.js";
import { pyFloatRepr, pyStrRepr } from "../python/format.js";

/** A quoted primitive keeps its quote until Override.value() unquotes it (cast functions see it in lists). */
export class QuotedString {
  constructor(
    readonly text: string,
    readonly quote: "'" | '"',
  ) {}
}

export class PyDict {
  readonly entries = new Map<string, { key: PyValue; value: PyValue }>();
  set(key: PyValue, value: PyValue): void {
    const id = keyId(key as Key);
    const existing = this.entries.get(id);
    if (existing) existing.value = value;
    else this.entries.set(id, { key, value });
  }
}

export class ChoiceSweep {
  constructor(
    public list: PyValue[],
    public simpleForm: boolean,
    public shuffle = false,
    public tags: string[] = [],
  ) {}
}
export class RangeSweep {
  constructor(
    public start: PyValue,
    public stop: PyValue,
    public step: PyValue,
    public shuffle = false,
    public tags: string[] = [],
  ) {}
}
export class IntervalSweep {
  constructor(
    public start: PyValue,
    public end: PyValue,
    public tags: string[] = [],
  ) {}
}
/** Not a Sweep subclass in Hydra (it cannot be tagged or cast). */
export class Glob {
  constructor(
    readonly include: PyValue,
    readonly exclude: PyValue,
  ) {}
}

export type Sweep = ChoiceSweep | RangeSweep | IntervalSweep;
/** int -> bigint, float -> number, str, bool, None -> null. */
export type PyValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | QuotedString
  | PyValue[]
  | PyDict
  | Sweep
  | Glob;

export function isSweep(v: PyValue): v is Sweep {
  return v instanceof ChoiceSweep || v instanceof RangeSweep || v instanceof IntervalSweep;
}

/** A Python exception raised while evaluating a function (its class name and str()). */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

export function pyTypeName(v: PyValue): string {
  if (v === null) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) return "list";
  if (v instanceof PyDict) return "dict";
  return v.constructor.name;
}

const WS = /^[\s\u001c-\u001f]+|[\s\u001c-\u001f]+$/g;
const DIGITS = "[0-9](?:_?[0-9])*";
const PY_INT = new RegExp(`^[+-]?${DIGITS}$`);
const PY_FLOAT = new RegExp(
  `^[+-]?(?:(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`,
  "i",
);

/** Python int(s) for a str, base 10. */
export function pyIntOfStr(s: string): bigint {
  const t = s.replace(WS, "");
  if (!PY_INT.test(t))
    throw new PyError("ValueError", `invalid literal for int() with base 10: ${pyStrRepr(s)}`);
  return BigInt(t.replaceAll("_", ""));
}

/** Python float(s) for a str. */
export function pyFloatOfStr(s: string): number {
  const t = s.replace(WS, "");
  if (!PY_FLOAT.test(t))
    throw new PyError("ValueError", `could not convert string to float: ${pyStrRepr(s)}`);
  const lower = t.toLowerCase().replaceAll("_", "");
  const body = lower.replace(/^[+-]/, "");
  if (body.startsWith("inf")) return lower.startsWith("-") ? -Infinity : Infinity;
  if (body === "nan") return Number.NaN;
  return Number(lower);
}

/** Python int(x) of a float: truncation, exact beyond 2^53. */
export function pyIntOfFloat(x: number): bigint {
  if (Number.isNaN(x)) throw new PyError("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new PyError("OverflowError", "cannot convert float infinity to integer");
  return BigInt(Math.trunc(x));
}

/** Python float(int): correctly rounded. */
export function pyFloatOfInt(x: bigint): number {
  return Number(x);
}

function quoteRepr(q: QuotedString): string {
  return `QuotedString(text=${pyStrRepr(q.text)}, quote=<Quote.${q.quote === "'" ? "single: 0" : "double: 1"}>)`;
}

/** Python repr() of a parsed value. */
export function pyValueRepr(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return pyFloatRepr(v);
  if (typeof v === "string") return pyStrRepr(v);
  if (v instanceof QuotedString) return quoteRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyValueRepr).join(", ")}]`;
  if (v instanceof PyDict) {
    const items = [...v.entries.values()].map((e) => `${pyValueRepr(e.key)}: ${pyValueRepr(e.value)}`);
    return `{${items.join(", ")}}`;
  }
  return v.constructor.name;
}

function isNumber(v: PyValue): v is boolean | bigint | number {
  return typeof v === "boolean" || typeof v === "bigint" || typeof v === "number";
}

/** Exact comparison of Python numbers (bool, int, float): -1, 0, 1, or NaN when unordered. */
function compareNumbers(a: boolean | bigint | number, b: boolean | bigint | number): number {
  const x = typeof a === "boolean" ? BigInt(a) : a;
  const y = typeof b === "boolean" ? BigInt(b) : b;
  if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === "number" && typeof y === "number")
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  const [f, i, sign] = typeof x === "number" ? [x, y as bigint, 1] : [y as number, x as bigint, -1];
  if (Number.isNaN(f)) return Number.NaN;
  if (!Number.isFinite(f)) return (f > 0 ? 1 : -1) * sign;
  const fi = BigInt(Math.trunc(f));
  if (fi !== i) return (fi < i ? -1 : 1) * sign;
  const frac = f - Math.trunc(f);
  return (frac > 0 ? 1 : frac < 0 ? -1 : 0) * sign;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

/** Python `a == b`. */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  if (typeof a === "string" && typeof b === "string") return a === b;
  if (a === null || b === null) return a === b;
  if (a instanceof QuotedString && b instanceof QuotedString) return a.text === b.text && a.quote === b.quote;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]!));
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [id, e] of a.entries) {
      const other = b.entries.get(id);
      if (!other || !pyEquals(e.value, other.value)) return false;
    }
    return true;
  }
  return a === b;
}

/** Python `a < b`; raises TypeError for unorderable types like Python does. */
export function pyLess(a: PyValue, b: PyValue): boolean {
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) < 0;
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!pyEquals(a[i]!, b[i]!)) return pyLess(a[i]!, b[i]!);
    return a.length < b.length;
  }
  throw new PyError(
    "TypeError",
    `'<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** CPython's list.sort (count_run + binary insertion for short lists), so mixed types fail the same way. */
export function pySorted(list: PyValue[], reverse: boolean): PyValue[] {
  const a = [...list];
  if (reverse) a.reverse();
  if (a.length < 64) {
    binarySort(a);
  } else {
    // Longer lists: a stable merge sort; results agree with CPython whenever the items are comparable.
    const sorted = mergeSort(a);
    a.splice(0, a.length, ...sorted);
  }
  if (reverse) a.reverse();
  return a;
}

function binarySort(a: PyValue[]): void {
  const n = a.length;
  if (n < 2) return;
  // count_run: a strictly descending run is reversed, an ascending one kept.
  let run = 2;
  if (pyLess(a[1]!, a[0]!)) {
    while (run < n && pyLess(a[run]!, a[run - 1]!)) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !pyLess(a[run]!, a[run - 1]!)) run++;
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start]!;
    let l = 0;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (pyLess(pivot, a[p]!)) r = p;
      else l = p + 1;
    } while (l < r);
    a.splice(start, 1);
    a.splice(l, 0, pivot);
  }
}

function mergeSort(a: PyValue[]): PyValue[] {
  if (a.length < 2) return a;
  const mid = a.length >> 1;
  const left = mergeSort(a.slice(0, mid));
  const right = mergeSort(a.slice(mid));
  const out: PyValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (pyLess(right[j]!, left[i]!)) out.push(right[j++]!);
    else out.push(left[i++]!);
  }
  return out.concat(left.slice(i), right.slice(j));
}
