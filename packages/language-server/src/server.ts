// The LSP wiring: documents, debounced re-checks, and the feature handlers. Every handler is guarded: a
// failure answers "nothing" and is logged, never a crash (half-typed YAML is the normal case in an editor).
import { fileURLToPath } from "node:url";
import {
  type Connection,
  createConnection,
  type InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions, completion, definition, fileUri, hover, toLspDiagnostic } from "./features.js";
import { Project, realOrSelf } from "./project.js";

export interface ServerOptions {
  /** A connection to serve on; default: from the process arguments (--stdio, --node-ipc, --socket=N). */
  connection?: Connection;
}

/** Initialization options a client may send. */
export interface InitializationOptions {
  /** Milliseconds between the last edit and the re-check (default 50). */
  debounceMs?: number;
}

export function startServer(options: ServerOptions = {}): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  /** Open documents by real path (the resolver names files by real path). */
  const openByFile = new Map<string, TextDocument>();
  let project: Project | undefined;
  let debounceMs = 50;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  /** What was last published per file, to send only changes (and [] when a file's findings are gone). */
  const published = new Map<string, string>();

  const fileOf = (uri: string): string | undefined => {
    if (!uri.startsWith("file:")) return undefined;
    return realOrSelf(fileURLToPath(uri));
  };
  const linesOf = (file: string): string[] => (project?.textOf(file) ?? "").split(/\r?\n/);

  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      return fallback;
    }
  };

  const publish = (force: ReadonlySet<string>) => {
    if (!project) return;
    const byFile = project.diagnosticsByFile();
    const files = new Set([...published.keys(), ...byFile.keys()]);
    for (const file of files) {
      const lines = linesOf(file);
      const diagnostics = (byFile.get(file) ?? []).map((d) => toLspDiagnostic(d, lines));
      const text = JSON.stringify(diagnostics);
      if (published.get(file) === text && !force.has(file)) continue;
      if (diagnostics.length === 0) published.delete(file);
      else published.set(file, text);
      const doc = openByFile.get(file);
      void connection.sendDiagnostics({
        uri: doc?.uri ?? fileUri(file),
        ...(doc ? { version: doc.version } : {}),
        diagnostics,
      });
    }
  };

  /** Re-checks every primary the pending files affect, then publishes. */
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!project || pending.size === 0) return;
    const changed = new Set(pending);
    pending.clear();
    guard("re-check", undefined, () => {
      const primaries = new Set<string>();
      for (const file of changed) {
        const affected = project!.affected(file);
        if (affected.length === 0) project!.consider(file);
        for (const p of affected) primaries.add(p);
      }
      for (const primary of primaries) project!.analyze(primary);
      publish(changed);
    });
  };

  const schedule = (file: string) => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  /** A request about `file` sees its latest text: run a pending re-check of it now. */
  const fresh = (file: string) => {
    if (pending.has(file)) flush();
  };

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof init.debounceMs === "number" && init.debounceMs >= 0) debounceMs = init.debounceMs;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = folder ? fileOf(folder) : undefined;
    project = new Project({
      ...(root ? { root } : {}),
      readText: (file) => openByFile.get(file)?.getText(),
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ["/"] },
        codeActionProvider: { codeActionKinds: ["quickfix"] },
      },
      serverInfo: { name: "roll-config-language-server" },
    };
  });

  connection.onInitialized(() => {
    guard("workspace scan", undefined, () => {
      project?.scan();
      publish(new Set());
    });
  });

  documents.onDidOpen(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    openByFile.set(file, document); // onDidChangeContent follows and schedules the check
  });
  documents.onDidChangeContent(({ document }) => {
    const file = fileOf(document.uri);
    if (!file || !openByFile.has(file)) return;
    schedule(file);
  });
  documents.onDidClose(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    openByFile.delete(file);
    schedule(file); // back to the disk's content
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const file = fileOf(change.uri);
      if (file && !openByFile.has(file)) schedule(file);
    }
  });

  connection.onHover(({ textDocument, position }) =>
    guard("hover", null, () => {
      const file = fileOf(textDocument.uri);
      if (!file || !project) return null;
      fresh(file);
      return hover(project, file, linesOf(file), position);
    }),
  );
  connection.onDefinition(({ textDocument, position }) =>
    guard("definition", null, () => {
      const file = fileOf(textDocument.uri);
      if (!file || !project) return null;
      fresh(file);
      return definition(project, file, linesOf(file), position);
    }),
  );
  connection.onCompletion(({ textDocument, position }) =>
    guard("completion", [], () => {
      const file = fileOf(textDocument.uri);
      if (!file || !project) return [];
      fresh(file);
      return completion(project, file, linesOf(file), position);
    }),
  );
  connection.onCodeAction(({ textDocument, context }) =>
    guard("code action", [], () => {
      const file = fileOf(textDocument.uri);
      if (!file) return [];
      return codeActions(textDocument.uri, linesOf(file), context.diagnostics);
    }),
  );
  connection.onShutdown(() => {
    if (timer) clearTimeout(timer);
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
