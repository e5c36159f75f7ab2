// Generators of YAML config text for the property suite. A generated config is a `Spec` tree: scalars carry
// the YAML source text of a YAML 1.1 / OmegaConf 2.2 scalar and (when known) the json.dumps text of the value
// it must load as; interpolation slots are filled after generation so that "valid" configs only point at
// keys that exist, earlier in document order and outside the slot's own ancestors (no cycles).
import fc from "fast-check";

/** A scalar's YAML text and the json.dumps text of its Python value (undefined: not checked). */
export interface Atom {
  text: string;
  json?: string;
  /** For an interpolation to a literal scalar: json.dumps text of the value it resolves to. */
  resolved?: string;
}

export interface KeyAtom {
  text: string;
  /** Python dict identity (1 == 1.0 == True), to keep generated mappings free of duplicate keys. */
  id: string;
  /** json.dumps key text (int 16 written `0x10` -> "16"). */
  json: string;
  /** Python type of the key as loaded. */
  type: "str" | "int" | "float" | "bool" | "other";
  /** Set when the key can be written in an interpolation path (`${a.b}`). */
  ident?: string;
}

export type Spec =
  | { kind: "scalar"; atom: Atom }
  | { kind: "slot"; mode: SlotMode; pick: number; fallback: Atom }
  | { kind: "dict"; flow: boolean; entries: { key: KeyAtom; node: Spec }[] }
  | { kind: "list"; flow: boolean; items: Spec[] };

export type SlotMode = "full" | "bracket" | "string" | "quoted" | "relative" | "select" | "resolver";

/** The environment the property tests pass to resolve() (oc.env). */
export const PROPERTY_ENV = { ROLL_PROPERTY_VAR: "1e-5", ROLL_PROPERTY_EMPTY: "" };

/** Resolver calls that need no target, with the value OmegaConf 2.2 gives them (env: PROPERTY_ENV). */
const RESOLVER_ATOMS: Atom[] = [
  { text: "${oc.select:no_such_key,7}", resolved: "7" },
  { text: "${oc.select:no.such.key,'dflt'}", resolved: '"dflt"' },
  { text: "${oc.select:no_such_key,null}", resolved: "null" },
  { text: "${oc.env:ROLL_PROPERTY_VAR}", resolved: '"1e-5"' },
  { text: "${oc.env:ROLL_PROPERTY_EMPTY}", resolved: '""' },
  { text: "${oc.env:ROLL_PROPERTY_UNSET,fallback}", resolved: '"fallback"' },
  { text: "${oc.env:ROLL_PROPERTY_UNSET,null}", resolved: "null" },
  { text: "${oc.decode:${oc.env:ROLL_PROPERTY_VAR}}", resolved: "1e-05" },
  { text: "${oc.decode:'[1, 2.5, true]'}", resolved: "[\n 1,\n 2.5,\n true\n]" },
  { text: "${oc.decode:'{a:1,b:[x]}'}", resolved: '{\n "a": 1,\n "b": [\n  "x"\n ]\n}' },
  { text: "${oc.decode:'-7'}", resolved: "-7" },
  { text: "${oc.decode:'0x10'}", resolved: '"0x10"' }, // the grammar has no hex ints
  { text: "v=${oc.env:ROLL_PROPERTY_VAR}", resolved: '"v=1e-5"' },
];

const a = (text: string, json?: string): Atom => (json === undefined ? { text } : { text, json });

/** `!!binary`: Python bytes (base64 text in the tree, tagged {"$bytes": ...} by toPythonJson). */
export const BYTES_ATOMS: Atom[] = [{ text: "!!binary aGVsbG8=", json: '{\n "$bytes": "aGVsbG8="\n}' }];

const isBytesAtom = (atom: Atom) => atom.text.startsWith("!!binary");

