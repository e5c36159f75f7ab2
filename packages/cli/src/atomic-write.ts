// Output files are written to a temporary file in the same directory and then moved into place, so a
// reader never sees a partial file and a failure leaves the old file (or no file) behind.
import { linkSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./report.js";

export interface AtomicWriteOptions {
  /** false: fail when the target exists (checked atomically by link(), not by a racy exists()). */
  overwrite?: boolean;
}

export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    if (options.overwrite === false) {
      linkSync(tmp, path);
      unlinkSync(tmp);
    } else {
      renameSync(tmp, path);
    }
  } catch (error) {
    removeQuietly(tmp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && options.overwrite === false) {
      throw new InputError(`${path}: file exists (pass --force to overwrite)`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${path}: cannot write: ${reason}`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone or never created.
  }
}
