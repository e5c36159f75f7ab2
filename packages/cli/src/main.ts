// The command tree of `roll-config`, and the one place a failure becomes an exit code and a message.
import { readFileSync } from "node:fs";
import type { Io } from "./command.js";
import { defineRoot, dispatch } from "./dispatch.js";
import { reportFailure } from "./report.js";

export const ROOT = defineRoot(
  {
    resolve: "compose a ROLL config exactly as Hydra does and print it",
    validate: "check a ROLL config against ROLL's and DeepSpeed's rules",
    explain: "show a value and the files and lines that set it",
    deepspeed: "check a plain DeepSpeed config (deepspeed validate)",
    presets: "list and show the DeepSpeed presets",
    estimate: "estimate ZeRO model-state memory per GPU and per node",
    migrate: "rewrite ROLL 0.2 configs for ROLL 0.3 (DeepSpeed to FSDP2)",
    emit: "turn a typed TypeScript config into ROLL YAML",
    schema: "write the JSON Schema an editor uses for ROLL YAML",
    lsp: "run the language server for editors (LSP over --stdio)",
  },
  readVersion,
);

export const USAGE = ROOT.usage;

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await dispatch(ROOT, argv, io);
  } catch (error) {
    return reportFailure(error, io, USAGE);
  }
}

function readVersion(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
