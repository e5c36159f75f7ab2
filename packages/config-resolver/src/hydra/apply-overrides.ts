// Command-line overrides of config values, applied after composition with the root in struct mode
// (ConfigLoaderImpl._apply_overrides_to_config + OmegaConf.update(merge=True) in Hydra 1.3 / OmegaConf 2.2).
import { ConfigError, type ErrorLink } from "../errors.js";
import {
  type DictNode,
  dictNode,
  getEntry,
  type Key,
  keyId,
  type ListNode,
  type Node,
  type Scalar,
  setEntry,
} from "../model.js";
import { mergeNodes } from "../omegaconf/merge.js";
import { validateInterpolations } from "../omegaconf/resolve.js";
import { selectNode as select } from "../omegaconf/select.js";
import { splitKey } from "../omegaconf/tree.js";
import { pyStr } from "../python/format.js";
import { compositionError, isOmegaConfError, wrapComposition } from "./errors.js";
import type { Override } from "./override-parser.js";

/** Applies `key=v`, `+key=v`, `++key=v`, `~key[=v]` to the composed root, in order. */
export function applyConfigOverrides(cfg: DictNode, overrides: Override[]): void {
  for (const o of overrides) {
    if (o.package !== null) {
      throw compositionError(
        `Override ${o.inputLine} looks like a config group override, but config group '${o.keyOrGroup}' does not exist.`,
      );
    }
    try {
      applyOne(cfg, o);
    } catch (e) {
      if (isOmegaConfError(e)) throw wrapComposition(`Error merging override ${o.inputLine}`, e);
      throw e;
    }
  }
}

function applyOne(cfg: DictNode, o: Override): void {
  const key = o.keyOrGroup;
  if (o.sweepInside !== undefined) {
    throw new ConfigError(
      "ConfigTypeError",
      `issubclass() arg 1 must be a class\n    full_key: ${o.sweepInside}\n    object_type=None`,
    );
  }
  if (o.value !== null) {
    rejectNullKeys(o.value, key);
    validateInterpolations(o.value);
  }
  if (o.type === "del") {
    const current = select(cfg, key);
    if (current === undefined || (current.kind === "scalar" && current.value === null)) {
      throw compositionError(`Could not delete from config. '${key}' does not exist.`);
    }
    if (o.value !== null && !sameValue(o.value, current)) {
      throw compositionError(
        `Could not delete from config. The value of '${key}' is ${pyStr(current)} and not ${pyStr(o.value)}.`,
      );
    }
    deleteKey(cfg, key);
    return;
  }
  const value = o.value ?? { kind: "scalar", value: "" };
  if (o.type === "add") {
    const current = select(cfg, key);
    const free = current === undefined || (current.kind === "scalar" && current.value === null);
    if (!free && value.kind === "scalar") {
      throw compositionError(
        `Could not append to config. An item is already at '${key}'.\n` +
          `Either remove + prefix: '${o.inputLine.slice(1)}'\n` +
          `Or add a second + to add or override '${key}': '+${o.inputLine}'\n`,
      );
    }
    update(cfg, key, value, true);
    return;
  }
  if (o.type === "force_add") {
    update(cfg, key, value, true);
    return;
  }
  try {
    update(cfg, key, value, false);
  } catch (e) {
    if (
      e instanceof ConfigError &&
      (e.pythonType === "ConfigAttributeError" || e.pythonType === "ConfigKeyError")
    ) {
      throw wrapComposition(`Could not override '${key}'.\nTo append to your config use +${o.inputLine}`, e);
    }
    throw e;
  }
}

/** OmegaConf refuses a None dict key when the value is assigned. */
function rejectNullKeys(node: Node, fullKey: string): void {
  if (node.kind === "list") for (const item of node.items) rejectNullKeys(item, fullKey);
  if (node.kind !== "dict") return;
  for (const e of node.entries.values()) {
    if (e.key === null) {
      const message = `Incompatible key type 'NoneType'\n    full_key: ${fullKey}\n    object_type=dict`;
      throw new ConfigError("KeyValidationError", message, {
        chain: [
          { error: "KeyValidationError", message },
          { error: "KeyValidationError", message: "Incompatible key type '$KEY_TYPE'" },
        ],
      });
    }
    rejectNullKeys(e.node, fullKey);
  }
}

function child(container: Node, key: string): Node | undefined {
  if (container.kind === "dict") return getEntry(container, key)?.node;
  if (container.kind === "list") {
    const idx = Number(key);
    return Number.isInteger(idx) && idx >= 0 ? container.items[idx] : undefined;
  }
  return undefined;
}

