// Process wiring only: everything testable lives in main.ts.
import { fstatSync, type Stats, statSync, writeSync } from "node:fs";
import type { Command } from "./args.js";
import type { Io } from "./command.js";
import { type Group, setCommandLoader } from "./dispatch.js";
import { main } from "./main.js";

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to fd 1 or 2 now. Not process.stdout/stderr: setting up those streams costs a cold
 * `resolve` more than composing the config does, and a command prints its output in one piece anyway.
 */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A full pipe that someone made non-blocking: wait for the reader.
      if (code === "EAGAIN") Atomics.wait(PAUSE, 0, 0, 1);
      // A reader that goes away (`roll-config resolve x | head`) is not an error worth a stack trace.
      else if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      else throw error;
    }
  }
}

/**
 * Whether fd 1 is a terminal, as process.stdout.isTTY would say, without loading node:tty when it cannot be
 * one: node:tty loads node:net and Node's stream modules (about 20 built-ins, 2-3 ms of a cold start), and
 * only a character device other than /dev/null can be a terminal (a pipe or a file never is).
 */
function stdoutIsTerminal(): boolean {
  let out: Stats;
  try {
    out = fstatSync(1);
  } catch {
    return false;
  }
  if (!out.isCharacterDevice()) return false;
  // `> /dev/null` (exit status only, as hooks run it) is a character device too, and never a terminal.
  if (process.platform !== "win32" && out.rdev === statSync("/dev/null").rdev) return false;
  return process.getBuiltinModule("node:tty").isatty(1);
}

/** Runs `roll-config ARGV` in this process: real stdio, exit code in process.exitCode. */
export async function runProcess(argv: string[]): Promise<void> {
  const realIo: Io = {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    cwd: process.cwd(),
    env: process.env,
    // Not process.stdout.isTTY: that sets up the stdout stream (Node's streams: ~2 ms).
    isTTY: stdoutIsTerminal(),
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
