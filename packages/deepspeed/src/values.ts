/** Small helpers for plain JSON-like config values. */

export type ConfigObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is ConfigObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isAuto(value: unknown): value is "auto" {
  return value === "auto";
}

export function joinPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** Value at a dotted path, or undefined when any step is missing. */
export function getPath(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split(".")) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Strings pydantic's lax bool mode accepts (case-insensitive). */
const LAX_TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const LAX_FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

/** How pydantic reads a bool: true/false, 0/1, or the lax strings; undefined when it would reject the value. */
export function laxBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (LAX_TRUE.has(lower)) return true;
    if (LAX_FALSE.has(lower)) return false;
  }
  return undefined;
}

export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  // Integers beyond 2^53 arrive as bigint (exact, as Python holds them).
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `\u0000${v}` : v));
  return String(json ?? value).replace(/"\\u0000(-?\d+)"/g, "$1");
}

/** Edit distance (Levenshtein), for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

export interface ClosestNameOptions {
  /** The fewest edits always allowed; beyond it a third of the key's length (default 2). */
  minDistance?: number;
  /** Compare case-insensitively (default true). */
  ignoreCase?: boolean;
}

/**
 * The one did-you-mean rule of the project: the first candidate at the smallest edit distance, if that is
 * within max(minDistance, floor(key.length / 3)) edits.
 */
export function closestName(
  key: string,
  candidates: Iterable<string>,
  options: ClosestNameOptions = {},
): string | undefined {
  const fold = options.ignoreCase === false ? (s: string) => s : (s: string) => s.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(options.minDistance ?? 2, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the length difference: skip the comparison (20,000 unknown keys took 30 s).
    if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
    const distance = editDistance(fold(key), fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** DeepSpeed's hints: ` Did you mean "x"?` appended to a message, or nothing. */
export function didYouMean(key: string, candidates: Iterable<string>): string {
  const best = closestName(key, candidates);
  return best ? ` Did you mean "${best}"?` : "";
}

/** Every `"auto"` value, in document order: its dotted path and its keys (a key may contain "."). */
export function autoValues(value: unknown): { path: string; segments: string[] }[] {
  const out: { path: string; segments: string[] }[] = [];
  // Iterative, in document order: a hostile config may be nested 20,000 deep.
  const stack: [unknown, string, string[]][] = [[value, "", []]];
  while (stack.length > 0) {
    const [current, path, segments] = stack.pop()!;
    if (current === "auto") out.push({ path, segments });
    else if (isPlainObject(current)) {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push([child, joinPath(path, key), [...segments, key]]);
      }
    }
  }
  return out;
}
