export type { CommandFn, Io } from "./command.js";
export { UsageError } from "./command.js";
export { main } from "./main.js";
