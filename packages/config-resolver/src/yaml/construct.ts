// YAML node graph -> config tree, as PyYAML's SafeConstructor followed by OmegaConf.create would build
// it: merge keys (`<<`) flattened like SafeConstructor.flatten_mapping, OmegaConf's duplicate-key check,
// Python dict semantics for equal keys (1 == True), OmegaConf's key type check. Aliases are expanded into
// independent copies (OmegaConf.create copies them too), with a cap against alias bombs.
import { ConfigError, isConfigError } from "../errors.js";
import { dictNode, type Key, keyId, listNode, type Node, type Scalar, scalarNode } from "../model.js";
import type { BytesScalarNode } from "../python/bytes.js";
import { pyStrRepr } from "../python/format.js";
import type { YamlMapping, YamlNode, YamlScalar } from "./composer.js";
import { markedError, toSourcePos } from "./marks.js";
import { constructBool, constructFloat, constructInt, TAG } from "./scalars.js";

/** Maximum number of config nodes one document may expand to (aliases make copies). */
export const MAX_EXPANDED_NODES = 1_000_000;

const NODE_ID = { scalar: "scalar", sequence: "sequence", mapping: "mapping" } as const;

export function constructDocument(root: YamlNode, file: string): Node {
  let expanded = 0;
  const count = (node: YamlNode) => {
    expanded++;
    if (expanded > MAX_EXPANDED_NODES) {
      throw new ConfigError(
        "ResourceLimitError",
        `the document expands to more than ${MAX_EXPANDED_NODES} nodes (aliases are copied); refusing to load it`,
        { pos: toSourcePos(file, node.start) },
      );
    }
  };

  // Each task builds one node and hands it to `put`; collections push tasks for their children.
  const tasks: { node: YamlNode; put: (built: Node) => void }[] = [];
  let result: Node | undefined;
  tasks.push({ node: root, put: (built) => (result = built) });
  while (tasks.length > 0) {
    const { node, put } = tasks.pop()!;
    count(node);
    const pos = toSourcePos(file, node.start);
    switch (node.tag) {
      case TAG.map: {
        if (node.kind !== "mapping") throw expected(file, "a mapping", node);
        const dict = dictNode(pos);
        const pairs = mappingPairs(node, file).map(([k, v]) => ({ key: constructKey(k, node, file), keyNode: k, valueNode: v }));
        // Python dict assignment: the first equal key object stays, the last value wins, so only the last
        // value of a repeated key is built.
        const lastIndex = new Map<string, number>();
        pairs.forEach(({ key, keyNode }, i) => {
          const id = keyId(key);
          if (!dict.entries.has(id)) dict.entries.set(id, { key, node: placeholder, keyPos: toSourcePos(file, keyNode.start) });
          lastIndex.set(id, i);
        });
        put(dict);
        for (let i = pairs.length - 1; i >= 0; i--) {
          const id = keyId(pairs[i]!.key);
          if (lastIndex.get(id) !== i) continue;
          tasks.push({ node: pairs[i]!.valueNode, put: (built) => (dict.entries.get(id)!.node = built) });
        }
        break;
      }
      case TAG.seq: {
        if (node.kind !== "sequence") throw expected(file, "a sequence", node);
        const list = listNode(new Array<Node>(node.items.length), pos);
        put(list);
        for (let i = node.items.length - 1; i >= 0; i--) {
          tasks.push({ node: node.items[i]!, put: (built) => (list.items[i] = built) });
        }
        break;
      }
      case TAG.omap:
      case TAG.pairs: {
        // SafeConstructor builds a list of (key, value) tuples; OmegaConf turns tuples into lists.
        if (node.kind !== "sequence") {
          throw markedError("ConstructorError", file, "while constructing an ordered map", node.start, `expected a sequence, but found ${NODE_ID[node.kind]}`, node.start);
        }
        const list = listNode([], pos);
        put(list);
        const children: { node: YamlNode; put: (built: Node) => void }[] = [];
        for (const sub of node.items) {
          if (sub.kind !== "mapping" || sub.pairs.length !== 1) {
            const found = sub.kind === "mapping" ? `a mapping of length ${sub.pairs.length}` : NODE_ID[sub.kind];
            throw markedError("ConstructorError", file, "while constructing an ordered map", node.start, `expected a mapping of length 1, but found ${found}`, sub.start);
          }
          const pair = listNode([placeholder, placeholder], toSourcePos(file, sub.start));
          list.items.push(pair);
          const [k, v] = sub.pairs[0]!;
          children.push({ node: k, put: (built) => (pair.items[0] = built) }, { node: v, put: (built) => (pair.items[1] = built) });
        }
        for (let i = children.length - 1; i >= 0; i--) tasks.push(children[i]!);
        break;
      }
      case TAG.set:
      case TAG.timestamp:
        throw new ConfigError("UnsupportedValueType", `Value of tag ${pyStrRepr(node.tag)} is not a supported primitive type`, {
          pos,
        });
      default:
        put(constructScalarNode(node, file));
    }
  }
  return result!;
}

