// roll-config lsp: the language server behind the CLI (its features are tested in @roll/language-server).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { run } from "./helpers/io.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("roll-config lsp", () => {
  it("requires --stdio (usage error, exit 2)", async () => {
    const result = await run(["lsp"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--stdio is required");
    expect(result.stdout).toBe("");
  });

  it("prints its help", async () => {
    const result = await run(["lsp", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: roll-config lsp --stdio");
  });

  it("serves LSP on stdio until the client says exit", async () => {
    // From source through tsx (cwd = the repository, whose tsconfig maps @roll/* to the sources).
    const child = spawn(process.execPath, ["--import", "tsx", "packages/cli/src/bin.ts", "lsp", "--stdio"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const init = (await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    })) as { serverInfo: { name: string }; capabilities: Record<string, unknown> };
    expect(init.serverInfo.name).toBe("roll-config-language-server");
    expect(init.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true });
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    expect(await exited).toBe(0);
    connection.dispose();
  });
});
