// `roll-config presets sync <dir> [--only a,b | --add a,b] [--dry-run] [--check] [--force]` (and the run
// behind `presets check`): vendor the Hydra-ready preset files, stamped, into a ROLL repository's
// examples/config/ (or any folder). Without --only/--add it touches only the presets the folder already has.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import {
  type PackageInfo,
  type PlanItem,
  planSync,
  readShippedHistory,
  type ShippedPreset,
  shippedPackage,
  shippedPresets,
  type VendorState,
  writesWithoutForce,
} from "@roll/preset-sync";
import { defineCommand } from "../args.js";
import { writeFileAtomic } from "../atomic-write.js";
import type { Io } from "../command.js";
import { UsageError } from "../command.js";

const LABEL: Record<VendorState, string> = {
  missing: "new",
  current: "up to date",
  stale: "upgrade",
  restamp: "restamp",
  adopt: "adopt",
  edited: "locally edited",
  foreign: "not ours (unstamped, different content)",
};

export interface SyncFlags {
  only?: string;
  add?: string;
  dryRun: boolean;
  check: boolean;
  force: boolean;
}

/** The presets named by a comma-separated flag value; an unknown name is a usage error. */
function named(list: string, shipped: ShippedPreset[], usage: string): Set<string> {
  const wanted = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set(shipped.map((p) => p.name));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length)
    throw new UsageError(`unknown preset(s): ${unknown.join(", ")} (see 'roll-config presets list')`, usage);
  return new Set(wanted);
}

/** --only: exactly those; otherwise the presets the folder already has, plus --add's. */
function selected(dir: string, all: ShippedPreset[], flags: SyncFlags, usage: string): ShippedPreset[] {
  if (flags.only !== undefined && flags.add !== undefined)
    throw new UsageError("--only and --add don't go together (--only names every preset to sync)", usage);
  if (flags.only !== undefined) {
    const only = named(flags.only, all, usage);
    return all.filter((p) => only.has(p.name));
  }
  const add = flags.add === undefined ? new Set<string>() : named(flags.add, all, usage);
  return all.filter((p) => add.has(p.name) || existsSync(join(dir, `${p.name}.yaml`)));
}

export async function run(dirArg: string, flags: SyncFlags, io: Io, usage: string): Promise<number> {
  const dir = resolvePath(io.cwd, dirArg);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`${dirArg}: not a directory`, usage);
  const pkg = shippedPackage();
  const shipped = selected(dir, await shippedPresets(), flags, usage);
  const plan = planSync(dir, shipped, pkg, readShippedHistory());

  if (flags.check) return report(plan, io, pkg, "check");
  if (plan.length === 0) {
    io.stdout(
      `sync: no vendored presets in ${dirArg}: name the ones to add with --add a,b (see 'roll-config presets list')\n`,
    );
    return 0;
  }
  const refused = plan.filter(
    (item) => !flags.force && !writesWithoutForce(item.state) && item.state !== "current",
  );
  // --dry-run exits as the real run would: 1 when it would refuse a file.
  if (flags.dryRun) {
    for (const item of plan) {
      io.stdout(`${item.preset}: ${LABEL[item.state]}${matched(item, pkg)}${refusal(item, flags.force)}\n`);
      if (item.state !== "current") io.stdout(item.diff);
    }
    return refused.length ? 1 : 0;
  }
  if (refused.length) {
    for (const item of refused) {
      io.stderr(
        `${item.file}: ${LABEL[item.state]}; not overwritten (pass --force to replace it). Changes sync would make:\n`,
      );
      io.stderr(item.diff);
    }
  }
  const toWrite = plan.filter(
    (item) => item.state !== "current" && (flags.force || writesWithoutForce(item.state)),
  );
  if (toWrite.length) mkdirSync(dir, { recursive: true });
  for (const item of toWrite) {
    writeFileAtomic(item.file, item.next);
    const from = item.fromVersion ? ` (was ${item.fromVersion})` : matched(item, pkg);
    io.stdout(`${item.preset}: ${LABEL[item.state]}${from} -> ${pkg.version}: wrote ${item.file}\n`);
  }
  for (const item of plan.filter((i) => i.state === "current"))
    io.stdout(`${item.preset}: up to date (${pkg.version})\n`);
  return refused.length ? 1 : 0;
}

/** Which release an unstamped copy is, e.g. " (unstamped, matches @roll/ds-presets 0.1.0)". */
function matched(item: PlanItem, pkg: PackageInfo): string {
  if (!item.matches) return "";
  const installed = item.state === "stale" ? `, installed ${pkg.version}` : "";
  return ` (unstamped, matches ${pkg.packageName} ${item.matches.join(", ")}${installed})`;
}

function refusal(item: PlanItem, force: boolean): string {
  if (item.state === "current" || writesWithoutForce(item.state)) return "";
  return force ? " (would be overwritten: --force)" : " (would be refused without --force)";
}

function report(plan: PlanItem[], io: Io, pkg: PackageInfo, verb: string): number {
  const bad = plan.filter(
    (i) => i.state === "stale" || i.state === "edited" || i.state === "foreign" || i.state === "missing",
  );
  for (const item of plan) {
    const from =
      item.fromVersion && item.fromVersion !== pkg.version
        ? ` (stamped ${item.fromVersion}, installed ${pkg.version})`
        : matched(item, pkg);
    const line = `${item.file}: ${LABEL[item.state]}${from}\n`;
    if (bad.includes(item)) io.stderr(line);
    else io.stdout(line);
  }
  if (plan.length === 0) io.stdout(`${verb}: no vendored presets found\n`);
  if (bad.length)
    io.stderr(
      `${verb}: ${bad.length} vendored preset(s) need attention: run 'roll-config presets sync' (see --dry-run)\n`,
    );
  return bad.length ? 1 : 0;
}

export const ONLY = {
  only: { type: "string", value: "a,b", help: "only these presets (default: those already in <dir>)" },
} as const;

export default defineCommand({
  name: "presets sync",
  synopsis: "<dir> [--only a,b | --add a,b] [--dry-run] [--check] [--force]",
  description: `Writes each preset as <dir>/<name>.yaml with a stamp (package, version, preset, content hash).
Without --only or --add it syncs only the presets <dir> already has. An unstamped file whose content is a
released preset (ROLL's own presets are the first release's) is adopted: stamped, or upgraded, without --force.`,
  flags: {
    ...ONLY,
    add: { type: "string", value: "a,b", help: "these presets too, besides those already in <dir>" },
    "dry-run": {
      type: "boolean",
      default: false,
      help: "show what would change, write nothing; exits as the real run would",
    },
    check: {
      type: "boolean",
      default: false,
      help: "write nothing; exit 1 when a vendored copy is stale or locally edited",
    },
    force: { type: "boolean", default: false, help: "overwrite locally edited or foreign files too" },
  },
  footer: "Exit codes: 0 ok, 1 refused/stale/edited, 2 usage error.",
  async run({ values, positionals }, io, usage) {
    if (positionals.length !== 1) throw new UsageError("presets sync: expected one directory", usage);
    if (values.check && values.force) throw new UsageError("--check and --force don't go together", usage);
    const flags: SyncFlags = { dryRun: values["dry-run"], check: values.check, force: values.force };
    if (values.only !== undefined) flags.only = values.only;
    if (values.add !== undefined) flags.add = values.add;
    return run(positionals[0]!, flags, io, usage);
  },
});
