// `presets sync` planning: compares each vendored file with the preset the installed package ships and
// decides what may be written. Nothing the user edited is overwritten without --force.
//
// Content is compared byte for byte after one normalisation, CRLF -> LF: that is the only change git itself
// makes to a file on checkout (core.autocrlf, `eol=crlf`). A final newline added or removed is an edit (git
// never does it, and three of ROLL's presets have none), so such a file is not taken for a release.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type PresetHistory, releasesWith } from "./history.js";
import { unifiedDiff } from "./line-diff.js";
import { withoutGeneratorBanner } from "./shipped.js";
import { hashBody, readStamp, stampFile } from "./stamp.js";

export interface ShippedPreset {
  name: string;
  /** The Hydra-ready YAML the package ships, without its generator banner (the body a vendored copy must have). */
  yaml: string;
}

export interface PackageInfo {
  packageName: string;
  version: string;
}

export type VendorState =
  | "missing" // no file yet: sync writes it
  | "current" // stamped, unedited, same version and content
  | "stale" // stamped and unedited, or unstamped with a released content: another version, sync upgrades it
  | "restamp" // stamped by another version (or with the generator banner), but the body equals the shipped one
  | "adopt" // unstamped, and its content is the shipped preset (e.g. ROLL's original): ours, sync stamps it
  | "edited" // stamped, but the body no longer matches its stamp hash: a local edit
  | "foreign"; // unstamped and no release of the preset has this content: someone else's file

export interface PlanItem {
  preset: string;
  file: string;
  state: VendorState;
  /** The stamp's version, when the file has one. */
  fromVersion?: string;
  /** Unstamped files only: the versions (released, or the installed one) whose content the file has, oldest first. */
  matches?: string[];
  /** What sync would write. */
  next: string;
  /** Current content, when the file exists. */
  current?: string;
  diff: string;
}

const NO_HISTORY: PresetHistory = { versions: {}, contents: {} };

/** A file's text as git stores it: LF line endings. */
export function checkedIn(text: string): string {
  return text.replaceAll("\r\n", "\n");
}

/**
 * The plan for each of `shipped` in `dir`. `released` (the shipped history.json) lets an unstamped file be
 * recognised as a release's content: adopted when it is the installed one, upgraded when it is an older one.
 */
export function planSync(
  dir: string,
  shipped: ShippedPreset[],
  pkg: PackageInfo,
  released: PresetHistory = NO_HISTORY,
): PlanItem[] {
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
    const text = checkedIn(current);
    const { stamp, body } = readStamp(text);
    const diff = unifiedDiff(text, next, file, `${file} (${pkg.packageName} ${pkg.version})`);
    const base = { preset: preset.name, file, next, current, diff };
    // A copy written by a sync that still kept the generator banner, or taken from node_modules by hand.
    const content = withoutGeneratorBanner(body);
    const isShipped = content === preset.yaml;
    if (!stamp) {
      const matches = releasesWith(released, preset.name, content);
      if (isShipped) return { ...base, state: "adopt", matches: [...new Set([...matches, pkg.version])] };
      return matches.length ? { ...base, state: "stale", matches } : { ...base, state: "foreign" };
    }
    const withVersion = { ...base, fromVersion: stamp.version };
    if (hashBody(body) !== stamp.hash) return { ...withVersion, state: "edited" };
    if (text === next) return { ...withVersion, state: "current" };
    return { ...withVersion, state: isShipped ? "restamp" : "stale" };
  });
}

/** States that sync writes without --force. */
export function writesWithoutForce(state: VendorState): boolean {
  return state === "missing" || state === "stale" || state === "restamp" || state === "adopt";
}
