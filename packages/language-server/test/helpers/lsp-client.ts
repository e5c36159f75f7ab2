// A real LSP client for the tests: the server runs as its own process (from source, through tsx) and is
// driven over stdio with vscode-jsonrpc, as an editor would.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const bin = fileURLToPath(new URL("../../src/bin.ts", import.meta.url));

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    severity?: number;
    code?: string | number;
    source?: string;
    message: string;
    data?: unknown;
  }[];
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishedDiagnostics[] = [];
  private readonly waiters: {
    test: (p: PublishedDiagnostics) => boolean;
    done: (p: PublishedDiagnostics) => void;
  }[] = [];
  stderr = "";

  constructor() {
    // cwd = the repository: tsx maps @roll/* to the packages' sources through tsconfig.json "paths".
    this.process = spawn(process.execPath, ["--import", "tsx", bin, "--stdio"], {
      cwd: repo,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.process.stderr!.on("data", (chunk) => {
      this.stderr += String(chunk);
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishedDiagnostics) => {
      this.published.push(p);
      for (const w of [...this.waiters]) {
        if (w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.done(p);
        }
      }
    });
    this.connection.listen();
  }

  /** The latest diagnostics published for `uri` (undefined before the first). */
  latest(uri: string): PublishedDiagnostics | undefined {
    return this.published.filter((p) => p.uri === uri).at(-1);
  }

  /** Resolves with the next publish for `uri` that satisfies `test` (a publish already received counts if
   * `since` is before it). */
  nextDiagnostics(
    uri: string,
    test: (p: PublishedDiagnostics) => boolean = () => true,
    since = this.published.length,
  ): Promise<PublishedDiagnostics> {
    const already = this.published.slice(since).find((p) => p.uri === uri && test(p));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics for ${uri}; stderr:\n${this.stderr}`)),
        20_000,
      );
      this.waiters.push({
        test: (p) => p.uri === uri && test(p),
        done: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.request("shutdown", null);
      await this.notify("exit", null);
    } catch {}
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 5000);
      this.process.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
