// roll-config lsp --stdio: the ROLL language server (@roll/language-server), for editors without the extension.
import { noExtraPositionals, parseCommandArgs } from "../args.js";
import type { Io } from "../command.js";
import { UsageError } from "../command.js";

const USAGE = `Usage: roll-config lsp --stdio

Run the ROLL config language server (diagnostics, hover, go to definition, completion through Hydra
composition) speaking LSP on stdin/stdout. Editors start it; the VS Code extension bundles it.

Options:
  --stdio      talk LSP over stdin/stdout (the only transport)
  -h, --help   show this help`;

const FLAGS = { stdio: { type: "boolean" } } as const;

export async function lspCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  noExtraPositionals(positionals, 0, USAGE);
  if (!values.stdio) throw new UsageError("lsp: --stdio is required", USAGE);
  const { startServer } = await import("@roll/language-server");
  startServer(); // serves until the client sends exit or closes stdin
  return 0;
}
