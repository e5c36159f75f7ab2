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

/** Every DeepSpeed release from ROLL 0.2's pin on, in order (tags of deepspeedai/DeepSpeed), then master. */
export const DEEPSPEED_RELEASES: readonly string[] = [
  ...["0.16.4", "0.16.5", "0.16.6", "0.16.7", "0.16.8", "0.16.9"],
  ...["0.17.0", "0.17.1", "0.17.2", "0.17.3", "0.17.4", "0.17.5", "0.17.6"],
  ...["0.18.0", "0.18.1", "0.18.2", "0.18.3", "0.18.4", "0.18.5", "0.18.6", "0.18.7", "0.18.8", "0.18.9"],
  ...["0.19.0", "0.19.1", "0.19.2", "0.19.3", "0.19.4", "0.19.5"],
  "main",
];

/** Versions whose verdicts scripts/deepspeed-verdicts/record.py recorded (test/fixtures/deepspeed-verdicts). */
export const RECORDED_DEEPSPEED_VERSIONS: readonly string[] = [
  ...["0.16.4", "0.16.6", "0.16.9", "0.17.1", "0.17.2", "0.17.5", "0.17.6", "0.18.0", "0.18.3"],
  ...["0.18.5", "0.18.8", "0.18.9", "0.19.2", "0.19.3", "0.19.4", "0.19.5", "main"],
];

/** The newest release: what `deepspeed validate` checks a plain DeepSpeed config against by default. */
export const NEWEST_DEEPSPEED_RELEASE = "0.19.5";
