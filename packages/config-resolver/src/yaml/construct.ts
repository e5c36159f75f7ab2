// YAML node graph -> config tree, as PyYAML's SafeConstructor followed by OmegaConf.create would build
// it: merge keys (`<<`) flattened like SafeConstructor.flatten_mapping, OmegaConf's duplicate-key check,
// Python dict semantics for equal keys (1 == True), OmegaConf's key type check. Aliases are expanded into
// independent copies (OmegaConf.create copies them too), with a cap against alias bombs.
import { ConfigError, isConfigError } from "../errors.js";
import {
  type DictNode,
  dictNode,
  type Key,
  keyId,
  type ListNode,
  listNode,
  type Node,
  type Scalar,
  scalarNode,
} from "../model.js";
import type { BytesScalarNode } from "../python/bytes.js";
import { pyStrRepr } from "../python/format.js";
import type { YamlMapping, YamlNode, YamlScalar } from "./composer.js";
import { markedError, toSourcePos } from "./marks.js";
import { constructBool, constructFloat, constructInt, TAG } from "./scalars.js";

/** Maximum number of config nodes one document may expand to (aliases make copies). */
export const MAX_EXPANDED_NODES = 1_000_000;

const NODE_ID = { scalar: "scalar", sequence: "sequence", mapping: "mapping" } as const;

/**
 * A collection that was created empty and is filled when its turn comes. PyYAML's SafeConstructor works
 * this way (collection constructors are generators run from `state_generators`): collections fill
 * breadth-first and scalars are built in place, which decides which error of a bad document comes first.
 */
interface Fill {
  node: YamlNode;
  target: DictNode | ListNode;
}

interface Context {
  file: string;
  expanded: number;
  queue: Fill[];
}

export function constructDocument(root: YamlNode, file: string): Node {
  const ctx: Context = { file, expanded: 0, queue: [] };
  const result = constructObject(root, ctx);
  for (let i = 0; i < ctx.queue.length; i++) fill(ctx.queue[i]!, ctx);
  return result;
}

/** Builds a scalar, or creates an empty collection and queues it to be filled. */
function constructObject(node: YamlNode, ctx: Context): Node {
  if (++ctx.expanded > MAX_EXPANDED_NODES) {
    throw new ConfigError(
      "ResourceLimitError",
      `the document expands to more than ${MAX_EXPANDED_NODES} nodes (aliases are copied); refusing to load it`,
      { pos: toSourcePos(ctx.file, node.start) },
    );
  }
  const pos = toSourcePos(ctx.file, node.start);
  switch (node.tag) {
    case TAG.map: {
      const dict = dictNode(pos);
      ctx.queue.push({ node, target: dict });
      return dict;
    }
    case TAG.seq:
    case TAG.omap:
    case TAG.pairs: {
      const list = listNode([], pos);
      ctx.queue.push({ node, target: list });
      return list;
    }
    case TAG.set:
    case TAG.timestamp:
      throw new ConfigError(
        "UnsupportedValueType",
        `Value of tag ${pyStrRepr(node.tag)} is not a supported primitive type`,
        {
          pos,
        },
      );
    default:
      return constructScalarNode(node, ctx.file);
  }
}

function fill({ node, target }: Fill, ctx: Context): void {
  const { file } = ctx;
  if (target.kind === "dict") {
    if (node.kind !== "mapping") throw notAMapping(file, node);
    // Python dict assignment, pair by pair: the first equal key object stays, the last value wins.
    for (const [keyNode, valueNode] of mappingPairs(node, file)) {
      const key = constructKey(keyNode, node, file);
      const value = constructObject(valueNode, ctx);
      const id = keyId(key);
      const entry = target.entries.get(id);
      if (entry) entry.node = value;
      else target.entries.set(id, { key, node: value, keyPos: toSourcePos(file, keyNode.start) });
    }
    return;
  }
  if (node.tag === TAG.seq) {
    if (node.kind !== "sequence") throw expected(file, "a sequence", node);
    for (const item of node.items) target.items.push(constructObject(item, ctx));
    return;
  }
  // !!omap / !!pairs: SafeConstructor builds a list of (key, value) tuples; OmegaConf makes tuples lists.
  if (node.kind !== "sequence") {
    throw markedError(
      "ConstructorError",
      file,
      "while constructing an ordered map",
      node.start,
      `expected a sequence, but found ${NODE_ID[node.kind]}`,
      node.start,
    );
  }
  for (const sub of node.items) {
    if (sub.kind !== "mapping" || sub.pairs.length !== 1) {
      const found = sub.kind === "mapping" ? `a mapping of length ${sub.pairs.length}` : NODE_ID[sub.kind];
      throw markedError(
        "ConstructorError",
        file,
        "while constructing an ordered map",
        node.start,
        `expected a mapping of length 1, but found ${found}`,
        sub.start,
      );
    }
    const [k, v] = sub.pairs[0]!;
    const key = constructObject(k, ctx);
    target.items.push(listNode([key, constructObject(v, ctx)], toSourcePos(file, sub.start)));
  }
}

