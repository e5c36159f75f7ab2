// `presets sync` planning: compares each vendored file with the preset the installed package ships and
// decides what may be written. Nothing the user edited is overwritten without --force.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unifiedDiff } from "./line-diff.js";
import { hashBody, readStamp, stampFile } from "./stamp.js";

export interface ShippedPreset {
  name: string;
  /** The Hydra-ready YAML the package ships (the body a vendored copy must have). */
  yaml: string;
}

export interface PackageInfo {
  packageName: string;
  version: string;
}

export type VendorState =
  | "missing" // no file yet: sync writes it
  | "current" // stamped, unedited, same version and content
  | "stale" // stamped, unedited, from another version or with other content: sync upgrades it
  | "restamp" // unstamped or stamped by another version, but the body already equals the shipped one
  | "edited" // stamped, but the body no longer matches its stamp hash: a local edit
  | "foreign"; // unstamped and different from the shipped preset: someone else's file

export interface PlanItem {
  preset: string;
  file: string;
  state: VendorState;
  /** The stamp's version, when the file has one. */
  fromVersion?: string;
  /** What sync would write. */
  next: string;
  /** Current content, when the file exists. */
  current?: string;
  diff: string;
}

export function planSync(dir: string, shipped: ShippedPreset[], pkg: PackageInfo): PlanItem[] {
  return shipped.map((preset) => {
    const file = join(dir, `${preset.name}.yaml`);
    const next = stampFile(preset.yaml, {
      packageName: pkg.packageName,
      version: pkg.version,
      preset: preset.name,
    });
    if (!existsSync(file))
      return {
        preset: preset.name,
        file,
        state: "missing",
        next,
        diff: unifiedDiff("", next, "/dev/null", file),
      };
    const current = readFileSync(file, "utf8");
    const { stamp, body } = readStamp(current);
    const diff = unifiedDiff(current, next, file, `${file} (${pkg.packageName} ${pkg.version})`);
    const base = { preset: preset.name, file, next, current, diff };
    if (!stamp) return { ...base, state: body === preset.yaml ? "restamp" : "foreign" };
    const withVersion = { ...base, fromVersion: stamp.version };
    if (hashBody(body) !== stamp.hash) return { ...withVersion, state: "edited" };
    if (current === next) return { ...withVersion, state: "current" };
    return { ...withVersion, state: body === preset.yaml ? "restamp" : "stale" };
  });
}

/** States that sync writes without --force. */
export function writesWithoutForce(state: VendorState): boolean {
  return state === "missing" || state === "stale" || state === "restamp";
}
