// Parses the Python annotation texts of ROLL's dataclass fields (e.g. `Optional[Dict[str, RewardConfig]]`,
// `Literal["vllm", "sglang"]`) into a small type tree, and checks plain values against it the way dacite's
// default config does (check_types=True): ints and bools pass for float, None only for Optional, Literal
// enforced, containers checked element-wise, Union tried left to right.

export type LiteralValue = string | number | boolean | null;

export type PyType =
  | { kind: "any" }
  | { kind: "int" | "float" | "str" | "bool" | "none" }
  | { kind: "list"; item: PyType }
  | { kind: "dict"; value: PyType }
  | { kind: "literal"; values: LiteralValue[] }
  | { kind: "union"; options: PyType[] }
  | { kind: "class"; name: string };

const ANY: PyType = { kind: "any" };
const TOKEN = /\s*(?:([A-Za-z_][\w.]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([[\],]))/y;

type Token = { ident: string } | { literal: LiteralValue } | { punct: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot parse annotation: ${text}`);
    if (m[1] !== undefined) {
      if (m[1] === "None") tokens.push({ literal: null });
      else if (m[1] === "True" || m[1] === "False") tokens.push({ literal: m[1] === "True" });
      else tokens.push({ ident: m[1] });
    } else if (m[2] !== undefined) tokens.push({ literal: m[2].slice(1, -1) });
    else if (m[3] !== undefined) tokens.push({ literal: Number(m[3]) });
    else tokens.push({ punct: m[4]! });
  }
  return tokens;
}

/** Parses an annotation; unknown names are taken as dataclass names (resolved by the catalogue). */
export function parsePyType(text: string): PyType {
  const tokens = tokenize(text);
  let i = 0;
  const peekPunct = (p: string) => {
    const t = tokens[i];
    return t !== undefined && "punct" in t && t.punct === p;
  };
  const expectPunct = (p: string) => {
    if (!peekPunct(p)) throw new Error(`cannot parse annotation: ${text}`);
    i++;
  };
  // Arguments of a subscript; a trailing comma before "]" is allowed (multi-line Literal[...]).
  const args = <T>(parseOne: () => T): T[] => {
    const out: T[] = [];
    expectPunct("[");
    while (!peekPunct("]")) {
      out.push(parseOne());
      if (peekPunct(",")) i++;
      else break;
    }
    expectPunct("]");
    return out;
  };
  const parseLiteralValue = (): LiteralValue => {
    const t = tokens[i++];
    if (t === undefined || !("literal" in t)) throw new Error(`cannot parse annotation: ${text}`);
    return t.literal;
  };
  const parse = (): PyType => {
    const t = tokens[i++];
    if (t !== undefined && "literal" in t && t.literal === null) return { kind: "none" };
    if (t === undefined || !("ident" in t)) throw new Error(`cannot parse annotation: ${text}`);
    const name = t.ident.replace(/^(typing|t)\./, "");
    const subscripted = peekPunct("[");
    switch (name) {
      case "Any":
        return ANY;
      case "int":
      case "float":
      case "str":
      case "bool":
        return { kind: name };
      case "Literal":
        return { kind: "literal", values: args(parseLiteralValue) };
      case "Optional":
        return { kind: "union", options: [...args(parse), { kind: "none" }] };
      case "Union":
        return { kind: "union", options: args(parse) };
      case "List":
      case "list":
        return { kind: "list", item: subscripted ? (args(parse)[0] ?? ANY) : ANY };
      case "Dict":
      case "dict":
        return { kind: "dict", value: subscripted ? (args(parse)[1] ?? ANY) : ANY };
      default:
        if (subscripted) args(parse);
        return { kind: "class", name };
    }
  };
  const result = parse();
  if (i !== tokens.length) throw new Error(`cannot parse annotation: ${text}`);
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Python int: JS integers and bigints (the resolver keeps ints as bigint); JSON loses 1.0 vs 1. */
export function isPyInt(value: unknown): boolean {
  return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
}

export function describeType(type: PyType): string {
  switch (type.kind) {
    case "list":
      return `List[${describeType(type.item)}]`;
    case "dict":
      return type.value.kind === "any" ? "Dict" : `Dict[str, ${describeType(type.value)}]`;
    case "literal":
      return `Literal[${type.values.map((v) => JSON.stringify(v)).join(", ")}]`;
    case "union": {
      const nonNone = type.options.filter((o) => o.kind !== "none");
      if (nonNone.length === type.options.length - 1 && nonNone.length === 1)
        return `Optional[${describeType(nonNone[0]!)}]`;
      return `Union[${type.options.map(describeType).join(", ")}]`;
    }
    case "class":
      return type.name;
    case "any":
      return "Any";
    default:
      return type.kind === "none" ? "None" : type.kind;
  }
}

/**
 * Whether dacite accepts `value` for `type`. Dataclass-typed values only need to be mappings here; their
 * own fields are checked when the walker descends into them.
 */
export function accepts(type: PyType, value: unknown): boolean {
  switch (type.kind) {
    case "any":
      return true;
    case "none":
      return value === null;
    case "int":
      return isPyInt(value) || typeof value === "boolean";
    case "float":
      return typeof value === "number" || typeof value === "bigint" || typeof value === "boolean";
    case "str":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "literal":
      return type.values.some((v) => v === value || (typeof value === "bigint" && v === Number(value)));
    case "list":
      return Array.isArray(value) && value.every((item) => accepts(type.item, item));
    case "dict":
      return isPlainObject(value) && Object.values(value).every((v) => accepts(type.value, v));
    case "union":
      return type.options.some((option) => accepts(option, value));
    case "class":
      return isPlainObject(value);
  }
}
