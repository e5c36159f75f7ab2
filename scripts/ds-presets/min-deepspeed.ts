import {
  type Catalogue,
  compareVersions,
  hasListedChildren,
  parseSince,
  type Version,
} from "./deepspeed-catalogue.js";

export interface MinDeepSpeed {
  version: string;
  because: string[];
}

/** Oldest DeepSpeed that knows every key of `config`: the maximum `since` over all key paths. */
export function minDeepSpeed(
  config: unknown,
  catalogue: Catalogue,
  fail: (path: string, reason: string) => Error,
) {
  let best: Version = [0, 0, 0];
  let because: string[] = [];

  const visit = (node: unknown, parent: string) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const path = parent === "" ? key : `${parent}.${key}`;
      if (catalogue.since.has(path)) {
        const text = catalogue.since.get(path);
        if (text !== undefined) {
          const version = parseSince(text);
          if (!version) throw fail(path, `"${path}" is not in a released DeepSpeed (since: ${text})`);
          const order = compareVersions(version, best);
          if (order > 0) [best, because] = [version, [path]];
          else if (order === 0) because.push(path);
        }
      } else if (hasListedChildren(catalogue, parent)) {
        throw fail(path, `unknown DeepSpeed key "${path}"`);
      }
      visit(child, path);
    }
  };
  visit(config, "");
  return { version: best.join("."), because } satisfies MinDeepSpeed;
}
