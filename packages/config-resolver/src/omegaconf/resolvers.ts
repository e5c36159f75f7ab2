// The resolvers a ROLL config can call: OmegaConf 2.2's built-ins (omegaconf/resolvers/oc/) and the three
// Hydra 1.3 registers in setup_globals (now, hydra, python_version). Each throws OcError with the Python
// exception the real function raises; the caller wraps it like resolve_parse_tree does.
import {
  type DictNode,
  dictNode,
  type ListNode,
  listNode,
  type Node,
  type Scalar,
  scalarNode,
  setEntry,
} from "../model.js";
import { pyScalarStr, pyStr } from "../python/format.js";
import { OcError } from "./errors.js";
import { selectNode } from "./select.js";
import { strftime } from "./strftime.js";
import { type Container, cloneTree, isContainer } from "./tree.js";

/** What a resolver may use from the resolution in progress (OmegaConf passes _root_, _parent_, _node_). */
export interface ResolverContext {
  env: Record<string, string | undefined>;
  now: Date;
  pythonVersion: string;
  /** The hydra node HydraConfig holds (as under @hydra.main); undefined under the compose API. */
  hydra: Node | undefined;
  /** omegaconf._impl.select_node(parent, key, absolute_key=True): undefined when not found. */
  selectNode(parent: Container, key: string, throwOnMissing: boolean): Node | undefined;
  /** oc.decode: parse with the `singleElement` rule and evaluate in `parent`'s context. */
  decode(text: string, parent: Container, node: Node): Node;
  /** OmegaConf.create(yaml string). */
  createFromYaml(text: string): Node;
  /** The full key of a config node ("a.b[0]"). */
  fullKeyOf(node: Node): string;
  /** Registers a container made by a resolver as a child of `parent` (for relative interpolations). */
  adopt(container: Container, parent: Container): void;
}

export interface ResolverCall {
  args: Node[];
  parent: Container;
  node: Node;
  ctx: ResolverContext;
}

type ResolverFn = (call: ResolverCall) => Node;

interface Signature {
  /** Python function name as it appears in TypeError messages. */
  name: string;
  params: string[];
  required: number;
  keywordOnly: number;
  /** Positional parameters OmegaConf fills by keyword (_parent_ ...): an extra argument collides with them. */
  filledByKeyword?: string[];
}

function resolver(signature: Signature, fn: ResolverFn): ResolverFn {
  return (call) => {
    checkArity(signature, call.args.length);
    return fn(call);
  };
}

/** Python's TypeError for a wrong number of positional arguments. */
function checkArity(
  { name, params, required, keywordOnly, filledByKeyword }: Signature,
  given: number,
): void {
  if (given < required) {
    const missing = params.slice(given, required).map((p) => `'${p}'`);
    const list =
      missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
    const plural = missing.length === 1 ? "argument" : "arguments";
    throw new OcError(
      "TypeError",
      `${name}() missing ${missing.length} required positional ${plural}: ${list}`,
    );
  }
  if (given > params.length && filledByKeyword) {
    const collided = filledByKeyword[Math.min(given - params.length, filledByKeyword.length) - 1];
    throw new OcError("TypeError", `${name}() got multiple values for argument '${collided}'`);
  }
  if (given > params.length) {
    const max = params.length;
    const takes = required === max ? `${max}` : `from ${required} to ${max}`;
    const takesWord = required === max && max === 1 ? "argument" : "arguments";
    const kw =
      keywordOnly > 0 ? ` (and ${keywordOnly} keyword-only argument${keywordOnly > 1 ? "s" : ""})` : "";
    const givenText = kw
      ? `${given} positional argument${given > 1 ? "s" : ""}${kw} were`
      : `${given} ${given === 1 ? "was" : "were"}`;
    throw new OcError("TypeError", `${name}() takes ${takes} positional ${takesWord} but ${givenText} given`);
  }
}

function argValue(node: Node | undefined): Scalar | Container | undefined {
  if (node === undefined) return undefined;
  return node.kind === "scalar" ? node.value : node;
}

/** Python type(x).__name__ of an argument. */
export function pyTypeName(node: Node): string {
  if (node.kind === "dict") return "DictConfig";
  if (node.kind === "list") return "ListConfig";
  const v = node.value;
  if (v === null) return "NoneType";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "boolean") return "bool";
  return "str";
}

