// roll-config lsp --stdio: the ROLL language server (@roll/language-server), for editors without the extension.
import { defineCommand, noExtraPositionals } from "../args.js";
import { UsageError } from "../command.js";

export default defineCommand({
  name: "lsp",
  synopsis: "--stdio",
  description: `Run the ROLL config language server (diagnostics, hover, go to definition, completion through Hydra
composition) speaking LSP on stdin/stdout. Editors start it; the VS Code extension bundles it.`,
  flags: { stdio: { type: "boolean", help: "talk LSP over stdin/stdout (the only transport)" } },
  async run({ values, positionals }, _io, usage) {
    noExtraPositionals(positionals, 0, usage);
    if (!values.stdio) throw new UsageError("lsp: --stdio is required", usage);
    const { startServer } = await import("@roll/language-server");
    startServer(); // serves until the client sends exit or closes stdin
    return 0;
  },
});