/** Scalars that load: every YAML 1.1 kind, with the value OmegaConf 2.2's loader gives them. */
export const VALUE_ATOMS: Atom[] = [
  // ints (decimal, signs, underscores, hex, binary, octal, sexagesimal)
  a("0", "0"),
  a("-17", "-17"),
  a("+5", "5"),
  a("1_000", "1000"),
  a("0x1F", "31"),
  a("0b101", "5"),
  a("017", "15"),
  a("1:2", "62"),
  a("190:20:30", "685230"),
  a("-0", "0"),
  a("9007199254740993", "9007199254740993"),
  a("-123456789012345678901234567890", "-123456789012345678901234567890"),
  // floats (OmegaConf's extra resolver: exponents without dot or sign)
  a("1.5", "1.5"),
  a("1e-5", "1e-05"),
  a("1.0e5", "100000.0"),
  a("1e5", "100000.0"),
  a("1E+16", "1e+16"),
  a("-2E-3", "-0.002"),
  a("6.8523015e+5", "685230.15"),
  a("685.230_15e+03", "685230.15"),
  a("190:20:30.15", "685230.15"),
  a("1000000000.0", "1000000000.0"),
  a(".5", "0.5"),
  a("1.", "1.0"),
  a("0.1", "0.1"),
  a("1e400", "Infinity"),
  a(".inf", "Infinity"),
  a("-.Inf", "-Infinity"),
  a(".NaN", "NaN"),
  // bools (YAML 1.1)
  a("yes", "true"),
  a("No", "false"),
  a("ON", "true"),
  a("off", "false"),
  a("True", "true"),
  a("FALSE", "false"),
  // nulls
  a("~", "null"),
  a("null", "null"),
  a("NULL", "null"),
  a("", "null"),
  // plain strings, including ones that look typed in other YAML dialects
  a("hello", '"hello"'),
  a("y", '"y"'),
  a("n", '"n"'),
  a("2001-12-14", '"2001-12-14"'),
  a("2001-12-14t21:59:43.10-05:00", '"2001-12-14t21:59:43.10-05:00"'),
  a("0o17", '"0o17"'),
  a("08", '"08"'),
  a("0:30", '"0:30"'),
  a("1.2.3", '"1.2.3"'),
  a("e5", '"e5"'),
  a("0x", '"0x"'),
  a("http://x.org/a?b=c", '"http://x.org/a?b=c"'),
  a("a b  c", '"a b  c"'),
  a("naïve ünïcode ☃", '"naïve ünïcode ☃"'),
  a("???", '"???"'),
  // quoted strings that would otherwise be typed
  a("'yes'", '"yes"'),
  a('"1e-5"', '"1e-5"'),
  a("'null'", '"null"'),
  a("'~'", '"~"'),
  a('"2001-12-14"', '"2001-12-14"'),
  a("'0x1F'", '"0x1F"'),
  a('"1_000"', '"1_000"'),
  a("'.inf'", '".inf"'),
  a('""', '""'),
  a("'it''s'", '"it\'s"'),
  a('"tab\\there"', '"tab\\there"'),
  a('"line\\nbreak"', '"line\\nbreak"'),
  a('"caf\\u00e9"', '"café"'),
  a("'  padded  '", '"  padded  "'),
  a('"a: b"', '"a: b"'),
  a("'# not a comment'", '"# not a comment"'),
  a("'???'", '"???"'),
  // explicit tags
  a("!!str 123", '"123"'),
  a("!!str yes", '"yes"'),
  a('!!int "42"', "42"),
  a("!!float 1", "1.0"),
  a('!!bool "yes"', "true"),
  a("!!null ''", "null"),
];