function fresh(node: Node): Node {
  return node.kind === "scalar" ? scalarNode(node.value) : node;
}

const env = resolver(
  { name: "env", params: ["key", "default"], required: 1, keywordOnly: 0 },
  ({ args, ctx }) => {
    const key = argValue(args[0]);
    if (typeof key !== "string") {
      throw new OcError("TypeError", `str expected, not ${pyTypeName(args[0]!)}`);
    }
    const value = Object.hasOwn(ctx.env, key) ? ctx.env[key] : undefined;
    if (typeof value === "string") return scalarNode(value);
    if (args.length > 1) {
      const fallback = args[1]!;
      if (fallback.kind === "scalar" && fallback.value === null) return scalarNode(null);
      return scalarNode(fallback.kind === "scalar" ? pyScalarStr(fallback.value) : pyStr(fallback));
    }
    // os.environ[key] raises KeyError(key) from KeyError(b'key'); oc.env re-raises with its own message.
    throw new OcError("KeyError", `"Environment variable '${key}' not found"`, [
      { error: "KeyError", message: `'${key}'` },
      { error: "KeyError", message: `b'${key}'` },
    ]);
  },
);

const select = resolver(
  { name: "select", params: ["key", "default"], required: 1, keywordOnly: 1 },
  ({ args, parent, ctx }) => {
    const key = argValue(args[0]);
    const found = typeof key === "string" ? ctx.selectNode(parent, key, false) : undefined;
    if (found === undefined || (found.kind === "scalar" && found.value === "???")) {
      return args.length > 1 ? fresh(args[1]!) : scalarNode(null);
    }
    return fresh(found);
  },
);

const decode = resolver(
  { name: "decode", params: ["expr"], required: 1, keywordOnly: 2 },
  ({ args, parent, node, ctx }) => {
    const expr = args[0]!;
    if (expr.kind === "scalar" && expr.value === null) return scalarNode(null);
    if (expr.kind !== "scalar" || typeof expr.value !== "string") {
      const shown = expr.kind === "scalar" ? pyScalarStr(expr.value) : pyStr(expr);
      throw new OcError(
        "TypeError",
        `\`oc.decode\` can only take strings or None as input, but \`${shown}\` is of type ${pyTypeName(expr)}`,
      );
    }
    return ctx.decode(expr.value, parent, node);
  },
);

const create = resolver(
  { name: "create", params: ["obj"], required: 1, keywordOnly: 1 },
  ({ args, parent, ctx }) => {
    const obj = args[0]!;
    let made: Node;
    if (obj.kind === "scalar") {
      if (typeof obj.value !== "string") {
        if (obj.value === null) return scalarNode(null);
        throw new OcError("ValidationError", `Object of unsupported type: '${pyTypeName(obj)}'`);
      }
      made = ctx.createFromYaml(obj.value);
    } else {
      made = cloneTree(obj);
    }
    if (isContainer(made)) ctx.adopt(made, parent);
    return made;
  },
);

function dictInput(name: string, call: ResolverCall): DictNode {
  const key = argValue(call.args[0]);
  if (typeof key !== "string") {
    const shown = call.args[0]!.kind === "scalar" ? pyScalarStr(key as Scalar) : pyStr(call.args[0]!);
    throw new OcError(
      "TypeError",
      `\`${name}\` requires a string as input, but obtained \`${shown}\` of type: ${pyTypeName(call.args[0]!)}`,
    );
  }
  const found = call.ctx.selectNode(call.parent, key, true);
  if (found === undefined) throw new OcError("ConfigKeyError", `Key not found: '${key}'`);
  if (found.kind !== "dict") {
    const type = found.kind === "list" ? "ListConfig" : pyTypeName(found);
    throw new OcError("TypeError", `\`${name}\` cannot be applied to objects of type: ${type}`);
  }
  return found;
}

const dictKeys = resolver(
  { name: "keys", params: ["key"], required: 1, keywordOnly: 0, filledByKeyword: ["_parent_"] },
  (call) => {
    const dict = dictInput("oc.dict.keys", call);
    const out: ListNode = listNode([...dict.entries.values()].map((e) => scalarNode(e.key)));
    call.ctx.adopt(out, call.parent);
    return out;
  },
);

