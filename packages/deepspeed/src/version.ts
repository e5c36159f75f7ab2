import { DeepSpeedInputError } from "./errors.js";

export type Version = readonly [number, number, number];

/** The DeepSpeed version ROLL 0.2 pins (requirements_torch260_*.txt: deepspeed==0.16.4). */
export const ROLL_DEEPSPEED_VERSION = "0.16.4";

/**
 * DeepSpeed's master branch, named as users name it; its deepspeed/version.txt at the recorded commit
 * (edaa7221) reads 0.19.6, the release it is heading for.
 */
export const MAIN_VERSION = "0.19.6";
const MAIN_NAMES = new Set(["main", "master"]);

export function parseVersion(text: string): Version {
  if (MAIN_NAMES.has(text.trim())) return parseVersion(MAIN_VERSION);
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new DeepSpeedInputError(
      `invalid DeepSpeed version ${JSON.stringify(text)}: expected major.minor.patch (e.g. 0.16.4) or main`,
    );
  }
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** True when `version` is at least `since` ("0.17.1"). */
export function atLeast(version: Version, since: string): boolean {
  return compareVersions(version, parseVersion(since)) >= 0;
}
