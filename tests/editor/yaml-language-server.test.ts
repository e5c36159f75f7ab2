// The shipped authoring schemas in yaml-language-server (the engine of VS Code's YAML extension), on the
// real ROLL configs of the conformance set, as a user gets them with a `$schema` modeline: completion works in
// every config, and every schema error stands on a line where `validate` also reports something. (With the
// previous root, an anyOf over pipelines, one unknown key failed every branch: no completion, no diagnostics.)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadSchema, PIPELINE_DEFINITIONS, type RollPipeline, schemaPath } from "@roll/config-types";
import { validateFile } from "@roll/config-validator";
import { ROLL_TREES } from "@roll/test-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const conformance = `${ROLL_TREES}/`;

interface IndexFile {
  env: Record<string, string>;
  results: { file: string; status: string }[];
}

const configs = (["0.2", "0.3"] as const).flatMap((release) => {
  const tree = join(conformance, `v${release}`);
  const index = JSON.parse(readFileSync(join(tree, "expected/INDEX.json"), "utf8")) as IndexFile;
  // The environment the reference outputs were recorded with (a config reads ${oc.env:WANDB_API_KEY}).
  return index.results.map((r) => ({ release, file: join(tree, r.file), status: r.status, env: index.env }));
});

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  source?: string;
}

const require = createRequire(import.meta.url);
const ylsPackage = require.resolve("yaml-language-server/package.json");
const ylsBin = join(
  dirname(ylsPackage),
  (require(ylsPackage) as { bin: Record<string, string> }).bin["yaml-language-server"]!,
);

let connection: ReturnType<typeof createMessageConnection>;
let child: ReturnType<typeof spawn>;
const published = new Map<string, LspDiagnostic[][]>();

beforeAll(async () => {
  child = spawn(process.execPath, [ylsBin, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (p: { uri: string; diagnostics: LspDiagnostic[] }) => {
      published.set(p.uri, [...(published.get(p.uri) ?? []), p.diagnostics]);
    },
  );
  connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
    params.items.map((i) => (i.section === "yaml" ? settings.yaml : null)),
  );
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(conformance).href,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  });
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("workspace/didChangeConfiguration", { settings });
});

const settings = {
  // ROLL's YAML is PyYAML's, 1.1 (yes/no/on/off are booleans), as the README tells users to set.
  yaml: {
    validate: true,
    completion: true,
    hover: true,
    yamlVersion: "1.1",
    schemaStore: { enable: false },
    schemas: {},
  },
};

afterAll(async () => {
  try {
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
  } catch {}
  connection?.dispose();
  child?.kill();
});

/** The diagnostics yaml-language-server publishes for a document, once it has settled. */
async function diagnosticsOf(uri: string): Promise<LspDiagnostic[]> {
  for (let i = 0; i < 400 && !published.has(uri); i++) await new Promise((r) => setTimeout(r, 25));
  let count = -1;
  while (count !== published.get(uri)?.length) {
    count = published.get(uri)?.length ?? 0;
    await new Promise((r) => setTimeout(r, 300));
  }
  return published.get(uri)?.at(-1) ?? [];
}

/** The lines a diagnostic spans (a node's error starts where the node does). */
function lines(d: LspDiagnostic): number[] {
  return Array.from({ length: d.range.end.line - d.range.start.line + 1 }, (_, i) => d.range.start.line + i);
}

function fields(release: "0.2" | "0.3", definition: string): string[] {
  const defs = (
    loadSchema(`roll-${release}.authoring.schema.json`) as {
      definitions: Record<string, { properties?: object }>;
    }
  ).definitions;
  return Object.keys(defs[definition]?.properties ?? {});
}

describe("yaml-language-server with the shipped authoring schemas", () => {
  it.each(configs.map((c) => [c.file.slice(conformance.length), c] as const))("%s", async (_name, config) => {
    const original = readFileSync(config.file, "utf8").replace(/\n*$/, "\n");
    const schema = pathToFileURL(schemaPath(`roll-${config.release}.authoring.schema.json`)).href;
    const modeline = `# yaml-language-server: $schema=${schema}\n`;
    const uri = pathToFileURL(config.file).href;
    // The modeline goes first (yaml-language-server reads it there): its lines are the file's plus one.
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "yaml", version: 1, text: modeline + original },
    });
    const diagnostics = await diagnosticsOf(uri);

    // Every schema error is on a line `validate` reports too (ours name 1-based lines of the same file).
    if (config.status === "ok") {
      const result = validateFile(config.file, { env: config.env });
      const reported = new Set(
        result.diagnostics.filter((d) => d.file === config.file).map((d) => (d.line ?? 0) - 1),
      );
      const unexplained = diagnostics
        .filter((d) => d.source?.startsWith("yaml-schema"))
        .filter((d) => !lines(d).some((line) => reported.has(line - 1)))
        .map((d) => `${d.range.start.line}: ${d.message}`);
      expect(unexplained).toEqual([]);
    }

    // Completion at a new top-level line: the pipeline's fields the file does not set yet.
    const pipeline = validateFile(config.file, { env: config.env }).pipeline as RollPipeline;
    const text = original.split("\n");
    const present = new Set(text.map((l) => /^([A-Za-z_]\w*)\s*:/.exec(l)?.[1]).filter(Boolean));
    const missing = fields(config.release, PIPELINE_DEFINITIONS[pipeline]).filter((k) => !present.has(k));
    const blank = text.length - 1;
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `${modeline}${original}\n` }],
    });
    const top = (await connection.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position: { line: blank + 1, character: 0 },
    })) as { items: { label: string }[] } | { label: string }[];
    const topLabels = (Array.isArray(top) ? top : top.items).map((i) => i.label);
    expect(topLabels).toEqual(expect.arrayContaining(missing.slice(0, 3)));

    // Completion inside a nested mapping: model_args offers ModelArguments fields.
    const modelArgs = text.findIndex((l) => /^ {2}model_args:\s*$/.test(l));
    if (modelArgs !== -1) {
      const edited = [...text.slice(0, modelArgs + 1), "    ", ...text.slice(modelArgs + 1)].join("\n");
      await connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: 3 },
        contentChanges: [{ text: modeline + edited }],
      });
      const nested = (await connection.sendRequest("textDocument/completion", {
        textDocument: { uri },
        position: { line: modelArgs + 2, character: 4 },
      })) as { items: { label: string }[] } | { label: string }[];
      const labels = (Array.isArray(nested) ? nested : nested.items).map((i) => i.label);
      expect(labels.some((l) => fields(config.release, "ModelArguments").includes(l))).toBe(true);
      expect(labels).not.toContain("rollout_batch_size");
    }
    await connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });
});
