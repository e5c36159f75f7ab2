// Which ROLL release a config file targets, from the repository around it (nearest directory first):
//  - a pin: `.roll-config.json` `{"roll": "0.2"}`, or `[tool.roll-config]` `roll = "0.2"` in pyproject.toml;
//  - an enclosing ROLL checkout (a directory holding roll/distributed/strategy/): setup.py's version when it
//    says 0.3 or later (ROLL 0.2.x's setup.py still says 0.1.0), else its strategies: ROLL 0.3 removed
//    deepspeed_strategy.py, every 0.2 release has it.
// Content detection (detect.ts) is the caller's last resort. Lookups are cached per directory, so a batch
// over a repository reads each ancestor once.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RollRelease } from "./dataclass-catalogue.js";

export type ReleaseSourceKind = "flag" | "pin" | "checkout" | "content";

export interface ReleaseSource {
  roll: RollRelease;
  kind: ReleaseSourceKind;
  /** The file that decided (the pin file, or the checkout file that told the release). */
  file?: string;
  /** The ROLL checkout's root directory (kind "checkout"). */
  root?: string;
  /** One phrase for the report, e.g. `setup.py version 0.3`. */
  detail?: string;
}

const RELEASES: readonly RollRelease[] = ["0.2", "0.3"];

/** A pin that is not a release we know: the user wrote it, so it is an error at its line. */
export class ReleasePinError extends Error {
  override name = "ReleasePinError";
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
  format(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

export class ReleaseFinder {
  private readonly byDir = new Map<string, ReleaseSource | null>();

  /** The release the repository around `file` declares or is, or undefined (then: the config's content). */
  forFile(file: string): ReleaseSource | undefined {
    return this.forDir(dirname(file)) ?? undefined;
  }

  private forDir(dir: string): ReleaseSource | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    const parent = dirname(dir);
    const found = pinIn(dir) ?? checkoutAt(dir) ?? (parent === dir ? null : this.forDir(parent));
    this.byDir.set(dir, found);
    return found;
  }
}

// Most of the files looked for do not exist: statSync without throwing, as an exception per missing file
// (built with its stack) is most of what the lookup costs.
function readText(file: string): string | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ? readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

function pinnedRelease(value: unknown, file: string, line: number, column: number): RollRelease {
  const text = typeof value === "number" ? String(value) : value;
  const release = typeof text === "string" ? /^(\d+\.\d+)(\.\d+)?$/.exec(text)?.[1] : undefined;
  if (release && (RELEASES as readonly string[]).includes(release)) return release as RollRelease;
  throw new ReleasePinError(
    `the pinned ROLL release must be one of ${RELEASES.join(", ")} (got ${JSON.stringify(value)})`,
    file,
    line,
    column,
  );
}

function pinIn(dir: string): ReleaseSource | null {
  const json = join(dir, ".roll-config.json");
  const jsonText = readText(json);
  if (jsonText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(jsonText);
    } catch (error) {
      throw new ReleasePinError(`not valid JSON: ${(error as Error).message}`, json, 1, 1);
    }
    const roll = (parsed as { roll?: unknown } | null)?.roll;
    if (roll !== undefined) {
      const at = lineColumnOf(jsonText, /"roll"\s*:/);
      return { roll: pinnedRelease(roll, json, at.line, at.column), kind: "pin", file: json };
    }
  }
  const pyproject = join(dir, "pyproject.toml");
  const tomlText = readText(pyproject);
  if (tomlText !== undefined) {
    const pin = tomlPin(tomlText);
    if (pin) {
      return {
        roll: pinnedRelease(pin.value, pyproject, pin.line, pin.column),
        kind: "pin",
        file: pyproject,
      };
    }
  }
  return null;
}

/** `roll = "0.2"` inside `[tool.roll-config]` (a string or a bare number; nothing else of TOML is needed). */
function tomlPin(text: string): { value: string; line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\s+#.*$/, "").trim();
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      inSection = header[1]!.replace(/["']/g, "") === "tool.roll-config";
      continue;
    }
    if (!inSection) continue;
    const entry = /^roll\s*=\s*(?:"([^"]*)"|'([^']*)'|([0-9.]+))$/.exec(line);
    if (entry) {
      const column = (lines[i]!.indexOf("roll") ?? 0) + 1;
      return { value: entry[1] ?? entry[2] ?? entry[3]!, line: i + 1, column };
    }
  }
  return undefined;
}

function lineColumnOf(text: string, pattern: RegExp): { line: number; column: number } {
  const index = text.search(pattern);
  if (index < 0) return { line: 1, column: 1 };
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function isDir(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

function checkoutAt(dir: string): ReleaseSource | null {
  const strategies = join(dir, "roll", "distributed", "strategy");
  if (!isDir(strategies)) return null;
  const setup = join(dir, "setup.py");
  const version = /\bversion\s*=\s*["'](\d+)\.(\d+)[^"']*["']/.exec(readText(setup) ?? "");
  if (version && (Number(version[1]) > 0 || Number(version[2]) >= 3)) {
    const minor = `${version[1]}.${version[2]}`;
    // A release newer than the newest we know is checked against the newest (its closest dataclasses).
    const roll = (RELEASES as readonly string[]).includes(minor) ? (minor as RollRelease) : "0.3";
    return { roll, kind: "checkout", root: dir, file: setup, detail: `setup.py version ${minor}` };
  }
  const deepspeed = join(strategies, "deepspeed_strategy.py");
  return existsSync(deepspeed)
    ? { roll: "0.2", kind: "checkout", root: dir, file: deepspeed, detail: "it has deepspeed_strategy.py" }
    : {
        roll: "0.3",
        kind: "checkout",
        root: dir,
        file: strategies,
        detail: "it has no deepspeed_strategy.py",
      };
}
