// Parses the Python annotation and default texts of fields-0.X.json into JSON Schema fragments.
import type { Schema } from "./json-schema.js";

export type Annotation =
  | { kind: "name"; name: string }
  | { kind: "generic"; name: string; args: Annotation[] }
  | { kind: "literal"; value: string | null };

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][\w.]*|[[\],])/gy;
  let match: RegExpExecArray | null;
  for (;;) {
    const start = re.lastIndex;
    match = re.exec(text);
    if (!match) {
      if (text.slice(start).trim() !== "") throw new Error(`cannot parse annotation ${JSON.stringify(text)}`);
      return tokens;
    }
    tokens.push(match[1]!);
  }
}

export function parseAnnotation(text: string): Annotation {
  const tokens = tokenize(text);
  let pos = 0;
  const next = (): string => {
    const token = tokens[pos++];
    if (token === undefined) throw new Error(`unexpected end of annotation ${JSON.stringify(text)}`);
    return token;
  };
  const parse = (): Annotation => {
    const token = next();
    if (token.startsWith('"') || token.startsWith("'")) return { kind: "literal", value: token.slice(1, -1) };
    if (token === "None") return { kind: "literal", value: null };
    if (tokens[pos] !== "[") return { kind: "name", name: token };
    pos++;
    const args: Annotation[] = [];
    while (tokens[pos] !== "]") {
      args.push(parse());
      if (tokens[pos] === ",") pos++;
    }
    pos++;
    return { kind: "generic", name: token, args };
  };
  const result = parse();
  if (pos !== tokens.length) throw new Error(`trailing tokens in annotation ${JSON.stringify(text)}`);
  return result;
}

export function isOptional(annotation: Annotation): boolean {
  return annotation.kind === "generic" && annotation.name === "Optional";
}

const SCALARS: Record<string, Schema> = {
  str: { type: "string" },
  int: { type: "integer" },
  // dacite accepts int (the numeric tower) for float; JSON Schema "number" includes integers.
  float: { type: "number" },
  bool: { type: "boolean" },
  Any: {},
  dict: { type: "object" },
  Dict: { type: "object" },
  list: { type: "array" },
  List: { type: "array" },
};

/** Translates an annotation; `refFor` maps a dataclass name to its $ref (undefined: not a dataclass). */
export function annotationToSchema(
  annotation: Annotation,
  refFor: (name: string) => string | undefined,
): Schema {
  const recurse = (a: Annotation) => annotationToSchema(a, refFor);
  if (annotation.kind === "literal") return { enum: [annotation.value] };
  if (annotation.kind === "name") {
    const scalar = SCALARS[annotation.name];
    if (scalar) return { ...scalar };
    const ref = refFor(annotation.name);
    if (!ref) throw new Error(`unknown type ${annotation.name}`);
    return { $ref: ref };
  }
  const { name, args } = annotation;
  switch (name) {
    case "Optional":
      return nullable(recurse(args[0]!));
    case "Union":
      return { anyOf: args.map(recurse) };
    case "Literal":
      return { enum: args.map((a) => (a.kind === "literal" ? a.value : null)) };
    case "List":
    case "list":
      return { type: "array", items: recurse(args[0]!) };
    case "Dict":
    case "dict": {
      const value = recurse(args[1]!);
      return Object.keys(value).length === 0
        ? { type: "object" }
        : { type: "object", additionalProperties: value };
    }
    default:
      throw new Error(`unsupported generic ${name}`);
  }
}

export function nullable(schema: Schema): Schema {
  if (schema.enum) return schema.enum.includes(null) ? schema : { enum: [...schema.enum, null] };
  if (typeof schema.type === "string" && Object.keys(schema).length === 1)
    return { type: [schema.type, "null"] };
  if (schema.anyOf) return { anyOf: [...schema.anyOf, { type: "null" }] };
  return { anyOf: [schema, { type: "null" }] };
}

const NO_DEFAULT = Symbol("no default");

/** The JSON value of a Python default expression, or NO_DEFAULT when it is computed at run time. */
export function pythonDefault(text: string | null, factory: string | null): unknown {
  if (factory !== null) {
    if (factory === "dict" || factory === "lambda: {}") return {};
    if (factory === "list") return [];
    const lambda = /^lambda: (.*)$/.exec(factory);
    if (lambda) return pythonDefault(lambda[1]!, null);
    return NO_DEFAULT; // a dataclass factory: its own defaults apply
  }
  if (text === null) return NO_DEFAULT;
  if (text === "None") return null;
  if (text === "True") return true;
  if (text === "False") return false;
  if (/^-?\d+$/.test(text)) return Number.parseInt(text, 10);
  if (/^-?(\d+\.\d*|\d*\.\d+|\d+)(e[-+]?\d+)?$/i.test(text)) return Number.parseFloat(text);
  const product = /^\d+( \* \d+)+$/.exec(text);
  if (product) return text.split(" * ").reduce((acc, n) => acc * Number(n), 1);
  const quoted = /^'([^'\\]*)'$|^"([^"\\]*)"$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2];
  if (text.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch {
      return NO_DEFAULT;
    }
  }
  return NO_DEFAULT;
}

export function hasDefault(value: unknown): boolean {
  return value !== NO_DEFAULT;
}