/**
 * `!!map` on a scalar or sequence. OmegaConf's duplicate-key check iterates `node.value` as (key, value)
 * pairs before PyYAML checks the node kind, so Python fails with an unpacking error unless it is empty.
 */
function notAMapping(file: string, node: YamlNode): ConfigError {
  const pos = toSourcePos(file, node.start);
  if (node.kind === "scalar" && node.value !== "") {
    return new ConfigError("ValueError", "not enough values to unpack (expected 2, got 1)", { pos });
  }
  if (node.kind === "sequence" && node.items.length > 0) {
    const item = node.items[0]!;
    const className = { scalar: "ScalarNode", sequence: "SequenceNode", mapping: "MappingNode" }[item.kind];
    return new ConfigError("TypeError", `cannot unpack non-iterable ${className} object`, { pos });
  }
  return expected(file, "a mapping", node);
}

function expected(file: string, what: string, node: YamlNode): ConfigError {
  return markedError(
    "ConstructorError",
    file,
    null,
    null,
    `expected ${what} node, but found ${NODE_ID[node.kind]}`,
    node.start,
  );
}

function constructScalarNode(node: YamlNode, file: string): Node {
  const pos = toSourcePos(file, node.start);
  if (node.tag === TAG.binary) {
    if (node.kind !== "scalar") throw expected(file, "a scalar", node);
    const bytes: BytesScalarNode = { kind: "scalar", value: decodeBinary(node, file), pyType: "bytes", pos };
    return bytes;
  }
  return scalarNode(constructScalarValue(node, file), pos);
}

/** SafeConstructor.construct_yaml_binary: ASCII only, then Python's lenient base64 decoding. */
function decodeBinary(node: YamlScalar, file: string): string {
  const fail = (problem: string) => markedError("ConstructorError", file, null, null, problem, node.start);
  const nonAscii = /[^\x00-\x7f]+/u.exec(node.value);
  if (nonAscii) {
    const start = [...node.value.slice(0, nonAscii.index)].length;
    const run = [...nonAscii[0]];
    const what =
      run.length === 1
        ? `character ${unicodeEscape(run[0]!)} in position ${start}`
        : `characters in position ${start}-${start + run.length - 1}`;
    throw fail(
      `failed to convert base64 data into ascii: 'ascii' codec can't encode ${what}: ordinal not in range(128)`,
    );
  }
  const result = lenientBase64(node.value);
  if (typeof result !== "string") throw fail(`failed to decode base64 data: ${result.error}`);
  return result;
}

function unicodeEscape(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0xff) return `'\\x${cp.toString(16).padStart(2, "0")}'`;
  if (cp <= 0xffff) return `'\\u${cp.toString(16).padStart(4, "0")}'`;
  return `'\\U${cp.toString(16).padStart(8, "0")}'`;
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * CPython's binascii.a2b_base64 in its default (non-strict) mode: characters outside the alphabet are
 * skipped and a completed padding ends the input. Returns the decoded bytes re-encoded canonically.
 */
function lenientBase64(text: string): string | { error: string } {
  let data = "";
  let quadPos = 0;
  let pads = 0;
  for (const ch of text) {
    if (ch === "=") {
      pads++;
      if (quadPos >= 2 && quadPos + pads >= 4) {
        quadPos = 0;
        break;
      }
      continue;
    }
    if (!BASE64_ALPHABET.includes(ch)) continue;
    pads = 0;
    data += ch;
    quadPos = (quadPos + 1) % 4;
  }
  if (quadPos === 1) {
    const count = data.length;
    return {
      error: `Invalid base64-encoded string: number of data characters (${count}) cannot be 1 more than a multiple of 4`,
    };
  }
  if (quadPos !== 0) return { error: "Incorrect padding" };
  return Buffer.from(data, "base64").toString("base64");
}

const SCALAR_TAGS = new Set<string>([TAG.str, TAG.int, TAG.float, TAG.bool, TAG.null]);

