// The server entry the extension bundles (the same server as `roll-config lsp`).
import { startServer } from "@roll/language-server";

startServer();
