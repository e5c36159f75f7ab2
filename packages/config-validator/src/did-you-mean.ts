// Suggestions for misspelt or misremembered field names: @roll/deepspeed's closest-name rule (exact case,
// at least one edit), plus the renames ROLL users actually make.
import { closestName } from "@roll/deepspeed";

/** Known misnomers seen in ROLL's own examples (config-format.md §b), too far apart for edit distance. */
const KNOWN_RENAMES: Record<string, string> = {
  flash_attn: "attn_implementation",
  interleave_probs: "domain_interleave_probs",
};

/** The closest candidate within a third of the key's length (at least 1 edit), or a known rename. */
export function didYouMean(key: string, candidates: Iterable<string>): string | undefined {
  const names = [...candidates];
  const renamed = Object.hasOwn(KNOWN_RENAMES, key) ? KNOWN_RENAMES[key] : undefined;
  if (renamed && names.includes(renamed)) return renamed;
  return closestName(key, names, { minDistance: 1, ignoreCase: false });
}
