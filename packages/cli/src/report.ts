// Turns a thrown value into the message and exit code every command shares; never prints a stack trace
// unless ROLL_CONFIG_DEBUG=1.
import type { Io } from "./command.js";
import { UsageError } from "./command.js";

/** An error the libraries raise for bad input; `format()` gives `FILE:LINE:COL: message`. */
export interface FormattableError extends Error {
  format(): string;
}

/** Duck-typed so that main.ts need not load the libraries that define these error classes. */
export function isFormattableError(error: unknown): error is FormattableError {
  return error instanceof Error && typeof (error as Partial<FormattableError>).format === "function";
}

/** A failure that is the user's input, not our bug: printed as is, exit 1. */
export class InputError extends Error {
  override name = "InputError";
}

export function reportFailure(error: unknown, io: Io, globalUsage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`roll-config: ${error.message}\n\n${error.usage ?? globalUsage}\n`);
    return 2;
  }
  if (isFormattableError(error)) {
    io.stderr(`${error.format()}\n`);
    return 1;
  }
  if (error instanceof InputError) {
    io.stderr(`${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  // One line: the full message is in the stack, for ROLL_CONFIG_DEBUG=1.
  io.stderr(`roll-config: internal error: ${message.split("\n")[0]}\n`);
  if (io.env.ROLL_CONFIG_DEBUG === "1" && error instanceof Error && error.stack)
    io.stderr(`${error.stack}\n`);
  return 1;
}
