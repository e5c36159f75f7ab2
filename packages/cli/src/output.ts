// Where a command's result goes: stdout, or `-o FILE` written atomically (relative to the working dir).
import { resolve } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import type { Io } from "./command.js";

export interface OutputTarget {
  /** -o FILE; undefined means stdout. */
  file?: string | undefined;
  /** false: refuse to replace an existing file. */
  overwrite?: boolean;
}

export function writeOutput(io: Io, text: string, target: OutputTarget = {}): void {
  if (target.file === undefined) {
    io.stdout(text);
    return;
  }
  writeFileAtomic(resolve(io.cwd, target.file), text, { overwrite: target.overwrite ?? true });
}
