// The roll-config process: every command, each loaded only when it runs (dispatch.ts).
import { runProcess } from "./process.js";

await runProcess(process.argv.slice(2));
