// Raw key-path lookup (no interpolation is resolved on the way), for CLI overrides and tools.
import { getEntry, type Node } from "../model.js";
import { parsePythonInt, splitKey } from "./tree.js";

/**
 * The node at `dottedKey` ("a.b", "l[0]", "l.1", "[a][b].c") or undefined. String path segments only match
 * string keys, as in OmegaConf (a dict's int key 1 is not found by "1"). Interpolations are not followed.
 */
export function selectNode(root: Node, dottedKey: string): Node | undefined {
  if (dottedKey === "") return root;
  let cur: Node | undefined = root;
  for (const part of splitKey(dottedKey)) {
    if (cur === undefined) return undefined;
    if (cur.kind === "dict") {
      cur = getEntry(cur, part)?.node;
    } else if (cur.kind === "list") {
      const index = parsePythonInt(part);
      cur = index === undefined || index < 0n ? undefined : cur.items[Number(index)];
    } else {
      return undefined;
    }
  }
  return cur;
}