/** Scalars only the hostile generator uses: ones PyYAML / OmegaConf reject, and odd interpolations. */
export const HOSTILE_ATOMS: Atom[] = [
  a("="),
  a("<<"),
  a("!!binary aGVsbG8="),
  a("!!binary not base64!"),
  a("!!python/object:os.system {}"),
  a("!!timestamp 2001-12-14"),
  a("!!set {a, b}"),
  a("!!omap [a: 1]"),
  a("!!int 1.5"),
  a("!!float abc"),
  a("!!bool maybe"),
  a("!custom x"),
  a("&anchor 1"),
  a("*anchor"),
  a("*nope"),
  a("'unterminated"),
  a('"bad \\q escape"'),
  a("|\n  block text\n"),
  a("${missing}"),
  a("${a.missing.deep}"),
  a("${}"),
  a("${a"),
  a("${a}}"),
  a("$${a}"),
  a("\\${a}"),
  a("\\\\${a}"),
  a("${.}"),
  a("${..}"),
  a("${...a}"),
  a("${[0]}"),
  a("${a[0]}"),
  a("${a.${b}}"),
  a("${ a }"),
  a("${oc.env:HOME}"),
  a("${oc.env:NOPE_NOT_SET}"),
  a("${oc.env:NOPE_NOT_SET,dflt}"),
  a("${oc.select:a,1}"),
  a("${oc.select:nope}"),
  a("'${oc.decode:\"[1, {x: 2}]\"}'"),
  a("'${oc.create:\"{a: 1}\"}'"),
  a("${oc.dict.keys:a}"),
  a("${oc.dict.values:a}"),
  a("${oc.deprecated:a}"),
  a("${now:%Y-%m-%d}"),
  a("${hydra:runtime.cwd}"),
  a("${python_version:}"),
  a("${unknown_resolver:1}"),
  a("${oc.env:}"),
  a("'${a:b:c}'"),
  a("${a} and ${b} and ${missing}"),
];

// String keys usable in interpolation paths (JS-special names included: in Python they are ordinary keys).
const IDENT_KEYS = [
  "a",
  "b",
  "c",
  "lr",
  "x_1",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "_target_",
];

const k = (text: string, id: string, json: string, ident?: string): KeyAtom => {
  const type = id.startsWith("s:")
    ? "str"
    : ["off", "On"].includes(text)
      ? "bool"
      : text.includes(".")
        ? "float"
        : id.startsWith("n:")
          ? "int"
          : "other";
  return ident === undefined ? { text, id, json, type } : { text, id, json, type, ident };
};

/** Keys of valid configs: identifiers, quoted strings, integer-like keys (ints and strings), bools, floats. */
export const KEY_ATOMS: KeyAtom[] = [
  ...IDENT_KEYS.map((name) => k(name, `s:${name}`, name, name)),
  k("'1'", "s:1", "1"),
  k('"01"', "s:01", "01"),
  k('"-1"', "s:-1", "-1"),
  k("'yes'", "s:yes", "yes"),
  k('"a.b"', "s:a.b", "a.b"),
  k('"a b"', "s:a b", "a b"),
  k("é", "s:é", "é"),
  k("'???'", "s:???", "???"),
  k("1", "n:1", "1"),
  k("0", "n:0", "0"),
  k("-2", "n:-2", "-2"),
  k("0x10", "n:16", "16"),
  k("1_0", "n:10", "10"),
  k("007", "n:7", "7"),
  k("123456789012345678901234567890", "n:123456789012345678901234567890", "123456789012345678901234567890"),
  k("2.5", "n:2.5", "2.5"),
  k("1.0", "n:1", "1.0"), // == 1 in Python: a dict keeps the first of 1 / 1.0 / True
  k("off", "n:0", "false"),
  k("On", "n:1", "true"),
];

/** Keys only the hostile generator uses (the resolver may reject them; it must do so cleanly). */
const HOSTILE_KEYS: KeyAtom[] = [
  k("null", "none", "null"),
  k("~", "none", "null"),
  k("defaults", "s:defaults", "defaults"),
  k("hydra", "s:hydra", "hydra"),
  k("'${a}'", "s:${a}", "${a}"),
  k("''", "s:", ""),
  k(".nan", "n:NaN", "NaN"),
  k("<<", "s:<<", "<<"),
  k("[1, 2]", "list", "[1, 2]"),
  k("{x: 1}", "dict", "{x: 1}"),
  k("? complex", "s:complex", "complex"),
];

export interface TreeOptions {
  hostile: boolean;
  maxDepth: number;
  maxKeys: number;
  /** false: no interpolation slots (only literals). Default true. */
  interpolations?: boolean;
  /** Generate `!!binary` values (default: true). */
  bytes?: boolean;
}

