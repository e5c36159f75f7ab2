// roll-config-language-server --stdio (or --node-ipc, --socket=N): what an editor starts.
import { startServer } from "./server.js";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(
    "Usage: roll-config-language-server --stdio\n\nA language server for ROLL's Hydra YAML configs (LSP over stdio).\n",
  );
} else {
  startServer();
}
