// Process wiring only: everything testable lives in main.ts.
import type { Command } from "./args.js";
import type { Io } from "./command.js";
import { type Group, setCommandLoader } from "./dispatch.js";
import { main } from "./main.js";

/** Runs `roll-config ARGV` in this process: real stdio, exit code in process.exitCode. */
export async function runProcess(argv: string[]): Promise<void> {
  // A reader that goes away (`roll-config resolve x | head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  const realIo: Io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
  process.exitCode = await main(argv, realIo);
}

/**
 * The process of a bundle that holds one command itself (scripts/bundle.mjs: `roll-config resolve` runs
 * from one CommonJS file and V8's code cache). Same main(), same output; only the command lookup differs.
 */
export function runOneCommand(name: string, command: Command | Group): Promise<void> {
  setCommandLoader(async (module) => {
    if (module !== name) throw new Error(`this bundle runs \`roll-config ${name}\` only, not ${module}`);
    return command;
  });
  return runProcess(process.argv.slice(2));
}