const bigIntAtom = fc
  .bigInt({ min: -(2n ** 80n), max: 2n ** 80n })
  .filter((n) => n > 2n ** 53n || n < -(2n ** 53n))
  .map((n) => a(n.toString(), n.toString()));

function scalarArb(options: TreeOptions): fc.Arbitrary<Spec> {
  const bytes = options.bytes ?? true;
  const atoms = [...VALUE_ATOMS, ...(options.hostile ? HOSTILE_ATOMS : []), ...(bytes ? BYTES_ATOMS : [])];
  const atom = fc.oneof(
    { arbitrary: fc.constantFrom(...atoms), weight: 8 },
    { arbitrary: bigIntAtom, weight: 1 },
  );
  const slot = fc.record({
    kind: fc.constant("slot" as const),
    mode: fc.constantFrom<SlotMode>("full", "bracket", "string", "quoted", "relative", "select", "resolver"),
    pick: fc.nat(),
    fallback: fc.constantFrom(...VALUE_ATOMS),
  });
  const literal = atom.map((x): Spec => ({ kind: "scalar", atom: x }));
  if (options.interpolations === false) return literal;
  return fc.oneof({ arbitrary: literal, weight: 5 }, { arbitrary: slot, weight: 2 });
}

/** A config tree (top level: a mapping). Hostile trees add rejected scalars/keys and flow style. */
export function treeArb(options: TreeOptions): fc.Arbitrary<Spec> {
  const keys = options.hostile ? [...KEY_ATOMS, ...HOSTILE_KEYS] : KEY_ATOMS;
  const keyArb = fc.constantFrom(...keys);
  const flowArb = options.hostile
    ? fc.boolean()
    : fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 });
  const entries = (tie: (name: string) => fc.Arbitrary<unknown>) =>
    fc.uniqueArray(fc.record({ key: keyArb, node: tie("node") as fc.Arbitrary<Spec> }), {
      maxLength: options.maxKeys,
      // hostile trees may repeat a key (a DuplicateKey error is a clean error too)
      selector: (e) => (options.hostile ? e.key.text : e.key.id),
    });
  const { top } = fc.letrec((tie) => ({
    node: fc.oneof(
      { maxDepth: options.maxDepth, depthIdentifier: "config" },
      { arbitrary: scalarArb(options), weight: 3 },
      { arbitrary: tie("dict"), weight: 1 },
      { arbitrary: tie("list"), weight: 1 },
    ),
    dict: fc
      .record({ flow: flowArb, entries: entries(tie) })
      .map((r): Spec => ({ kind: "dict", flow: r.flow, entries: r.entries })),
    list: fc
      .record({ flow: flowArb, items: fc.array(tie("node") as fc.Arbitrary<Spec>, { maxLength: 4 }) })
      .map((r): Spec => ({ kind: "list", flow: r.flow, items: r.items })),
    top: fc
      .record({ flow: fc.constant(false), entries: entries(tie) })
      .map((r): Spec => ({ kind: "dict", flow: false, entries: r.entries })),
  }));
  return top as fc.Arbitrary<Spec>;
}

type Segment = { key: string } | { index: number };

interface Placed {
  spec: Spec;
  /** Path from the root; undefined when some key on it cannot be written in an interpolation. */
  path: Segment[] | undefined;
  start: number;
  end: number;
}

/**
 * Replaces every slot with an interpolation to an existing node: its whole subtree comes before the slot in
 * document order, so it is neither the slot nor an ancestor (no cycle), and never a "???" value. With
 * `extraTargets`, slots may also point at those paths (hostile: missing or cross-file keys). `allRelative`
 * writes every local reference relative (`${..x}`), so it survives the file being placed under a package.
 */
