/**
 * What a DeepSpeed upgrade (or downgrade) does to one config: findings that appear or disappear between the
 * two versions (validity and meaning) and defaults the config relies on that change, each with the release
 * where it changes and its source in DeepSpeed's history.
 */
import { DEFAULT_CHANGES, type DefaultChange, defaultAt } from "./defaults.js";
import type { Diagnostic } from "./diagnostic.js";
import { type ValidateOptions, validateDeepSpeedConfig } from "./validate.js";
import { getPath, isPlainObject } from "./values.js";
import { compareVersions, DEEPSPEED_RELEASES, parseVersion } from "./version.js";

export type UpgradeChangeKind =
  | "stops-valid"
  | "becomes-valid"
  | "finding-added"
  | "finding-removed"
  | "default";

export interface UpgradeChange {
  kind: UpgradeChangeKind;
  path: string;
  /** The finding's code (ds/…), or "default" for a default change. */
  code: string;
  message: string;
  /** First release (on the way from --from to --to) that behaves as --to does. */
  changedIn: string;
  /** Where in DeepSpeed's history: the tag, and for defaults the commit and file. */
  source: { tag: string; commit?: string; file?: string };
}

export interface UpgradeReport {
  from: string;
  to: string;
  validBefore: boolean;
  validAfter: boolean;
  changes: UpgradeChange[];
}

const key = (d: Diagnostic) => `${d.severity} ${d.code} ${d.path}`;
const tagOf = (version: string) => (version === "main" ? "master" : `v${version}`);

/** Releases strictly after `low` up to and including `high` (by version), then "main" when `high` is main. */
function stepsBetween(low: string, high: string): string[] {
  const lo = parseVersion(low);
  const hi = parseVersion(high);
  const steps = DEEPSPEED_RELEASES.filter(
    (v) => compareVersions(parseVersion(v), lo) > 0 && compareVersions(parseVersion(v), hi) <= 0,
  );
  if (high.trim() === "main" && !steps.includes("main")) steps.push("main");
  return steps;
}

/** Whether a default matters for this config (its section is in use and the key is not set or filled). */
function defaultApplies(
  config: Record<string, unknown>,
  change: DefaultChange,
  options: ValidateOptions,
): boolean {
  if (options.filledByCaller?.includes(change.path)) return false;
  if (getPath(config, change.path) !== undefined) return false;
  const [section, block] = change.path.split(".");
  if (section === "bf16") {
    const bf16 = config.bf16 ?? config.bfloat16;
    return isPlainObject(bf16) && bf16.enabled === true;
  }
  if (section === "zero_optimization" && block) {
    const offload = getPath(config, `zero_optimization.${block}`);
    const device = isPlainObject(offload) ? offload.device : undefined;
    return device === "cpu" || device === "nvme";
  }
  return true;
}

export function upgradeCheck(
  config: unknown,
  from: string,
  to: string,
  options: ValidateOptions = {},
): UpgradeReport {
  const before = validateDeepSpeedConfig(config, { ...options, deepspeedVersion: from });
  const after = validateDeepSpeedConfig(config, { ...options, deepspeedVersion: to });
  const upgrading = compareVersions(parseVersion(from), parseVersion(to)) <= 0;
  const [low, high] = upgrading ? [from, to] : [to, from];
  // Walk the releases in the direction of travel; the first one that has the --to verdict is where it changed.
  const walk = upgrading ? stepsBetween(low, high) : [...stepsBetween(low, high).reverse().slice(1), low];
  const at = new Map<string, Set<string>>();
  const keysAt = (version: string) => {
    let keys = at.get(version);
    if (!keys) {
      keys = new Set(validateDeepSpeedConfig(config, { ...options, deepspeedVersion: version }).map(key));
      at.set(version, keys);
    }
    return keys;
  };
  const changedIn = (k: string, present: boolean) => walk.find((v) => keysAt(v).has(k) === present) ?? to;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const changes: UpgradeChange[] = [];
  const validBefore = !before.some((d) => d.severity === "error");
  const validAfter = !after.some((d) => d.severity === "error");
  for (const d of after) {
    if (beforeKeys.has(key(d))) continue;
    const version = changedIn(key(d), true);
    changes.push({
      kind: d.severity === "error" ? "stops-valid" : "finding-added",
      path: d.path,
      code: d.code,
      message: `${d.severity}: ${d.message}`,
      changedIn: version,
      source: { tag: tagOf(version) },
    });
  }
  for (const d of before) {
    if (afterKeys.has(key(d))) continue;
    const version = changedIn(key(d), false);
    changes.push({
      kind: d.severity === "error" ? "becomes-valid" : "finding-removed",
      path: d.path,
      code: d.code,
      message: `no longer reported (${d.severity} at ${from}): ${d.message}`,
      changedIn: version,
      source: { tag: tagOf(version) },
    });
  }
  if (isPlainObject(config)) {
    for (const path of new Set(DEFAULT_CHANGES.map((c) => c.path))) {
      const was = defaultAt(path, from)?.value;
      const now = defaultAt(path, to)?.value;
      // The last change crossed on the way is the one that leaves the --to value (two flips can cancel out).
      const crossed = DEFAULT_CHANGES.filter((c) => c.path === path && walk.includes(c.version));
      const change = upgrading ? crossed.at(-1) : crossed[0];
      if (was === now || !change || !defaultApplies(config, change, options)) continue;
      changes.push({
        kind: "default",
        path,
        code: "default",
        message: `not set, so DeepSpeed's default applies: ${was} at ${from}, ${now} at ${to} (${change.subject})`,
        changedIn: upgrading ? change.version : (walk.find((v) => defaultAt(path, v)?.value === now) ?? to),
        source: { tag: tagOf(change.version), commit: change.commit, file: change.file },
      });
    }
  }
  return { from, to, validBefore, validAfter, changes };
}