const dictValues = resolver(
  { name: "values", params: ["key"], required: 1, keywordOnly: 0, filledByKeyword: ["_root_", "_parent_"] },
  (call) => {
    const dict = dictInput("oc.dict.values", call);
    // Interpolations back into the dict, written as OmegaConf 2.2 does (they are evaluated from the new list).
    const key = argValue(call.args[0]) as string;
    const out = listNode(
      [...dict.entries.values()].map((e) => scalarNode(`\${${key}.${pyScalarStr(e.key)}}`)),
    );
    call.ctx.adopt(out, call.parent);
    return out;
  },
);

const deprecated = resolver(
  { name: "deprecated", params: ["key", "message"], required: 1, keywordOnly: 2 },
  ({ args, parent, node, ctx }) => {
    const key = argValue(args[0]);
    if (typeof key !== "string") {
      throw new OcError(
        "TypeError",
        `oc.deprecated: interpolation key type is not a string (${pyTypeName(args[0]!)})`,
      );
    }
    if (args.length > 1 && typeof argValue(args[1]) !== "string") {
      throw new OcError(
        "TypeError",
        `oc.deprecated: interpolation message type is not a string (${pyTypeName(args[1]!)})`,
      );
    }
    // OmegaConf also warns "'$OLD_KEY' is deprecated..."; warnings are not part of the resolved config.
    const target = ctx.selectNode(parent, key, false);
    if (target === undefined) {
      throw new OcError(
        "ConfigKeyError",
        `In oc.deprecated resolver at '${ctx.fullKeyOf(node)}': Key not found: '${key}'`,
      );
    }
    return target;
  },
);

const now = resolver(
  { name: "<lambda>", params: ["pattern"], required: 1, keywordOnly: 0 },
  ({ args, ctx }) => {
    const pattern = argValue(args[0]);
    if (typeof pattern !== "string") {
      throw new OcError("TypeError", `strftime() argument 1 must be str, not ${pyTypeName(args[0]!)}`);
    }
    return scalarNode(strftime(ctx.now, pattern));
  },
);

const hydra = resolver(
  { name: "<lambda>", params: ["path"], required: 1, keywordOnly: 0 },
  ({ args, ctx }) => {
    // Under the compose API (what ROLL uses) HydraConfig is never set; under @hydra.main it holds the hydra node.
    if (ctx.hydra === undefined) throw new OcError("ValueError", "HydraConfig was not set");
    const path = argValue(args[0]);
    const found = typeof path === "string" ? selectNode(ctx.hydra, path) : undefined;
    if (found === undefined && typeof path === "string") {
      // Hydra would answer from its own YAML configs (or None for a typo); roll-config does not read them.
      throw new OcError(
        "NotImplementedError",
        `hydra.${path} is not reproduced: roll-config builds the runtime part of Hydra's node only (job, runtime, overrides, searchpath)`,
      );
    }
    return found === undefined ? scalarNode(null) : cloneTree(found);
  },
);

const pythonVersion = resolver(
  { name: "<lambda>", params: ["level"], required: 0, keywordOnly: 0 },
  ({ args, ctx }) => {
    const level = args.length > 0 ? argValue(args[0]) : "minor";
    const [major, minor, micro] = ctx.pythonVersion.split(".");
    const versions: Record<string, string> = {
      major: `${major}`,
      minor: `${major}.${minor}`,
      micro: `${major}.${minor}.${micro}`,
    };
    return scalarNode(typeof level === "string" && Object.hasOwn(versions, level) ? versions[level]! : null);
  },
);

const RESOLVERS: Record<string, ResolverFn> = {
  "oc.env": env,
  "oc.select": select,
  "oc.decode": decode,
  "oc.create": create,
  "oc.deprecated": deprecated,
  "oc.dict.keys": dictKeys,
  "oc.dict.values": dictValues,
  now,
  hydra,
  python_version: pythonVersion,
};

export function findResolver(name: string): ResolverFn | undefined {
  return Object.hasOwn(RESOLVERS, name) ? RESOLVERS[name] : undefined;
}

/** Builds a dict node from evaluated resolver-argument entries (grammar dicts). */
export function dictFromEntries(entries: [Scalar, Node][]): DictNode {
  const d = dictNode();
  for (const [k, v] of entries) setEntry(d, k, v);
  return d;
}
