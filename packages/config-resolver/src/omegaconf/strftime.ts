// Hydra's `now` resolver is `datetime.now().strftime(pattern)`: Python itself replaces %f (microseconds) and,
// for a naive datetime, %z and %Z (empty), then hands the rest to glibc's strftime in the C locale. This is a
// port of that glibc logic: every conversion, the E/O modifiers (no era or alternative digits in the C
// locale), the GNU flags `_ - 0 ^ #` and field widths, and the copy-through of a malformed directive.
// test/strftime.test.ts checks it against a table recorded from Python.
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The C locale's composite formats (D_T_FMT, D_FMT, T_FMT, T_FMT_AMPM) and glibc's fixed ones. */
const SUBFORMATS: Record<string, string> = {
  c: "%a %b %e %H:%M:%S %Y",
  D: "%m/%d/%y",
  F: "%Y-%m-%d",
  r: "%I:%M:%S %p",
  R: "%H:%M",
  T: "%H:%M:%S",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
};

/** Conversions glibc refuses (copies through) with the E, or the O, modifier; "*": with either. */
const REFUSES: Record<string, "E" | "O" | "*"> = {
  "%": "*",
  a: "*",
  A: "*",
  D: "*",
  F: "*",
  b: "E",
  h: "E",
  B: "E",
  d: "E",
  e: "E",
  H: "E",
  I: "E",
  k: "E",
  l: "E",
  j: "E",
  M: "E",
  m: "E",
  S: "E",
  U: "E",
  V: "E",
  g: "E",
  G: "E",
  W: "E",
  w: "E",
  c: "O",
  C: "O",
  x: "O",
  X: "O",
  Y: "O",
};

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  /** 0 = Sunday. */
  wday: number;
  /** 0-based day of the year. */
  yday: number;
  epoch: number;
}

function fieldsOf(d: Date): Fields {
  const year = d.getFullYear();
  return {
    year,
    month: d.getMonth(),
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    micro: d.getMilliseconds() * 1000,
    wday: d.getDay(),
    yday: (utcDay(year, d.getMonth(), d.getDate()) - utcDay(year, 0, 1)) / 86_400_000,
    epoch: Math.floor(d.getTime() / 1000),
  };
}

/** Midnight UTC of a calendar day, for any year (Date.UTC maps years 0-99 to 1900-1999). */
function utcDay(year: number, month: number, day: number): number {
  const t = new Date(0);
  t.setUTCFullYear(year, month, day);
  return t.getTime();
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** glibc's iso_week_days: days since the Monday that starts ISO week 1 (negative: the year before). */
function isoWeekDays(yday: number, wday: number): number {
  const bigEnoughMultipleOf7 = (Math.floor(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + bigEnoughMultipleOf7) % 7) + 4 - 1;
}

function isoWeek(f: Fields): { year: number; days: number } {
  let year = f.year;
  let days = isoWeekDays(f.yday, f.wday);
  if (days < 0) {
    year--;
    days = isoWeekDays(f.yday + 365 + (isLeap(year) ? 1 : 0), f.wday);
  } else {
    const next = isoWeekDays(f.yday - 365 - (isLeap(year) ? 1 : 0), f.wday);
    if (next >= 0) {
      year++;
      days = next;
    }
  }
  return { year, days };
}

interface Spec {
  /** "" (none), "_" (spaces), "-" (no padding), "0" (zeros). */
  pad: string;
  upper: boolean;
  /** `#`: names upper case, %p and %Z lower case. */
  swap: boolean;
  /** -1: none given. */
  width: number;
  modifier: string;
}

/** glibc's add(): left-pads to the field width, with zeros only under the `0` flag. */
function field(text: string, spec: Spec, width = spec.width): string {
  return width > text.length ? (spec.pad === "0" ? "0" : " ").repeat(width - text.length) + text : text;
}

/** glibc's do_number: at least `digits` digits (or the width), zero- or space-padded, then add(). */
function number(value: number, minDigits: number, spec: Spec, spacePad = false): string {
  const digits = Math.max(minDigits, spec.width);
  let pad = spec.pad;
  if (spacePad && pad !== "0" && pad !== "-") pad = "_";
  const sign = value < 0 ? "-" : "";
  const body = String(Math.abs(value));
  const padding = digits - sign.length - body.length;
  if (pad === "-" || padding <= 0) return field(sign + body, spec);
  if (pad === "_") return field(" ".repeat(padding) + sign + body, spec, spec.width - padding);
  return sign + "0".repeat(padding) + body;
}

export function strftime(d: Date, pattern: string): string {
  const f = fieldsOf(d);
  return render(f, pythonPass(f, pattern), false);
}

/**
 * datetime.strftime's own pass (wrap_strftime): "%f", "%z", "%Z" replaced, every other "%x" pair kept for
 * glibc, so "%%f" stays "%f" and a replacement can land inside what glibc then reads as one directive.
 */
function pythonPass(f: Fields, pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const next = pattern[i + 1];
    if (c !== "%" || next === undefined) out += c;
    else {
      i++;
      if (next === "f") out += String(f.micro).padStart(6, "0");
      else if (next !== "z" && next !== "Z") out += c + next;
    }
  }
  return out;
}

