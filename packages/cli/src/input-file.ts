// The file a command reads, resolved against the working directory, with a clear error when it is missing.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Io } from "./command.js";
import { InputError } from "./report.js";

export function inputFile(io: Io, path: string): string {
  const absolute = resolve(io.cwd, path);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (!isFile) throw new InputError(`${path}: not a file`);
  return absolute;
}
