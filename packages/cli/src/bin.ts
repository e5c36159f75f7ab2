// Process wiring only: everything testable lives in main.ts.
import type { Io } from "./command.js";
import { main } from "./main.js";

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

process.exitCode = await main(process.argv.slice(2), realIo);
