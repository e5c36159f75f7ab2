// The functions of Hydra's override grammar (hydra/_internal/grammar/grammar_functions.py and functions.py, v1.3.2):
// argument binding and type checks as inspect.Signature.bind + is_type_matching do them, then the function.
import { pyFloatRepr } from "../python/format.js";
import {
  ChoiceSweep,
  Glob,
  IntervalSweep,
  isSweep,
  PyDict,
  PyError,
  type PyValue,
  pyFloatOfInt,
  pyFloatOfStr,
  pyIntOfFloat,
  pyIntOfStr,
  pySorted,
  pyTypeName,
  pyValueRepr,
  QuotedString,
  RangeSweep,
} from "./override-values.js";

type TypeCheck = (v: PyValue) => boolean;

interface Param {
  name: string;
  kind: "positional" | "varargs" | "keyword";
  /** Whether a value passes is_type_matching, and how type_str prints the annotation. */
  check: TypeCheck;
  annotation: string;
  hasDefault: boolean;
}

interface FunctionDef {
  params: Param[];
  call(args: Record<string, PyValue | PyValue[]>): PyValue;
}

/** Raised when the function cannot be reproduced here (its result is random). */
export class RefusedFunction extends Error {}

const isStr = (v: PyValue) => typeof v === "string";
const isInt = (v: PyValue) => typeof v === "bigint" || typeof v === "boolean"; // isinstance(True, int)
const isFloat = (v: PyValue) => typeof v === "number";
const isBool = (v: PyValue) => typeof v === "boolean";
const isList = (v: PyValue) => Array.isArray(v);
const isDict = (v: PyValue) => v instanceof PyDict;
const or =
  (...checks: TypeCheck[]): TypeCheck =>
  (v) =>
    checks.some((c) => c(v));
const isNone = (v: PyValue) => v === null;
const isChoice = (v: PyValue) => v instanceof ChoiceSweep;
const isRange = (v: PyValue) => v instanceof RangeSweep;

const CAST_TYPE = "Optional[Union[str, int, float, bool, List[Any], Dict[str, Any], QuotedString, Sweep]]";
const castCheck = or(
  isStr,
  isInt,
  isFloat,
  isList,
  isDict,
  isNone,
  (v) => v instanceof QuotedString,
  isSweep,
);
const ELEMENT_OR_SWEEP = "Union[str, int, bool, float, list, dict, ChoiceSweep, RangeSweep]";
const elementOrSweep = or(isStr, isInt, isFloat, isList, isDict, isChoice, isRange);
const NUMBER = "Union[int, float]";
const isNumber = or(isInt, isFloat);

function param(
  name: string,
  kind: Param["kind"],
  annotation: string,
  check: TypeCheck,
  hasDefault = false,
): Param {
  return { name, kind, annotation, check, hasDefault };
}

/** sort() and shuffle() share Hydra's signature up to `reverse`: (*args, sweep=None, list=None). */
function sortOrShuffleParams(): Param[] {
  return [
    param("args", "varargs", ELEMENT_OR_SWEEP, elementOrSweep),
    param(
      "sweep",
      "keyword",
      "Optional[Union[ChoiceSweep, RangeSweep]]",
      or(isChoice, isRange, isNone),
      true,
    ),
    param("list", "keyword", "Optional[List[Any]]", or(isList, isNone), true),
  ];
}

function sortOrShuffleArgs(a: Record<string, PyValue | PyValue[]>): [PyValue[], PyValue, PyValue] {
  return [
    (a.args as PyValue[]) ?? [],
    (a.sweep as PyValue | undefined) ?? null,
    (a.list as PyValue | undefined) ?? null,
  ];
}

/** is_type_matching(x, ParsedElementType) */
function isParsedElement(v: PyValue): boolean {
  return !isSweep(v) && !(v instanceof Glob);
}

function normalizeCastValue(args: PyValue[], value: PyValue | undefined): PyValue {
  if (args.length > 0 && value !== undefined && value !== null) {
    throw new PyError("TypeError", "cannot use both position and named arguments");
  }
  if (value !== undefined && value !== null) return value;
  if (args.length === 0) throw new PyError("TypeError", "No positional args or value specified");
  if (args.length === 1) return args[0] as PyValue;
  return listToSimpleChoice(args);
}

