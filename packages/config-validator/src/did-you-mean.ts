// Suggestions for misspelt or misremembered field names.

/** Known misnomers seen in ROLL's own examples (config-format.md §b), too far apart for edit distance. */
const KNOWN_RENAMES: Record<string, string> = {
  flash_attn: "attn_implementation",
  interleave_probs: "domain_interleave_probs",
};

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate within a third of the key's length (at least 1 edit), or a known rename. */
export function didYouMean(key: string, candidates: Iterable<string>): string | undefined {
  const names = [...candidates];
  const renamed = KNOWN_RENAMES[key];
  if (renamed && names.includes(renamed)) return renamed;
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    // The distance is at least the length difference: skip the quadratic comparison (20,000 unknown keys).
    if (Math.abs(name.length - key.length) > limit) continue;
    const d = editDistance(key, name);
    if (d <= limit && d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
