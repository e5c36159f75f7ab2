// Language server: diagnostics after an edit of a real ROLL config, warm. The server runs as its own process
// (the built bin, as an editor starts it) and is driven over stdio; each edit changes a diagnostic, so each
// one is answered by a publishDiagnostics whose version is the edit's. Reference: the same primary's
// in-process `validateFile` in this process (what the server does per edit, minus LSP and the transport).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { validateFile } from "../packages/config-validator/dist/index.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function editRoundTrips(root, tree, primary, debounceMs, edits) {
  const child = spawn(
    process.execPath,
    [join(root, "packages/language-server/bin/roll-config-language-server.js"), "--stdio"],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const uri = pathToFileURL(primary).href;
  let waiting;
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    if (p.uri === uri && waiting && p.version === waiting.version) waiting.resolve();
  });
  connection.listen();
  const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));
  try {
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(tree).href,
      workspaceFolders: [{ uri: pathToFileURL(tree).href, name: "roll" }],
      capabilities: {},
      initializationOptions: { debounceMs },
    });
    await connection.sendNotification("initialized", {});
    const text = readFileSync(primary, "utf8");
    const first = published(1);
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });
    await first;
    // Alternate between a key ROLL drops and none, on the primary's first line after `defaults`.
    const samples = [];
    for (let version = 2; version < edits + 2; version++) {
      const edited = version % 2 === 0 ? `${text}\nbench_dropped_key: 1\n` : text;
      const done = published(version);
      const t = performance.now();
      await connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ text: edited }],
      });
      await done;
      samples.push(performance.now() - t);
    }
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
    return median(samples.slice(3)); // the first edits warm the JIT
  } finally {
    connection.dispose();
    child.kill();
  }
}

export async function benchLanguageServer(root, tree, primary, time) {
  const validateMs = time(() => validateFile(primary));
  const warmMs = await editRoundTrips(root, tree, primary, 0, 25);
  const defaultDebounceMs = await editRoundTrips(root, tree, primary, 50, 15);
  return { primary, validateMs, warmMs, ratio: warmMs / validateMs, defaultDebounceMs };
}
