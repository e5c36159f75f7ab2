// Renders diagnostics for a terminal (`file:line:col: severity code: message`) or as JSON.
import type { RollDiagnostic, Severity } from "./diagnostic.js";
import type { ReleaseSource } from "./release-source.js";
import { mergeRepeats } from "./repeats.js";

export interface TextFormatOptions {
  /** ANSI colours; the CLI decides (TTY, NO_COLOR). */
  color?: boolean;
  /** Print file paths relative to this directory. */
  cwd?: string;
}

const COLOURS: Record<Severity, string> = { error: "\x1b[31m", warning: "\x1b[33m", info: "\x1b[36m" };
const BOLD = "\x1b[1m";
const DIM = "\x1b[2m";
const RESET = "\x1b[0m";

/** `file` relative to `cwd` when inside it ("." for cwd itself), else as given. */
export function relativeTo(file: string, cwd: string | undefined): string {
  if (!cwd) return file;
  if (file === cwd || `${file}/` === cwd) return ".";
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}
const relative = relativeTo;

export function formatDiagnostic(d: RollDiagnostic, options: TextFormatOptions = {}): string {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${RESET}` : text);
  const where =
    d.file !== undefined
      ? `${relative(d.file, options.cwd)}:${d.line ?? 1}:${d.column ?? 1}`
      : `<${d.path || "config"}>`;
  const paths = (d.paths ?? [d.path]).filter((p) => p !== "");
  const at = d.file !== undefined && paths.length ? paint(DIM, ` [${paths.join(", ")}]`) : "";
  return `${paint(BOLD, where)}: ${paint(COLOURS[d.severity], d.severity)} ${paint(DIM, d.code)}: ${d.message}${at}`;
}

export function summarize(diagnostics: readonly RollDiagnostic[]): string {
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info`;
}

export interface ValidationHeader {
  roll: string;
  rollDetected: boolean;
  /** What decided the release; without it, `rollDetected` alone says "(detected)". */
  rollSource?: ReleaseSource;
  pipeline: string;
  pipelineDetected: boolean;
}

/** ` (detected)`, ` (pinned in .roll-config.json)`, ` (ROLL checkout .: it has deepspeed_strategy.py)`, or "". */
export function releaseNote(
  header: Pick<ValidationHeader, "rollDetected" | "rollSource">,
  cwd?: string,
): string {
  const source = header.rollSource;
  if (!source) return header.rollDetected ? " (detected)" : "";
  switch (source.kind) {
    case "flag":
      return "";
    case "content":
      return " (detected)";
    case "pin":
      return ` (pinned in ${relative(source.file ?? "", cwd)})`;
    case "checkout":
      return ` (ROLL checkout ${relative(source.root ?? "", cwd)}: ${source.detail})`;
  }
}

/** `ROLL 0.2 (detected), pipeline rlvr (detected)`. */
export function formatHeader(header: ValidationHeader, cwd?: string): string {
  const how = (detected: boolean) => (detected ? " (detected)" : "");
  return `ROLL ${header.roll}${releaseNote(header, cwd)}, pipeline ${header.pipeline}${how(header.pipelineDetected)}`;
}

export function formatText(
  result: { diagnostics: readonly RollDiagnostic[] } & Partial<ValidationHeader>,
  options: TextFormatOptions = {},
): string {
  const lines: string[] = [];
  if (result.roll !== undefined && result.pipeline !== undefined) {
    lines.push(
      formatHeader(
        {
          roll: result.roll,
          rollDetected: result.rollDetected === true,
          ...(result.rollSource ? { rollSource: result.rollSource } : {}),
          pipeline: result.pipeline,
          pipelineDetected: result.pipelineDetected === true,
        },
        options.cwd,
      ),
    );
  }
  const findings = mergeRepeats(result.diagnostics);
  for (const d of findings) lines.push(formatDiagnostic(d, options));
  lines.push(summarize(findings));
  return `${lines.join("\n")}\n`;
}

/** `{"diagnostics": [{severity, code, message, path, file, line, column}]}`; unknown positions are null. */
export function formatJson(
  result: { diagnostics: readonly RollDiagnostic[] } & Partial<ValidationHeader>,
): string {
  const header =
    result.roll !== undefined
      ? {
          roll: result.roll,
          rollDetected: result.rollDetected,
          pipeline: result.pipeline,
          pipelineDetected: result.pipelineDetected,
        }
      : {};
  const diagnostics = result.diagnostics.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: d.message,
    path: d.path,
    file: d.file ?? null,
    line: d.line ?? null,
    column: d.column ?? null,
  }));
  return `${JSON.stringify({ ...header, diagnostics }, null, 2)}\n`;
}