// Stands in for a value until its task builds it; never left in a finished tree.
const placeholder: Node = scalarNode(null);

function expected(file: string, what: string, node: YamlNode): ConfigError {
  return markedError("ConstructorError", file, null, null, `expected ${what} node, but found ${NODE_ID[node.kind]}`, node.start);
}

function constructScalarNode(node: YamlNode, file: string): Node {
  const pos = toSourcePos(file, node.start);
  if (node.tag === TAG.binary) {
    if (node.kind !== "scalar") throw expected(file, "a scalar", node);
    const base64 = node.value.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      throw markedError("ConstructorError", file, null, null, "failed to decode base64 data: Incorrect padding", node.start);
    }
    const bytes: BytesScalarNode = { kind: "scalar", value: base64, pyType: "bytes", pos };
    return bytes;
  }
  return scalarNode(constructScalarValue(node, file), pos);
}

/** The Python value of a scalar-tagged node; errors carry the node's position. */
function constructScalarValue(node: YamlNode, file: string): Scalar {
  const known = [TAG.str, TAG.int, TAG.float, TAG.bool, TAG.null] as string[];
  if (!known.includes(node.tag)) {
    throw markedError("ConstructorError", file, null, null, `could not determine a constructor for the tag ${pyStrRepr(node.tag)}`, node.start);
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
      throw markedError("ConstructorError", file, "while constructing a mapping", node.start, `found duplicate key ${keyNode.value}`, keyNode.start);
    }
    seen.add(keyNode.value);
  }
  return flattenMapping(node, file);
}

function flattenMapping(node: YamlMapping, file: string): [YamlNode, YamlNode][] {
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
          throw markedError("ConstructorError", file, "while constructing a mapping", node.start, `expected a mapping for merging, but found ${NODE_ID[sub.kind]}`, sub.start);
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

/** A dict key: must be hashable for PyYAML and of a key type OmegaConf accepts. */
function constructKey(keyNode: YamlNode, mapping: YamlMapping, file: string): Key {
  if (keyNode.tag === TAG.value) return "="; // flatten_mapping turns the `=` value key into a str
  if (keyNode.kind !== "scalar" || keyNode.tag === TAG.omap || keyNode.tag === TAG.pairs) {
    throw markedError("ConstructorError", file, "while constructing a mapping", mapping.start, "found unhashable key", keyNode.start);
  }
  if (keyNode.tag === TAG.binary) {
    throw new ConfigError("KeyValidationError", "bytes keys are not supported by roll-config", {
      pos: toSourcePos(file, keyNode.start),
    });
  }
  const key = constructScalarValue(keyNode as YamlScalar, file);
  if (key === null) {
    // OmegaConf's text for a top-level dict (conformance y06b); Hydra wraps it in ConfigCompositionException.
    throw new ConfigError("KeyValidationError", "Incompatible key type 'NoneType'\n    full_key: \n    object_type=dict", {
      pos: toSourcePos(file, keyNode.start),
    });
  }
  return key;
}