export function fillSlots(root: Spec, extraTargets: string[] = [], allRelative = false): Spec {
  const placed: Placed[] = [];
  let counter = 0;
  const index = (spec: Spec, path: Segment[] | undefined): void => {
    const entry: Placed = { spec, path, start: counter++, end: 0 };
    placed.push(entry);
    if (spec.kind === "dict") {
      for (const e of spec.entries)
        index(e.node, path && e.key.ident ? [...path, { key: e.key.ident }] : undefined);
    } else if (spec.kind === "list") {
      spec.items.forEach((item, i) => {
        index(item, path ? [...path, { index: i }] : undefined);
      });
    }
    entry.end = counter;
  };
  index(root, []);

  // Visits nodes in the same pre-order as `index`, so `position` is the slot's own document position.
  let position = 0;
  const fill = (spec: Spec, containerPath: Segment[] | undefined): Spec => {
    const start = position++;
    if (spec.kind === "scalar") return spec;
    if (spec.kind === "dict") {
      return {
        ...spec,
        entries: spec.entries.map((e) => ({
          key: e.key,
          node: fill(
            e.node,
            containerPath && e.key.ident ? [...containerPath, { key: e.key.ident }] : undefined,
          ),
        })),
      };
    }
    if (spec.kind === "list") {
      return {
        ...spec,
        items: spec.items.map((item, i) =>
          fill(item, containerPath ? [...containerPath, { index: i }] : undefined),
        ),
      };
    }
    if (spec.mode === "resolver")
      return { kind: "scalar", atom: RESOLVER_ATOMS[spec.pick % RESOLVER_ATOMS.length]! };
    const scalarOnly = spec.mode === "string" || spec.mode === "quoted";
    const candidates = placed.filter(
      (p) =>
        p.path !== undefined &&
        p.path.length > 0 &&
        p.end <= start &&
        p.spec.kind !== "slot" &&
        !(p.spec.kind === "scalar" && p.spec.atom.json === '"???"') &&
        // str(bytes) inside a string is "b'...'": not modelled by pyStrOfJson
        (!scalarOnly || (p.spec.kind === "scalar" && !isBytesAtom(p.spec.atom))),
    );
    // One slot in four takes an extra target.
    const useExtra = extraTargets.length > 0 && spec.pick % 4 === 0;
    if (useExtra) {
      const text = `\${${extraTargets[Math.floor(spec.pick / 4) % extraTargets.length]}}`;
      return { kind: "scalar", atom: { text: spec.mode === "quoted" ? `"${text}"` : text } };
    }
    if (candidates.length === 0) return { kind: "scalar", atom: spec.fallback };
    const choice = spec.pick % candidates.length;
    const target = candidates[choice]!.path!;
    // containerPath is the path of the slot itself; its parent container is everything but the last segment.
    const parent = containerPath?.slice(0, -1);
    let ref: string;
    if ((spec.mode === "relative" || allRelative) && parent !== undefined) {
      let common = 0;
      while (
        common < parent.length &&
        common < target.length &&
        sameSegment(parent[common]!, target[common]!)
      )
        common++;
      ref = ".".repeat(parent.length - common + 1) + target.slice(common).map(segmentText).join(".");
    } else if (spec.mode === "bracket") {
      ref = target.map((s, i) => ("index" in s ? `[${s.index}]` : i === 0 ? s.key : `.${s.key}`)).join("");
    } else {
      ref = target.map(segmentText).join(".");
    }
    const text = spec.mode === "select" ? `\${oc.select:${ref},7}` : `\${${ref}}`;
    const targetSpec = candidates[choice]!.spec;
    const targetJson = targetSpec.kind === "scalar" ? targetSpec.atom.json : undefined;
    if (spec.mode === "string") {
      const atom: Atom = { text: `pre ${text} post` };
      if (targetJson !== undefined) atom.resolved = JSON.stringify(`pre ${pyStrOfJson(targetJson)} post`);
      return { kind: "scalar", atom };
    }
    // A quoted "${x}" is still a whole-value interpolation: it keeps the target's type.
    const atom: Atom = { text: spec.mode === "quoted" ? `"${text}"` : text };
    if (targetJson !== undefined) atom.resolved = targetJson;
    return { kind: "scalar", atom };
  };
  return fill(root, []);
}

