// The extension's server bundle is self-contained: copied alone (no node_modules, as in the installed .vsix)
// it serves LSP and finds its schemas.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROLL_TREES } from "@roll/test-fixtures";
import { describe, expect, it } from "vitest";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const here = fileURLToPath(new URL("..", import.meta.url));
const fixture = join(ROLL_TREES, "v0.2");

describe("the bundled server", () => {
  it("runs from a directory with nothing but the bundle and publishes diagnostics", async () => {
    execFileSync(process.execPath, [join(here, "scripts/bundle.mjs")], { stdio: "pipe" });
    const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
    expect(manifest.main).toBe("./dist/bundle/extension.cjs");
    expect(manifest.private).toBe(true);
    const installed = mkdtempSync(join(tmpdir(), "roll-vsix-"));
    cpSync(join(here, "dist/bundle"), join(installed, "dist/bundle"), { recursive: true });
    cpSync(join(here, "dist/generated"), join(installed, "dist/generated"), { recursive: true });

    const child = spawn(process.execPath, [join(installed, "dist/bundle/server.cjs"), "--stdio"], {
      cwd: installed,
      env: { PATH: process.env.PATH },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const primary = pathToFileURL(`${fixture}/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml`).href;
    const published = new Promise<{ diagnostics: { code: string }[] }>((resolve) => {
      connection.onNotification(
        "textDocument/publishDiagnostics",
        (p: { uri: string; diagnostics: { code: string }[] }) => {
          if (p.uri === primary) resolve(p);
        },
      );
    });
    connection.listen();
    try {
      await connection.sendRequest("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(fixture).href,
        workspaceFolders: [{ uri: pathToFileURL(fixture).href, name: "roll" }],
        capabilities: {},
      });
      await connection.sendNotification("initialized", {});
      const { diagnostics } = await published;
      expect(diagnostics.map((d) => d.code)).toContain("roll/unknown-key");
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