function notInStruct(
  type: "ConfigKeyError" | "ConfigAttributeError",
  key: string,
  fullKey: string,
  container: Node,
): ConfigError {
  const message = `Key '${key}' is not in struct\n    full_key: ${fullKey}\n    object_type=dict`;
  // __setitem__ raises ConfigKeyError from a ConfigAttributeError; __setattr__ the attribute error alone.
  const chain: ErrorLink[] =
    type === "ConfigKeyError"
      ? [
          { error: "ConfigKeyError", message },
          { error: "ConfigAttributeError", message },
        ]
      : [{ error: "ConfigAttributeError", message }];
  // Point at the struct dict that refused the key (absent for the composed root itself).
  return new ConfigError(type, message, { chain, ...(container.pos ? { pos: container.pos } : {}) });
}

function isContainer(node: Node | undefined): node is DictNode | ListNode {
  return node !== undefined && node.kind !== "scalar";
}

/** OmegaConf.update(cfg, key, value, merge=True, force_add=forceAdd) on a struct-mode root. */
function update(cfg: DictNode, key: string, value: Node, forceAdd: boolean): void {
  const parts = splitKey(key);
  const last = parts.pop() ?? "";
  let root: Node = cfg;
  const path: string[] = [];
  for (const k of parts) {
    path.push(k);
    let next = child(root, k);
    if (!isContainer(next)) {
      if (root.kind === "dict" && next === undefined && !forceAdd) {
        throw notInStruct("ConfigKeyError", k, path.join("."), root);
      }
      next = dictNode();
      setChild(root, k, next);
    }
    root = next;
  }
  const fullKey = [...path, last].join(".");
  const existing = child(root, last);
  if (value.kind !== "scalar" && isContainer(existing)) {
    if (!forceAdd && existing.kind === "dict" && value.kind === "dict")
      checkStructMerge(existing, value, fullKey);
    setChild(root, last, mergeNodes(existing, value, { root: cfg }));
    return;
  }
  if (existing === undefined && root.kind === "dict" && !forceAdd) {
    throw notInStruct("ConfigAttributeError", last, fullKey, root);
  }
  setChild(root, last, withOverrode(value, existing), path.join("."));
}

/** Merging a dict into a struct dict may not add keys, at any depth. */
function checkStructMerge(dest: DictNode, src: DictNode, fullKey: string): void {
  for (const entry of src.entries.values()) {
    const k = String(entry.key);
    const childKey = fullKey === "" ? k : `${fullKey}.${k}`;
    const target = getEntry(dest, entry.key)?.node;
    if (target === undefined) throw notInStruct("ConfigKeyError", k, childKey, dest);
    if (target.kind === "dict" && entry.node.kind === "dict") checkStructMerge(target, entry.node, childKey);
  }
}

function withOverrode(value: Node, replaced: Node | undefined): Node {
  if (!replaced) return value;
  const overrode = [...(replaced.overrode ?? []), ...(replaced.pos ? [replaced.pos] : [])];
  return overrode.length > 0 ? { ...value, overrode } : value;
}

function setChild(container: Node, key: string, node: Node, containerKey = ""): void {
  if (container.kind === "dict") {
    setEntry(container, key as Key, node);
  } else if (container.kind === "list") {
    const idx = Number(key);
    if (!Number.isInteger(idx) || idx < 0 || idx >= container.items.length) {
      throw new ConfigError(
        "ConfigIndexError",
        `list index out of range\n    full_key: ${containerKey}[${key}]\n    object_type=list`,
      );
    }
    container.items[idx] = node;
  }
}

function deleteKey(cfg: DictNode, key: string): void {
  const parts = splitKey(key);
  const last = parts.pop() ?? "";
  const parent = parts.length === 0 ? cfg : select(cfg, parts.join("."));
  if (parent?.kind === "dict") parent.entries.delete(keyId(last));
  // ListConfig.__delitem__ with the key as a str: Python's own TypeError, not an OmegaConf error.
  else if (parent?.kind === "list")
    throw new ConfigError("TypeError", "list indices must be integers or slices, not str");
}

/** Python `==` between an override value and a config value (1 == 1.0 == True, "1" != 1). */
function sameValue(a: Node, b: Node): boolean {
  if (a.kind === "scalar" && b.kind === "scalar") {
    const x = a.value;
    const y = b.value;
    const num = (v: Scalar) => typeof v === "bigint" || typeof v === "number" || typeof v === "boolean";
    if (num(x) && num(y))
      return Number(x) === Number(y) && (typeof x !== "bigint" || typeof y !== "bigint" || x === y);
    return x === y;
  }
  if (a.kind === "list" && b.kind === "list") {
    return (
      a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i] as Node))
    );
  }
  if (a.kind === "dict" && b.kind === "dict") {
    if (a.entries.size !== b.entries.size) return false;
    for (const [id, e] of a.entries) {
      const other = b.entries.get(id);
      if (!other || !sameValue(e.node, other.node)) return false;
    }
    return true;
  }
  return false;
}