/** Python str() of the value whose json.dumps text is `json` (what a string interpolation inserts). */
function pyStrOfJson(json: string): string {
  if (json.startsWith('"')) return JSON.parse(json) as string;
  const words: Record<string, string> = {
    true: "True",
    false: "False",
    null: "None",
    NaN: "nan",
    Infinity: "inf",
    "-Infinity": "-inf",
  };
  return words[json] ?? json; // ints and finite floats: json.dumps writes repr(), which is str()
}

function sameSegment(x: Segment, y: Segment): boolean {
  return "key" in x ? "key" in y && x.key === y.key : "index" in y && x.index === y.index;
}

function segmentText(s: Segment): string {
  return "key" in s ? s.key : String(s.index);
}

/** How a spec is written: layout variations that must not change what the YAML loads as. */
export interface Style {
  /** Indentation step of nested block collections. */
  indent: 1 | 2 | 4;
  /** A block sequence under a mapping key at the key's own column (`a:\n- 1`). */
  indentless: boolean;
  /** A collection inside a sequence item starts on the dash line (`- a: 1\n  b: 2`). */
  compact: boolean;
  /** `# ...` after scalars and before top-level keys. */
  comments: boolean;
  blankLines: boolean;
  crlf: boolean;
  /** `---` before and `...` after the document. */
  markers: boolean;
  bom: boolean;
  /** Hostile: flow collections written raw, even where a plain scalar breaks them. */
  rawFlow: boolean;
}

export const PLAIN_STYLE: Style = {
  indent: 2,
  indentless: false,
  compact: false,
  comments: false,
  blankLines: false,
  crlf: false,
  markers: false,
  bom: false,
  rawFlow: false,
};

/** Hostile trees: flow collections keep every scalar as generated, breaking or not. */
export const RAW_STYLE: Style = { ...PLAIN_STYLE, rawFlow: true };

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom<1 | 2 | 4>(1, 2, 4),
  indentless: fc.boolean(),
  compact: fc.boolean(),
  comments: fc.boolean(),
  blankLines: fc.boolean(),
  crlf: fc.boolean(),
  markers: fc.boolean(),
  bom: fc.boolean(),
  rawFlow: fc.constant(false),
});

/** Block-style YAML (flow style where the spec asks); a slot still unfilled writes its fallback. */
export function emit(spec: Spec, style: Style = PLAIN_STYLE): string {
  let text: string;
  if (spec.kind !== "dict" || spec.entries.length === 0) {
    text = `${inlineText(spec, style) ?? "{}"}\n`;
  } else {
    const out: string[] = [];
    emitBlock(spec, 0, out, style, null);
    text = out.join("");
  }
  if (style.markers) text = `---\n${text}...\n`;
  if (style.crlf) text = text.replaceAll("\n", "\r\n");
  return style.bom ? `\ufeff${text}` : text;
}

function scalarText(spec: Spec): string | null {
  if (spec.kind === "scalar") return spec.atom.text;
  if (spec.kind === "slot") return spec.fallback.text;
  return null;
}

function inlineText(spec: Spec, style: Style): string | null {
  const s = scalarText(spec);
  if (s !== null) return s;
  if (spec.kind === "dict" && (spec.flow || spec.entries.length === 0)) return flowText(spec, style);
  if (spec.kind === "list" && (spec.flow || spec.items.length === 0)) return flowText(spec, style);
  return null;
}

