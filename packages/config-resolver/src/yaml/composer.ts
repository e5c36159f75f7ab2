// A port of PyYAML 6.0's Composer (yaml/composer.py): events -> a node graph in which an alias is the
// anchored node itself. Iterative (an explicit stack of open collections) so depth is not limited by
// the call stack. Tags are resolved here, as PyYAML's composer does.
import { type Mark, markedError } from "./marks.js";
import { Parser } from "./parser.js";
import { resolveScalarTag, TAG } from "./scalars.js";

export interface YamlScalar {
  kind: "scalar";
  tag: string;
  value: string;
  start: Mark;
  style: string | null;
}

export interface YamlSequence {
  kind: "sequence";
  tag: string;
  items: YamlNode[];
  start: Mark;
}

export interface YamlMapping {
  kind: "mapping";
  tag: string;
  pairs: [YamlNode, YamlNode][];
  start: Mark;
}

export type YamlNode = YamlScalar | YamlSequence | YamlMapping;

interface OpenCollection {
  node: YamlSequence | YamlMapping;
  pendingKey: YamlNode | null;
  /** Nodes this collection expands to so far (itself and its children, aliases counted in full). */
  size: number;
}

/**
 * Most nodes that aliases may add to one document. OmegaConf.create copies an aliased subtree at each
 * alias, so ten aliases of ten aliases of … (the "billion laughs") grow exponentially. Counted here, where
 * each alias is read, so the error names the alias that crossed the limit before anything is copied.
 */
export const MAX_ALIAS_NODES = 100_000;

/** Composes the single document of a stream; null for an empty stream (PyYAML get_single_node). */
export function composeSingleDocument(text: string, file: string): YamlNode | null {
  const parser = new Parser(text, file);
  parser.getEvent(); // StreamStart
  let document: YamlNode | null = null;
  let documentStart: Mark | null = null;
  if (parser.peekEvent()?.type !== "StreamEnd") {
    documentStart = parser.peekEvent()!.start;
    document = composeDocument(parser, file);
  }
  if (parser.peekEvent()?.type !== "StreamEnd") {
    const event = parser.getEvent()!;
    throw markedError(
      "ComposerError",
      file,
      "expected a single document in the stream",
      document?.start ?? documentStart,
      "but found another document",
      event.start,
    );
  }
  parser.getEvent(); // StreamEnd
  return document;
}

function composeDocument(parser: Parser, file: string): YamlNode {
  parser.getEvent(); // DocumentStart
  const anchors = new Map<string, YamlNode>();
  const stack: OpenCollection[] = [];
  /** The anchored collections still open (only an anchored node can be aliased). */
  const open = new Set<YamlNode>();
  /** Expanded size of each anchored node, known once it is complete. */
  const anchored = new Set<YamlNode>();
  const sizes = new Map<YamlNode, number>();
  let aliased = 0;
  let root: YamlNode | null = null;

  const register = (anchor: string | null, node: YamlNode, start: Mark) => {
    if (anchor === null) return;
    const first = anchors.get(anchor);
    if (first) {
      throw markedError(
        "ComposerError",
        file,
        `found duplicate anchor '${anchor}'; first occurrence`,
        first.start,
        "second occurrence",
        start,
      );
    }
    anchors.set(anchor, node);
    anchored.add(node);
  };

  // Hands a finished node (of expanded `size`) to its parent collection, or makes it the document root.
  const attach = (node: YamlNode, size: number) => {
    if (anchored.size > 0 && anchored.has(node) && !sizes.has(node)) sizes.set(node, size);
    const parent = stack[stack.length - 1];
    if (parent) parent.size += size;
    if (!parent) {
      root = node;
    } else if (parent.node.kind === "sequence") {
      parent.node.items.push(node);
    } else if (parent.pendingKey === null) {
      parent.pendingKey = node;
    } else {
      parent.node.pairs.push([parent.pendingKey, node]);
      parent.pendingKey = null;
    }
  };

  while (root === null) {
    const event = parser.getEvent()!;
    switch (event.type) {
      case "Alias": {
        const node = anchors.get(event.anchor);
        if (!node)
          throw markedError(
            "ComposerError",
            file,
            null,
            null,
            `found undefined alias '${event.anchor}'`,
            event.start,
          );
        if (open.has(node)) {
          // PyYAML builds a self-containing object here, which OmegaConf then recurses into forever.
          throw markedError(
            "RecursionError",
            file,
            null,
            null,
            `maximum recursion depth exceeded: alias '*${event.anchor}' refers to a collection that contains it`,
            event.start,
          );
        }
        const size = sizes.get(node) ?? 1;
        aliased += size;
        if (aliased > MAX_ALIAS_NODES) {
          throw markedError(
            "ResourceLimitError",
            file,
            null,
            null,
            `aliases expand the document by more than ${MAX_ALIAS_NODES} nodes (each alias is a copy); refusing to load it`,
            event.start,
          );
        }
        attach(node, size);
        break;
      }
      case "Scalar": {
        const tag =
          event.tag === null || event.tag === "!"
            ? resolveScalarTag(event.value, event.implicit[0])
            : event.tag;
        const node: YamlScalar = {
          kind: "scalar",
          tag,
          value: event.value,
          start: event.start,
          style: event.style,
        };
        register(event.anchor, node, event.start);
        attach(node, 1);
        break;
      }
      case "SequenceStart": {
        const tag = event.tag === null || event.tag === "!" ? TAG.seq : event.tag;
        const node: YamlSequence = { kind: "sequence", tag, items: [], start: event.start };
        register(event.anchor, node, event.start);
        stack.push({ node, pendingKey: null, size: 1 });
        if (event.anchor !== null) open.add(node);
        break;
      }
      case "MappingStart": {
        const tag = event.tag === null || event.tag === "!" ? TAG.map : event.tag;
        const node: YamlMapping = { kind: "mapping", tag, pairs: [], start: event.start };
        register(event.anchor, node, event.start);
        stack.push({ node, pendingKey: null, size: 1 });
        if (event.anchor !== null) open.add(node);
        break;
      }
      case "SequenceEnd":
      case "MappingEnd": {
        const { node, size } = stack.pop()!;
        if (open.size > 0) open.delete(node);
        attach(node, size);
        break;
      }
      default:
        throw new Error(`unexpected YAML event ${event.type}`); // the parser's grammar rules this out
    }
  }
  parser.getEvent(); // DocumentEnd
  return root;
}
