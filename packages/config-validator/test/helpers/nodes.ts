// Builds resolver-style node trees (the @roll/config-resolver model) by hand, with positions per path.
import { dictNode, listNode, type Node, type SourcePos, scalarNode, setEntry } from "@roll/config-resolver";

export interface Provenance {
  pos?: SourcePos;
  keyPos?: SourcePos;
  overrode?: SourcePos[];
  via?: SourcePos[];
}

export const at = (file: string, line: number, column: number): SourcePos => ({ file, line, column });

export function buildTree(value: unknown, provenance: Record<string, Provenance>, path = ""): Node {
  const p = provenance[path] ?? {};
  let node: Node;
  if (Array.isArray(value)) node = listNode(value.map((v, i) => buildTree(v, provenance, `${path}.${i}`)));
  else if (typeof value === "object" && value !== null) {
    node = dictNode();
    for (const [k, v] of Object.entries(value)) {
      const childPath = path ? `${path}.${k}` : k;
      setEntry(node, k, buildTree(v, provenance, childPath), provenance[childPath]?.keyPos);
    }
  } else node = scalarNode(value as string | number | boolean | null);
  if (p.pos) node.pos = p.pos;
  if (p.overrode) node.overrode = p.overrode;
  if (p.via) node.via = p.via;
  return node;
}