function render(f: Fields, pattern: string, upper: boolean): string {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const percent = pattern.indexOf("%", i);
    if (percent < 0) return out + pattern.slice(i);
    out += pattern.slice(i, percent);
    const [text, next] = directive(f, pattern, percent, upper);
    out += text;
    i = next;
  }
  return out;
}

/** One directive starting at `start` (a "%"): its text and the index after it. */
function directive(f: Fields, pattern: string, start: number, upper: boolean): [string, number] {
  const spec: Spec = { pad: "", upper, swap: false, width: -1, modifier: "" };
  let i = start + 1;
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "_" || c === "-" || c === "0") spec.pad = c;
    else if (c === "^") spec.upper = true;
    else if (c === "#") spec.swap = true;
    else break;
  }
  const width = /^\d+/.exec(pattern.slice(i))?.[0];
  if (width) {
    spec.width = Number(width);
    i += width.length;
  }
  if (pattern[i] === "E" || pattern[i] === "O") spec.modifier = pattern[i++]!;
  const conversion = pattern[i];
  // A "%" ending the pattern, or a directive glibc does not know: copied through as written, padded.
  const copy = (end: number): [string, number] => [
    cased(field(pattern.slice(start, end), spec), spec, false),
    end,
  ];
  if (conversion === undefined) return copy(i);
  const refused = REFUSES[conversion];
  if (spec.modifier && (refused === "*" || refused === spec.modifier)) return copy(i + 1);
  const text = convert(f, conversion, spec);
  return text === undefined ? copy(i + 1) : [text, i + 1];
}

function cased(text: string, spec: Spec, lower: boolean): string {
  if (lower) return text.toLowerCase();
  return spec.upper ? text.toUpperCase() : text;
}

function convert(f: Fields, conversion: string, spec: Spec): string | undefined {
  const name = (text: string, lower = false) => field(cased(text, spec, lower), spec);
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const subformat = SUBFORMATS[conversion];
  if (subformat !== undefined) return field(cased(render(f, subformat, spec.upper), spec, false), spec);
  switch (conversion) {
    case "%":
      return field("%", spec);
    case "n":
      return field("\n", spec);
    case "t":
      return field("\t", spec);
    case "a":
      return name(upperIf(DAYS[f.wday]!.slice(0, 3), spec));
    case "A":
      return name(upperIf(DAYS[f.wday]!, spec));
    case "b":
    case "h":
      return name(upperIf(MONTHS[f.month]!.slice(0, 3), spec));
    case "B":
      return name(upperIf(MONTHS[f.month]!, spec));
    case "p":
      return name(f.hour < 12 ? "AM" : "PM", spec.swap);
    case "P":
      return name(f.hour < 12 ? "AM" : "PM", true);
    case "Z":
      return name("", spec.swap);
    case "z":
      return ""; // a naive datetime: glibc writes nothing, not even the padding
    case "C":
      return number(Math.floor(f.year / 100), 1, spec);
    case "y":
      return number(((f.year % 100) + 100) % 100, 2, spec);
    case "Y":
      return number(f.year, 1, spec);
    case "g":
      return number(((isoWeek(f).year % 100) + 100) % 100, 2, spec);
    case "G":
      return number(isoWeek(f).year, 1, spec);
    case "V":
      return number(Math.floor(isoWeek(f).days / 7) + 1, 2, spec);
    case "m":
      return number(f.month + 1, 2, spec);
    case "d":
      return number(f.day, 2, spec);
    case "e":
      return number(f.day, 2, spec, true);
    case "j":
      return number(f.yday + 1, 3, spec);
    case "H":
      return number(f.hour, 2, spec);
    case "k":
      return number(f.hour, 2, spec, true);
    case "I":
      return number(hour12, 2, spec);
    case "l":
      return number(hour12, 2, spec, true);
    case "M":
      return number(f.minute, 2, spec);
    case "S":
      return number(f.second, 2, spec);
    case "s":
      // glibc gives %s one digit at least whatever the width; the width then pads it as text.
      return field(String(f.epoch), spec);
    case "u":
      return number(((f.wday + 6) % 7) + 1, 1, spec);
    case "w":
      return number(f.wday, 1, spec);
    case "U":
      return number(Math.floor((f.yday - f.wday + 7) / 7), 2, spec);
    case "W":
      return number(Math.floor((f.yday - ((f.wday + 6) % 7) + 7) / 7), 2, spec);
    default:
      return undefined;
  }
}

/** `#` upper-cases the names (%a %A %b %B), as `^` does. */
function upperIf(text: string, spec: Spec): string {
  return spec.swap ? text.toUpperCase() : text;
}
