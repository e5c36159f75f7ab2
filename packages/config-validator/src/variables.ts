// ROLL's "variables" idiom: top-level keys that exist only to be interpolated (`${max_actions_per_traj}`,
// `strategy_config: ${deepspeed_zero3}`) or that a preset brings in. dacite drops them, on purpose.
import type { Node } from "@roll/config-resolver";
import { isPlainObject } from "./python-type.js";

const INTERPOLATION = /\$\{([^{}]*)\}/g;

/** The top-level key an interpolation body points at: `a.b[0]` → `a`; resolvers and relative refs → none. */
export function interpolationRoot(body: string): string | undefined {
  const text = body.trim();
  if (text.startsWith(".") || /^[\w.-]+:/.test(text)) return undefined;
  return /^([^.[\]\s]+)/.exec(text)?.[1];
}

/** Top-level keys referenced by the interpolations found in any string of a (composed, unresolved) tree. */
export function interpolatedRoots(tree: unknown): Set<string> {
  const roots = new Set<string>();
  // Iterative: a config from the command line may be nested 20,000 deep.
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      addRoots(value, roots);
    } else if (Array.isArray(value) || isPlainObject(value)) {
      for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push(child);
    }
  }
  return roots;
}

/** interpolatedRoots of the resolver's composed tree itself, without making its plain copy first. */
export function interpolatedRootsOfNode(tree: Node): Set<string> {
  const roots = new Set<string>();
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "scalar") {
      if (typeof node.value === "string") addRoots(node.value, roots);
    } else if (node.kind === "list") {
      for (const item of node.items) stack.push(item);
    } else {
      for (const entry of node.entries.values()) stack.push(entry.node);
    }
  }
  return roots;
}

function addRoots(text: string, roots: Set<string>): void {
  for (const m of text.matchAll(INTERPOLATION)) {
    const root = interpolationRoot(m[1]!);
    if (root) roots.add(root);
  }
}
