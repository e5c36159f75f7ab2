// Renders diagnostics for a terminal (`file:line:col: severity code: message`) or as JSON.
import type { RollDiagnostic, Severity } from "./diagnostic.js";

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

function relative(file: string, cwd: string | undefined): string {
  if (!cwd) return file;
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

export function formatDiagnostic(d: RollDiagnostic, options: TextFormatOptions = {}): string {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${RESET}` : text);
  const where =
    d.file !== undefined
      ? `${relative(d.file, options.cwd)}:${d.line ?? 1}:${d.column ?? 1}`
      : `<${d.path || "config"}>`;
  const at = d.file !== undefined && d.path ? paint(DIM, ` [${d.path}]`) : "";
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
  pipeline: string;
  pipelineDetected: boolean;
}

export function formatText(
  result: { diagnostics: readonly RollDiagnostic[] } & Partial<ValidationHeader>,
  options: TextFormatOptions = {},
): string {
  const lines: string[] = [];
  if (result.roll !== undefined && result.pipeline !== undefined) {
    const how = (detected: boolean | undefined) => (detected ? " (detected)" : "");
    lines.push(
      `ROLL ${result.roll}${how(result.rollDetected)}, pipeline ${result.pipeline}${how(result.pipelineDetected)}`,
    );
  }
  for (const d of result.diagnostics) lines.push(formatDiagnostic(d, options));
  lines.push(summarize(result.diagnostics));
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