/** A scalar inside a flow collection: the same value, spelled so that flow syntax does not cut it. */
function flowScalar(text: string): string {
  if (text === "") return "~"; // `[1, ]` is not an empty item
  if (text === "???") return "'???'"; // `?` is always a key indicator in flow context
  if (text.includes("${") && !text.startsWith('"') && !text.startsWith("'")) return `"${text}"`;
  // PyYAML ends a plain scalar at any of ,?[]{} in flow context: quote plain strings that have one.
  if (/[,?[\]{}]/.test(text) && !/^['"!]/.test(text)) return `'${text.replaceAll("'", "''")}'`;
  return text;
}

function flowText(spec: Spec, style: Style): string {
  const s = scalarText(spec);
  if (s !== null) return style.rawFlow ? s : flowScalar(s);
  if (spec.kind === "dict")
    return `{${spec.entries.map((e) => `${e.key.text}: ${flowText(e.node, style)}`).join(", ")}}`;
  if (spec.kind === "list") return `[${spec.items.map((item) => flowText(item, style)).join(", ")}]`;
  return "";
}

/** `first`: replaces the indentation of the first line (the compact `- key: v` form). */
function emitBlock(spec: Spec, indent: number, out: string[], style: Style, first: string | null): void {
  const pad = " ".repeat(indent);
  const comment = style.comments ? " # note" : "";
  let count = 0;
  const prefix = () => (count++ === 0 && first !== null ? first : pad);
  const line = (head: string, child: Spec, childIndent: number, item: boolean) => {
    const inline = inlineText(child, style);
    if (inline !== null) {
      out.push(`${head}${inline === "" ? "" : ` ${inline}`}${comment}\n`);
    } else if (item && style.compact) {
      // The collection's first line shares the dash line; its other lines align with its first key/dash.
      emitBlock(child, head.length + 1, out, style, `${head} `);
    } else {
      out.push(`${head}${comment}\n`);
      emitBlock(child, childIndent, out, style, null);
    }
  };
  if (spec.kind === "dict") {
    for (const e of spec.entries) {
      if (indent === 0 && first === null) {
        if (style.blankLines) out.push("\n");
        if (style.comments) out.push("# a top-level key follows\n");
      }
      const childIndent = e.node.kind === "list" && style.indentless ? indent : indent + style.indent;
      line(`${prefix()}${e.key.text}:`, e.node, childIndent, false);
    }
  } else if (spec.kind === "list") {
    for (const item of spec.items) line(`${prefix()}-`, item, indent + style.indent, true);
  }
}

const isMissing = (spec: Spec) => spec.kind === "scalar" && spec.atom.json === '"???"';
const isInterpolation = (spec: Spec) => spec.kind === "scalar" && spec.atom.text.includes("${");
const isContainerSpec = (s: Spec) => s.kind === "dict" || s.kind === "list";

/**
 * The tree OmegaConf's merge of `b` into `a` must give, as a spec: dicts merge key by key (a Python-equal
 * key keeps the first file's key object and position; new keys are appended); "???" keeps the earlier value;
 * anything else is replaced. "error": a dict meets a list somewhere (ConfigTypeError). "unknown": a container
 * is merged into an interpolation, which OmegaConf dereferences first (not modelled here).
 */
export function mergeSpecs(a: Spec, b: Spec): Spec | "error" | "unknown" {
  let unknown = false;
  let error = false;
  const merge = (x: Spec, y: Spec): Spec => {
    if (x.kind === "dict" && y.kind === "dict") {
      const entries = x.entries.map((e) => {
        const other = y.entries.find((o) => o.key.id === e.key.id);
        return other ? { key: e.key, node: merge(e.node, other.node) } : e;
      });
      for (const o of y.entries) if (!x.entries.some((e) => e.key.id === o.key.id)) entries.push(o);
      return { kind: "dict", flow: false, entries };
    }
    if (isContainerSpec(x) && isContainerSpec(y) && x.kind !== y.kind) error = true;
    if (isMissing(y)) return x;
    if (isInterpolation(x) && isContainerSpec(y)) unknown = true;
    return y;
  };
  const merged = merge(a, b);
  return error ? "error" : unknown ? "unknown" : merged;
}

/** Top-level identifier keys of a spec (for cross-file interpolation targets). */
export function topIdentPaths(spec: Spec): string[] {
  if (spec.kind !== "dict") return [];
  const paths: string[] = [];
  for (const e of spec.entries) {
    if (!e.key.ident) continue;
    paths.push(e.key.ident);
    if (e.node.kind === "dict")
      for (const c of e.node.entries) if (c.key.ident) paths.push(`${e.key.ident}.${c.key.ident}`);
  }
  return paths;
}