function listToSimpleChoice(args: PyValue[]): ChoiceSweep {
  for (const a of args) if (!isParsedElement(a)) throw new PyError("AssertionError", "");
  return new ChoiceSweep([...args], true);
}

type CastKind = "int" | "float" | "str" | "bool";

function castScalar(kind: CastKind, v: PyValue): PyValue {
  if (kind === "bool") {
    if (typeof v === "string") {
      if (v.toLowerCase() === "false") return false;
      if (v.toLowerCase() === "true") return true;
      throw new PyError("ValueError", `Cannot cast '${v}' to bool`);
    }
    if (v === null) return false;
    if (typeof v === "bigint") return v !== 0n;
    if (typeof v === "number") return v !== 0;
    return v;
  }
  if (!(typeof v === "string" || typeof v === "bigint" || typeof v === "number" || typeof v === "boolean")) {
    throw new PyError("AssertionError", "");
  }
  if (kind === "int") {
    if (typeof v === "string") return pyIntOfStr(v);
    if (typeof v === "number") return pyIntOfFloat(v);
    return typeof v === "boolean" ? BigInt(v) : v;
  }
  if (kind === "float") {
    if (typeof v === "string") return pyFloatOfStr(v);
    if (typeof v === "bigint") return pyFloatOfInt(v);
    return typeof v === "boolean" ? Number(v) : v;
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return pyFloatRepr(v);
  return typeof v === "bigint" ? v.toString() : v;
}

function cast(kind: CastKind, value: PyValue): PyValue {
  if (value instanceof QuotedString) return cast(kind, value.text);
  if (value instanceof PyDict) {
    const out = new PyDict();
    for (const e of value.entries.values()) out.set(e.key, cast(kind, e.value));
    return out;
  }
  if (Array.isArray(value)) return value.map((x) => cast(kind, x));
  if (value instanceof ChoiceSweep) {
    const choices = value.list.map((item) => {
      const c = cast(kind, item);
      if (isSweep(c) || c instanceof QuotedString || c === null) throw new PyError("AssertionError", "");
      return c;
    });
    return new ChoiceSweep(choices, value.simpleForm);
  }
  if (value instanceof RangeSweep) {
    if (kind !== "int" && kind !== "float")
      throw new PyError("ValueError", "Range can only be cast to int or float");
    return new RangeSweep(cast(kind, value.start), cast(kind, value.stop), cast(kind, value.step));
  }
  if (value instanceof IntervalSweep) {
    if (kind === "str" || kind === "bool")
      throw new PyError("ValueError", `Intervals cannot be cast to ${kind}`);
    return new IntervalSweep(cast(kind, value.start), cast(kind, value.end), [...value.tags]);
  }
  return castScalar(kind, value);
}

function castDef(kind: CastKind): FunctionDef {
  return {
    params: [
      param("args", "varargs", CAST_TYPE, castCheck),
      param("value", "keyword", CAST_TYPE, castCheck, true),
    ],
    call: (a) => cast(kind, normalizeCastValue((a.args as PyValue[]) ?? [], a.value as PyValue | undefined)),
  };
}

function tupleRepr(args: PyValue[]): string {
  return args.length === 1 ? `(${pyValueRepr(args[0]!)},)` : `(${args.map(pyValueRepr).join(", ")})`;
}

function sortSweep(sweep: ChoiceSweep | RangeSweep, reverse: boolean): PyValue {
  if (sweep instanceof ChoiceSweep) {
    return new ChoiceSweep(pySorted(sweep.list, reverse), sweep.simpleForm, sweep.shuffle, [...sweep.tags]);
  }
  return new RangeSweep(sweep.start, sweep.stop, sweep.step, sweep.shuffle, [...sweep.tags]);
}

function sort(args: PyValue[], sweep: PyValue, list: PyValue, reverse: boolean): PyValue {
  if (list !== null) return sort([list], null, null, reverse);
  if (sweep !== null) return sortSweep(sweep as ChoiceSweep | RangeSweep, reverse);
  if (args.length === 1) {
    const arg = args[0] as PyValue;
    if (arg instanceof ChoiceSweep || arg instanceof RangeSweep) return sortSweep(arg, reverse);
    if (Array.isArray(arg)) return pySorted(arg, reverse);
    if (isParsedElement(arg)) return arg;
    throw new PyError("TypeError", `Invalid arguments: ${tupleRepr(args)}`);
  }
  for (const a of args) {
    if (
      !(typeof a === "string" || typeof a === "bigint" || typeof a === "number" || typeof a === "boolean")
    ) {
      throw new PyError("TypeError", `Invalid arguments: ${tupleRepr(args)}`);
    }
  }
  if (args.length === 0) throw new PyError("ValueError", "empty sort input");
  return sortSweep(listToSimpleChoice(args), reverse);
}

function shuffle(args: PyValue[], sweep: PyValue, list: PyValue): PyValue {
  if (list !== null) return shuffle([list], null, null);
  if (sweep !== null) return shuffle([sweep], null, null);
  if (args.length === 1) {
    const arg = args[0] as PyValue;
    if (arg instanceof ChoiceSweep) return new ChoiceSweep(arg.list, arg.simpleForm, true, arg.tags);
    if (arg instanceof RangeSweep) return new RangeSweep(arg.start, arg.stop, arg.step, true, arg.tags);
    if (Array.isArray(arg)) {
      // random.shuffle: Hydra composes a different list each run; only 0 or 1 items are reproducible.
      if (arg.length > 1) throw new RefusedFunction("shuffle() of a list is random in Hydra");
      return [...arg];
    }
    return [arg];
  }
  const choice = listToSimpleChoice(args);
  choice.shuffle = true;
  return choice;
}

function tag(args: PyValue[], sweep: PyValue): PyValue {
  if (args.length < 1)
    throw new PyError("ValueError", "Not enough arguments to tag, must take at least a sweep");
  if (sweep !== null) return tag([...args, sweep], null);
  const last = args[args.length - 1] as PyValue;
  if (isSweep(last)) {
    const tags: string[] = [];
    for (const t of args.slice(0, -1)) {
      if (typeof t !== "string")
        throw new PyError("ValueError", `tag arguments type must be string, got ${pyTypeName(t)}`);
      if (!tags.includes(t)) tags.push(t);
    }
    last.tags = tags;
    return last;
  }
  throw new PyError(
    "ValueError",
    "Last argument to tag() must be a choice(), range() or interval(), got NoneType",
  );
}

const FUNCTIONS: Record<string, FunctionDef> = {
  int: castDef("int"),
  str: castDef("str"),
  bool: castDef("bool"),
  float: castDef("float"),
  choice: {
    params: [
      param(
        "args",
        "varargs",
        "Union[str, int, float, bool, Dict[Any, Any], List[Any], ChoiceSweep]",
        or(isStr, isInt, isFloat, isDict, isList, isChoice),
      ),
    ],
    call: (a) => {
      const args = (a.args as PyValue[]) ?? [];
      if (args.length === 0) throw new PyError("ValueError", "empty choice is not legal");
      const first = args[0];
      if (args.length === 1 && first instanceof ChoiceSweep) {
        if (!first.simpleForm) throw new PyError("ValueError", "nesting choices is not supported");
        first.simpleForm = false;
        return first;
      }
      return new ChoiceSweep([...args], false);
    },
  },
  range: {
    params: [
      param("start", "positional", NUMBER, isNumber),
      param("stop", "positional", `Optional[${NUMBER}]`, or(isNumber, isNone), true),
      param("step", "positional", NUMBER, isNumber, true),
    ],
    call: (a) => {
      const start = a.start as PyValue;
      const stop = (a.stop as PyValue | undefined) ?? null;
      const step = (a.step as PyValue | undefined) ?? 1n;
      return stop === null ? new RangeSweep(0n, start, step) : new RangeSweep(start, stop, step);
    },
  },
  interval: {
    params: [param("start", "positional", NUMBER, isNumber), param("end", "positional", NUMBER, isNumber)],
    call: (a) => new IntervalSweep(cast("float", a.start as PyValue), cast("float", a.end as PyValue)),
  },
  tag: {
    params: [
      param("args", "varargs", "Union[str, Sweep]", or(isStr, isSweep)),
      param("sweep", "keyword", "Optional[Sweep]", or(isSweep, isNone), true),
    ],
    call: (a) => tag((a.args as PyValue[]) ?? [], (a.sweep as PyValue | undefined) ?? null),
  },
  sort: {
    params: [...sortOrShuffleParams(), param("reverse", "keyword", "bool", isBool, true)],
    call: (a) => sort(...sortOrShuffleArgs(a), (a.reverse as PyValue | undefined) === true),
  },
  shuffle: {
    params: sortOrShuffleParams(),
    call: (a) => shuffle(...sortOrShuffleArgs(a)),
  },
  glob: {
    params: [
      param("include", "positional", "Union[List[str], str]", or(isList, isStr)),
      param("exclude", "positional", "Optional[Union[str, List[str]]]", or(isList, isStr, isNone), true),
    ],
    call: (a) => {
      const include = a.include as PyValue;
      const exclude = (a.exclude as PyValue | undefined) ?? null;
      return new Glob(
        typeof include === "string" ? [include] : include,
        exclude === null ? [] : typeof exclude === "string" ? [exclude] : exclude,
      );
    },
  },
};

/** Raised for Hydra's own HydraException (an unknown function). */
export class HydraFunctionError extends PyError {}

/** inspect.Signature.bind(*args, **kwargs): the bound arguments in parameter order. */
function bind(
  params: Param[],
  args: PyValue[],
  kwargs: Map<string, PyValue>,
): Map<string, PyValue | PyValue[]> {
  const bound = new Map<string, PyValue | PyValue[]>();
  const rest = new Map(kwargs);
  let i = 0;
  let p = 0;
  for (; p < params.length; p++) {
    const prm = params[p] as Param;
    if (i >= args.length) break;
    if (prm.kind === "keyword") throw new PyError("TypeError", "too many positional arguments");
    if (prm.kind === "varargs") {
      bound.set(prm.name, args.slice(i));
      i = args.length;
      p++;
      break;
    }
    if (rest.has(prm.name)) throw new PyError("TypeError", `multiple values for argument '${prm.name}'`);
    bound.set(prm.name, args[i++] as PyValue);
  }
  if (i < args.length) throw new PyError("TypeError", "too many positional arguments");
  for (; p < params.length; p++) {
    const prm = params[p] as Param;
    if (prm.kind === "varargs") continue;
    if (rest.has(prm.name)) {
      bound.set(prm.name, rest.get(prm.name) as PyValue);
      rest.delete(prm.name);
    } else if (!prm.hasDefault) {
      throw new PyError("TypeError", `missing a required argument: '${prm.name}'`);
    }
  }
  const unexpected = rest.keys().next();
  if (!unexpected.done)
    throw new PyError("TypeError", `got an unexpected keyword argument '${unexpected.value}'`);
  // Signature.bind keeps parameter order.
  return new Map(params.filter((q) => bound.has(q.name)).map((q) => [q.name, bound.get(q.name) as PyValue]));
}

export const FUNCTION_NAMES = Object.keys(FUNCTIONS).sort();

/** Functions.eval(): unknown names, binding, type checks, then the call. Throws PyError. */
export function callFunction(name: string, args: PyValue[], kwargs: Map<string, PyValue>): PyValue {
  const def = FUNCTIONS[name];
  if (!def) {
    throw new HydraFunctionError(
      "HydraException",
      `Unknown function '${name}'\nAvailable: ${FUNCTION_NAMES.join(",")}\n`,
    );
  }
  const unquote = (v: PyValue) => (v instanceof QuotedString ? v.text : v);
  const bound = bind(def.params, args.map(unquote), new Map([...kwargs].map(([k, v]) => [k, unquote(v)])));
  for (const [pname, value] of bound) {
    const prm = def.params.find((q) => q.name === pname) as Param;
    if (prm.kind === "varargs") {
      (value as PyValue[]).forEach((v, idx) => {
        if (!prm.check(v)) {
          throw new PyError(
            "TypeError",
            `mismatch type argument ${pname}[${idx}]: ${pyTypeName(v)} is incompatible with ${prm.annotation}`,
          );
        }
      });
    } else if (!prm.check(value as PyValue)) {
      throw new PyError(
        "TypeError",
        `mismatch type argument ${pname}: ${pyTypeName(value as PyValue)} is incompatible with ${prm.annotation}`,
      );
    }
  }
  return def.call(Object.fromEntries(bound));
}
