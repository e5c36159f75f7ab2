import { relative } from "node:path";
import type { LineCounter } from "yaml";

/** A problem in a preset source file, reported as `file:line:col: message` (never a stack trace). */
export class PresetSourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`${relative(process.cwd(), file) || file}:${line}:${col}: ${reason}`);
    this.name = "PresetSourceError";
  }
}

/** Builds errors for one file from YAML node offsets. */
export function errorAt(file: string, lineCounter: LineCounter) {
  return (offset: number | undefined, reason: string): PresetSourceError => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return new PresetSourceError(file, line, col, reason);
  };
}
