// Renders a batch (batch.ts) for people (text), programs (json), code scanning (sarif.ts) and GitHub
// Actions annotations (github). Paths are relative to `cwd` when inside it.
import type { BatchFile, BatchResult } from "./batch.js";
import type { RollDiagnostic, Severity } from "./diagnostic.js";
import { formatDiagnostic, formatHeader, relativeTo, type TextFormatOptions } from "./format.js";
import type { ReleaseSource } from "./release-source.js";

/** Absolute paths under `cwd` inside a message (the resolver's errors name files absolutely) made relative. */
export function relativeMessage(message: string, cwd: string | undefined): string {
  if (!cwd) return message;
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return message.replace(new RegExp(`(^|[\\s"'(])${escaped}`, "g"), "$1");
}

/** The batch with every message's paths relative to `cwd`. */
export function relativeMessages(result: BatchResult, cwd: string | undefined): BatchResult {
  return {
    ...result,
    files: result.files.map((f) => ({
      ...f,
      diagnostics: f.diagnostics.map((d) => ({ ...d, message: relativeMessage(d.message, cwd) })),
    })),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function totals(files: readonly BatchFile[]): Record<Severity, number> {
  const sum = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const s of ["error", "warning", "info"] as const) sum[s] += f.counts[s];
  return sum;
}

/** Without info findings (`--quiet`): counts follow. */
export function withoutInfo(result: BatchResult): BatchResult {
  return {
    ...result,
    files: result.files.map((f) => ({
      ...f,
      diagnostics: f.diagnostics.filter((d) => d.severity !== "info"),
      counts: { ...f.counts, info: 0 },
    })),
  };
}

export interface BatchTextOptions extends TextFormatOptions {
  /** Leave out files without findings. */
  onlyWithFindings?: boolean;
}

/** Per file: `FILE: ROLL 0.2 (…), pipeline rlvr (detected)` then its findings; then `N files, N errors, N warnings`. */
export function formatBatchText(result: BatchResult, options: BatchTextOptions = {}): string {
  const groups: string[] = [];
  for (const f of result.files) {
    if (options.onlyWithFindings && f.diagnostics.length === 0) continue;
    const header = `${relativeTo(f.file, options.cwd)}: ${formatHeader({ ...f, rollDetected: f.rollSource.kind !== "flag" }, options.cwd)}`;
    groups.push([header, ...f.diagnostics.map((d) => formatDiagnostic(d, options))].join("\n"));
  }
  const sum = totals(result.files);
  const summary = `${plural(result.files.length, "file")}, ${plural(sum.error, "error")}, ${plural(sum.warning, "warning")}`;
  return `${[...groups, summary].join("\n\n")}\n`;
}

function sourceJson(source: ReleaseSource, cwd: string | undefined) {
  return {
    kind: source.kind,
    ...(source.file ? { file: relativeTo(source.file, cwd) } : {}),
    ...(source.detail ? { detail: source.detail } : {}),
  };
}

function diagnosticJson(d: RollDiagnostic, config: string, cwd: string | undefined) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    path: d.path,
    file: relativeTo(d.file ?? config, cwd),
    line: d.line ?? null,
    column: d.column ?? null,
    paths: d.paths ?? [d.path],
    config: relativeTo(config, cwd),
  };
}

/** `{"files": [{file, roll, pipeline, errors, warnings, rollSource}], "diagnostics": [...]}`. */
export function formatBatchJson(result: BatchResult, options: { cwd?: string } = {}): string {
  const { cwd } = options;
  const files = result.files.map((f) => ({
    file: relativeTo(f.file, cwd),
    roll: f.roll,
    pipeline: f.pipeline,
    errors: f.counts.error,
    warnings: f.counts.warning,
    rollSource: sourceJson(f.rollSource, cwd),
  }));
  const diagnostics = result.files.flatMap((f) => f.diagnostics.map((d) => diagnosticJson(d, f.file, cwd)));
  return `${JSON.stringify({ files, diagnostics }, null, 2)}\n`;
}

// GitHub workflow commands: data escapes %, CR, LF; properties also `:` and `,`.
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** `::error file=F,line=L,col=C,title=CODE::message [paths]`, one per finding (info: `::notice`). */
export function formatGithub(result: BatchResult, options: { cwd?: string } = {}): string {
  const lines: string[] = [];
  for (const f of result.files) {
    for (const d of f.diagnostics) {
      const file = relativeTo(d.file ?? f.file, options.cwd);
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${d.line ?? 1}`,
        `col=${d.column ?? 1}`,
        `title=${escapeProperty(d.code)}`,
      ].join(",");
      const paths = (d.paths ?? [d.path]).filter((p) => p !== "");
      const at = paths.length ? ` [${paths.join(", ")}]` : "";
      lines.push(`::${COMMAND[d.severity]} ${props}::${escapeData(`${d.message}${at}`)}`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