/** The Python value of a scalar-tagged node; errors carry the node's position. */
function constructScalarValue(node: YamlNode, file: string): Scalar {
  if (!SCALAR_TAGS.has(node.tag)) {
    throw markedError(
      "ConstructorError",
      file,
      null,
      null,
      `could not determine a constructor for the tag ${pyStrRepr(node.tag)}`,
      node.start,
    );
  }
  if (node.kind !== "scalar") throw expected(file, "a scalar", node);
  try {
    switch (node.tag) {
      case TAG.int:
        return constructInt(node.value);
      case TAG.float:
        return constructFloat(node.value);
      case TAG.bool:
        return constructBool(node.value);
      case TAG.null:
        return null;
      default:
        return node.value;
    }
  } catch (e) {
    if (!isConfigError(e)) throw e;
    // Python's own ValueError/KeyError from int()/float()/dict lookup: PyYAML adds no marks to these.
    throw new ConfigError(e.pythonType, e.message, { pos: toSourcePos(file, node.start) });
  }
}

/**
 * The key/value pairs of a mapping after OmegaConf's duplicate check and SafeConstructor.flatten_mapping:
 * merged pairs come first (later `<<` sources before earlier ones), then the mapping's own pairs.
 */
function mappingPairs(node: YamlMapping, file: string): [YamlNode, YamlNode][] {
  // OmegaConf's loader rejects a repeated str key by its text, before merge keys are expanded.
  const seen = new Set<string>();
  for (const [keyNode] of node.pairs) {
    if (keyNode.kind !== "scalar" || keyNode.tag !== TAG.str) continue;
    if (seen.has(keyNode.value)) {
      throw markedError(
        "ConstructorError",
        file,
        "while constructing a mapping",
        node.start,
        `found duplicate key ${keyNode.value}`,
        keyNode.start,
      );
    }
    seen.add(keyNode.value);
  }
  return flattenMapping(node, file);
}

function flattenMapping(node: YamlMapping, file: string): [YamlNode, YamlNode][] {
  if (!node.pairs.some(([keyNode]) => keyNode.tag === TAG.merge)) return node.pairs;
  const merged: [YamlNode, YamlNode][] = [];
  const own: [YamlNode, YamlNode][] = [];
  for (const [keyNode, valueNode] of node.pairs) {
    if (keyNode.tag !== TAG.merge) {
      own.push([keyNode, valueNode]);
    } else if (valueNode.kind === "mapping") {
      merged.push(...flattenMapping(valueNode, file));
    } else if (valueNode.kind === "sequence") {
      const sources: [YamlNode, YamlNode][][] = [];
      for (const sub of valueNode.items) {
        if (sub.kind !== "mapping") {
          throw markedError(
            "ConstructorError",
            file,
            "while constructing a mapping",
            node.start,
            `expected a mapping for merging, but found ${NODE_ID[sub.kind]}`,
            sub.start,
          );
        }
        sources.push(flattenMapping(sub, file));
      }
      for (const pairs of sources.reverse()) merged.push(...pairs);
    } else {
      throw markedError(
        "ConstructorError",
        file,
        "while constructing a mapping",
        node.start,
        `expected a mapping or list of mappings for merging, but found ${NODE_ID[valueNode.kind]}`,
        valueNode.start,
      );
    }
  }
  return merged.length > 0 ? [...merged, ...own] : own;
}

const COLLECTION_TAGS = new Set<string>([TAG.map, TAG.seq, TAG.omap, TAG.pairs, TAG.set]);

/** A dict key: must be hashable for PyYAML (bytes keys are not representable in the shared Key type). */
function constructKey(keyNode: YamlNode, mapping: YamlMapping, file: string): Key {
  if (keyNode.tag === TAG.value) return "="; // flatten_mapping turns the `=` value key into a str
  // Collection constructors yield an empty list/dict/set first (PyYAML fills it later), so any of them
  // as a key is unhashable, whatever the node's kind.
  if (keyNode.kind !== "scalar" || COLLECTION_TAGS.has(keyNode.tag)) {
    throw markedError(
      "ConstructorError",
      file,
      "while constructing a mapping",
      mapping.start,
      "found unhashable key",
      keyNode.start,
    );
  }
  if (keyNode.tag === TAG.binary) {
    throw new ConfigError("KeyValidationError", "bytes keys are not supported by roll-config", {
      pos: toSourcePos(file, keyNode.start),
    });
  }
  // A None key is valid for PyYAML; OmegaConf.create rejects it, which is the Hydra stage's job
  // (hydra/omegaconf-load.ts), with OmegaConf's full error chain.
  return constructScalarValue(keyNode as YamlScalar, file);
}
