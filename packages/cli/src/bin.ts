// Process wiring only: everything testable lives in main.ts.
import type { Io } from "./command.js";
import { main } from "./main.js";

const realIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
};

process.exitCode = await main(process.argv.slice(2), realIo);
