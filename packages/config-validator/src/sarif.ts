// SARIF 2.1.0 for code scanning (GitHub's upload-sarif): one rule per diagnostic code, with the help line
// the package READMEs give it; one result per finding, located at the line that wrote the value.
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { BatchResult } from "./batch.js";
import type { Severity } from "./diagnostic.js";
import { RULE_HELP } from "./generated/rule-help.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export interface SarifOptions {
  /** Artifact URIs are relative to this directory (%SRCROOT%) when inside it. */
  cwd: string;
  toolVersion?: string;
}

function artifactLocation(file: string, cwd: string) {
  const rel = relative(cwd, file);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function defaultLevel(code: string): "error" | "warning" | "note" {
  const severity = RULE_HELP[code]?.severity ?? "error";
  return severity.startsWith("info") ? "note" : severity.startsWith("warning") ? "warning" : "error";
}

export function formatSarif(result: BatchResult, options: SarifOptions): string {
  const codes = [...new Set(result.files.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort();
  const rules = codes.map((code) => {
    const help = RULE_HELP[code]?.help ?? code;
    return {
      id: code,
      shortDescription: { text: help },
      help: { text: help },
      defaultConfiguration: { level: defaultLevel(code) },
    };
  });
  const results = result.files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const paths = (d.paths ?? [d.path]).filter((p) => p !== "");
      return {
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code),
        level: LEVEL[d.severity],
        message: { text: paths.length ? `${d.message} [${paths.join(", ")}]` : d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(d.file ?? f.file, options.cwd),
              region: { startLine: d.line ?? 1, startColumn: d.column ?? 1 },
            },
          },
        ],
        properties: { config: artifactLocation(f.file, options.cwd).uri, paths },
      };
    }),
  );
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "roll-config",
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            informationUri: "https://github.com/roll-config/roll-config",
            rules,
          },
        },
        originalUriBaseIds: {
          "%SRCROOT%": {
            uri: pathToFileURL(options.cwd.endsWith(sep) ? options.cwd : `${options.cwd}${sep}`).href,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
