// Output files are written to a temporary file in the same directory, flushed, and then moved into place,
// so a reader never sees a partial file and a failure leaves the old file (or no file) behind.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./report.js";

export interface AtomicWriteOptions {
  /** false: fail when the target exists (checked atomically by link(), not by a racy exists()). */
  overwrite?: boolean;
}

export function writeFileAtomic(path: string, text: string, options: AtomicWriteOptions = {}): void {
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  const tmp = join(dirname(path), `.${basename(path)}.${unique}.tmp`);
  let created = false;
  try {
    const fd = openSync(tmp, "wx");
    created = true;
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.overwrite === false) {
      linkSync(tmp, path);
      unlinkSync(tmp);
    } else {
      renameSync(tmp, path);
    }
  } catch (error) {
    if (created) removeQuietly(tmp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && created && options.overwrite === false) {
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
    // Already gone (renamed into place) or never created.
  }
}
