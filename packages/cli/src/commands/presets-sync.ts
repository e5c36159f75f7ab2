// `roll-config presets sync <dir> [--only a,b] [--dry-run] [--check] [--force]` (and the run behind `presets check`):
// vendor the Hydra-ready preset files, stamped, into a ROLL repository's examples/config/ (or any folder).
import { existsSync, mkdirSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import {
  type PlanItem,
  planSync,
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
  edited: "locally edited",
  foreign: "not ours (unstamped, different content)",
};

export interface SyncFlags {
  only?: string;
  dryRun: boolean;
  check: boolean;
  force: boolean;
}

export async function run(dirArg: string, flags: SyncFlags, io: Io, usage: string): Promise<number> {
  const dir = resolvePath(io.cwd, dirArg);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`${dirArg}: not a directory`, usage);
  const pkg = shippedPackage();
  let shipped = await shippedPresets();
  if (flags.only !== undefined) {
    const wanted = flags.only
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const known = new Set(shipped.map((p) => p.name));
    const unknown = wanted.filter((w) => !known.has(w));
    if (unknown.length)
      throw new UsageError(
        `unknown preset(s): ${unknown.join(", ")} (see 'roll-config presets list')`,
        usage,
      );
    shipped = shipped.filter((p) => wanted.includes(p.name));
  }
  let plan = planSync(dir, shipped, pkg);
  // Checking a repository that vendors a subset: presets it doesn't have are not its problem.
  if (flags.check && flags.only === undefined) plan = plan.filter((item) => item.state !== "missing");

  if (flags.check) return report(plan, io, pkg.version, "check");
  if (flags.dryRun) {
    for (const item of plan) {
      io.stdout(`${item.preset}: ${LABEL[item.state]}${refusal(item, flags.force)}\n`);
      if (item.state !== "current") io.stdout(item.diff);
    }
    return 0;
  }
  const refused = plan.filter(
    (item) => !flags.force && !writesWithoutForce(item.state) && item.state !== "current",
  );
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
    const from = item.fromVersion ? ` (was ${item.fromVersion})` : "";
    io.stdout(`${item.preset}: ${LABEL[item.state]}${from} -> ${pkg.version}: wrote ${item.file}\n`);
  }
  for (const item of plan.filter((i) => i.state === "current"))
    io.stdout(`${item.preset}: up to date (${pkg.version})\n`);
  return refused.length ? 1 : 0;
}

function refusal(item: PlanItem, force: boolean): string {
  if (item.state === "current" || writesWithoutForce(item.state)) return "";
  return force ? " (would be overwritten: --force)" : " (would be refused without --force)";
}

function report(plan: PlanItem[], io: Io, version: string, verb: string): number {
  const bad = plan.filter(
    (i) => i.state === "stale" || i.state === "edited" || i.state === "foreign" || i.state === "missing",
  );
  for (const item of plan) {
    const from =
      item.fromVersion && item.fromVersion !== version
        ? ` (stamped ${item.fromVersion}, installed ${version})`
        : "";
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

export const ONLY = { only: { type: "string", value: "a,b", help: "only these presets" } } as const;

export default defineCommand({
  name: "presets sync",
  synopsis: "<dir> [--only a,b] [--dry-run] [--check] [--force]",
  description:
    "Writes each preset as <dir>/<name>.yaml with a stamp (package, version, preset, content hash).",
  flags: {
    ...ONLY,
    "dry-run": { type: "boolean", default: false, help: "show what would change, write nothing" },
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
    return run(positionals[0]!, flags, io, usage);
  },
});
