// Contract between the dispatcher (main.ts) and each subcommand module under commands/.

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour only then, and never with NO_COLOR). */
  isTTY: boolean;
}

/** A subcommand: receives the words after its name; returns the exit code (0 ok, 1 config error, 2 usage). */
export type CommandFn = (args: string[], io: Io) => Promise<number>;

/** Thrown for bad command-line usage; the dispatcher prints it with a usage hint and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";

  /** `usage` is the short usage of the command that failed; the dispatcher falls back to the global one. */
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}
