// One finding per written line: a preset line reached from actor_train, critic and reference yields the same
// finding three times (one per worker path, each through its own interpolation); it is reported once, with
// all its paths (`paths`) and every interpolation site that carried it.
import type { RollDiagnostic } from "./diagnostic.js";
import { viaSuffix } from "./validate-config.js";

interface Group {
  first: RollDiagnostic;
  base: string;
  paths: string[];
  sites: string[];
}

const PREFIX = " (reached through the interpolation at ";

export function mergeRepeats(diagnostics: readonly RollDiagnostic[]): RollDiagnostic[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const d of diagnostics) {
    const suffix = viaSuffix(d.via);
    const base = suffix && d.message.endsWith(suffix) ? d.message.slice(0, -suffix.length) : d.message;
    const site = suffix ? suffix.slice(PREFIX.length, -1) : undefined;
    // An unplaced finding (no file) is about its path only: never merged.
    const key =
      d.file === undefined ? undefined : [d.severity, d.code, d.file, d.line, d.column, base].join("\u0000");
    const group = key === undefined ? undefined : byKey.get(key);
    if (group) {
      if (!group.paths.includes(d.path)) group.paths.push(d.path);
      if (site && !group.sites.includes(site)) group.sites.push(site);
      continue;
    }
    const fresh: Group = { first: d, base, paths: [d.path], sites: site ? [site] : [] };
    groups.push(fresh);
    if (key !== undefined) byKey.set(key, fresh);
  }
  return groups.map(({ first, base, paths, sites }) => ({
    ...first,
    message: sites.length ? `${base}${PREFIX}${sites.join(", and at ")})` : base,
    paths,
  }));
}
