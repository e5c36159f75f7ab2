// Hover, go to definition, completion and code actions, computed from the project's last good compositions.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { type SourcePos, toPythonJson } from "@roll/config-resolver";
import { explain, positionOf, type RollDiagnostic, targetOf } from "@roll/config-validator";
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  type Location,
  MarkupKind,
  type Position,
  type Range,
  type TextEdit,
} from "vscode-languageserver";
import { type Composition, type Project, readerKey, realOrSelf } from "./project.js";
import type { SchemaEntry } from "./schema-nav.js";
import {
  interpolationAt,
  interpolationTarget,
  keyPathAt,
  lineInfo,
  parentPath,
  type Segment,
} from "./yaml-text.js";

export const SOURCE = "roll-config";

/** LSP columns count UTF-16 code units; the resolver's (like PyYAML's) count code points, 1-based. */
export function utf16Column(lineText: string, codePointColumn: number): number {
  let units = 0;
  let points = 1;
  for (const ch of lineText) {
    if (points >= codePointColumn) break;
    units += ch.length;
    points += 1;
  }
  return units;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

function location(project: Project, pos: SourcePos): Location {
  const line = project.textOf(pos.file)?.split(/\r?\n/)[pos.line - 1] ?? "";
  const character = utf16Column(line, pos.column);
  const position = { line: pos.line - 1, character };
  return { uri: fileUri(pos.file), range: { start: position, end: position } };
}

/** The range of `key` written on a line (block `key:` or inside a flow mapping), the last one before `before`. */
export function keyRange(
  text: string,
  key: string,
  before = text.length,
): { start: number; end: number } | undefined {
  const info = lineInfo(text);
  if (info.key === key && info.keyStart !== undefined) return { start: info.keyStart, end: info.keyEnd! };
  let found: { start: number; end: number } | undefined;
  for (const m of text.matchAll(/([{,]\s*)(["']?)([^"',{}:]+)\2\s*:/g)) {
    const start = m.index! + m[1]!.length;
    if (m[3]!.trim() === key && start <= before)
      found = { start, end: start + m[2]!.length * 2 + m[3]!.length };
  }
  return found;
}

/** An LSP diagnostic for a finding: the key it is about when the line holds it, else the value's text. */
export function toLspDiagnostic(d: RollDiagnostic, lines: readonly string[]): Diagnostic {
  const line = Math.max(0, (d.line ?? 1) - 1);
  const text = lines[line] ?? "";
  // The key a finding is about is its last segment (a key containing "." is one), not a dotted tail.
  const target = targetOf(d);
  const lastSegment = String(target?.path.at(-1) ?? "");
  let start = utf16Column(text, d.column ?? 1);
  const key = target?.subject === "key" ? keyRange(text, lastSegment, start) : undefined;
  let end: number;
  if (key) {
    start = key.start;
    end = key.end;
  } else {
    const token = /^(?:"[^"]*"|'[^']*'|[^\s,}\]]*)/.exec(text.slice(start))![0];
    end = start + Math.max(token.length, 1);
  }
  const severity =
    d.severity === "error"
      ? DiagnosticSeverity.Error
      : d.severity === "warning"
        ? DiagnosticSeverity.Warning
        : DiagnosticSeverity.Information;
  const suggestion = /Did you mean "([^"]+)"\?/.exec(d.message)?.[1];
  return {
    range: {
      start: { line, character: start },
      end: { line, character: Math.min(end, Math.max(text.length, start)) },
    },
    severity,
    code: d.code,
    source: SOURCE,
    message: d.message,
    data: { path: d.path, key: lastSegment, ...(suggestion ? { suggestion } : {}) },
  };
}

/** The composed path of the key on `line` of `file`, and the file's context. */
function contextAt(project: Project, file: string, lines: string[], line: number) {
  const ctx = project.contextFor(file);
  if (!ctx) return undefined;
  const local = keyPathAt(lines, line);
  return { ...ctx, local, composed: local ? [...ctx.pkg, ...local] : undefined };
}

function show(project: Project, pos: { file: string; line: number; column: number }): string {
  const root = project.options.root;
  const rel = root ? relative(root, pos.file) : pos.file;
  const name = rel.startsWith("..") ? pos.file : rel;
  return `[${name}:${pos.line}:${pos.column}](${fileUri(pos.file)}#L${pos.line})`;
}

function valueText(json: string): string {
  return json.length > 600 ? `${json.slice(0, 600)}\n…` : json;
}

function explainMarkdown(
  project: Project,
  composition: NonNullable<ReturnType<Project["contextFor"]>>["composition"],
  path: Segment[],
): string | undefined {
  const dotted = path.join(".");
  const found = composition.view.at(path);
  if (!found) return undefined;
  const explanation = explain(composition.view, path);
  const json = valueText(toPythonJson(found.node));
  const lines = [
    found.node.kind === "scalar" && !json.includes("`")
      ? `**${dotted}** = \`${json}\``
      : `**${dotted}** =\n\n\`\`\`json\n${json}\n\`\`\``,
  ];
  const about = composition.schema?.describe(path, (p) => composition.view.valueAt(p));
  if (about?.pythonType) lines.push(`\`${about.pythonType}\``);
  if (about?.description) lines.push(about.description);
  const steps = explanation.steps.map((s) => `- ${s.action} at ${show(project, s)}`);
  if (steps.length === 0) steps.push("- set on the command line or by a resolver");
  lines.push(steps.join("\n"));
  return lines.join("\n\n");
}

export function hover(project: Project, file: string, lines: string[], position: Position): Hover | null {
  const at = contextAt(project, file, lines, position.line);
  if (!at) return null;
  const text = lines[position.line] ?? "";
  const interpolation = interpolationAt(text, position.character);
  if (interpolation && at.composed) {
    const target = interpolationTarget(interpolation.expression, at.composed);
    const markdown = target && explainMarkdown(project, at.composition, target);
    if (!markdown) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: `\`\${${interpolation.expression}}\` reads ${markdown}` },
      range: {
        start: { line: position.line, character: interpolation.start },
        end: { line: position.line, character: interpolation.end },
      },
    };
  }
  if (!at.composed || at.local?.[0] === "defaults" || at.local?.[0] === "hydra") return null;
  const markdown = explainMarkdown(project, at.composition, at.composed);
  if (!markdown) return null;
  const info = lineInfo(text);
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: {
      start: { line: position.line, character: info.keyStart ?? 0 },
      end: { line: position.line, character: info.keyEnd ?? text.length },
    },
  };
}

/** The file a defaults-list entry loads (`../config/x@_here_`, `group: option`, `_self_`). */
export function defaultsTarget(file: string, primary: string, entry: string): string | undefined {
  const text = entry.trim();
  if (text === "_self_") return file;
  const configDir = dirname(primary);
  const parentGroup = relative(configDir, dirname(file));
  const m = /^(?:(?:override|optional)\s+)*([^:@\s]+)(?:@[^:\s]*)?(?:\s*:\s*([^@\s#]+))?/.exec(text);
  if (!m) return undefined;
  const [, first, option] = m;
  const path = option ? `${first}/${option}` : first!;
  const base = path.startsWith("/") ? path.slice(1) : parentGroup ? `${parentGroup}/${path}` : path;
  const withExt = /\.ya?ml$/.test(base) ? base : `${base}.yaml`;
  const target = join(configDir, withExt);
  return existsSync(target) ? realOrSelf(target) : undefined;
}

function primaryFor(project: Project, file: string): string | undefined {
  const real = realOrSelf(file);
  if (project.analyses.has(real)) return real;
  for (const a of project.analyses.values()) if (a.files.has(real)) return a.primary;
  return undefined;
}

export function definition(
  project: Project,
  file: string,
  lines: string[],
  position: Position,
): Location | null {
  const text = lines[position.line] ?? "";
  const info = lineInfo(text);
  // A defaults-list entry: the file it loads.
  if (info.dash) {
    const path = parentPath(lines, position.line, info.indent, true);
    if (path.length === 1 && path[0] === "defaults") {
      const primary = primaryFor(project, file) ?? file;
      const entry = info.key !== undefined ? `${info.key}: ${info.value ?? ""}` : (info.value ?? "");
      const target = defaultsTarget(realOrSelf(file), primary, entry);
      if (!target) return null;
      const start = { line: 0, character: 0 };
      return { uri: fileUri(target), range: { start, end: start } };
    }
  }
  const at = contextAt(project, file, lines, position.line);
  if (!at?.composed) return null;
  const interpolation = interpolationAt(text, position.character);
  if (interpolation) {
    const target = interpolationTarget(interpolation.expression, at.composed);
    const found = target && at.composition.composed.at(target);
    const pos = found && positionOf(found);
    return pos ? location(project, pos) : null;
  }
  // A key or value: the node that finally set it.
  const explanation = explain(at.composition.view, at.composed);
  const setters = explanation.steps.filter((s) => s.action !== "interpolated");
  const last = setters[setters.length - 1];
  return last ? location(project, last) : null;
}

function yamlScalar(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return /^[\w./-]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

export function completion(
  project: Project,
  file: string,
  lines: string[],
  position: Position,
): CompletionItem[] {
  const text = lines[position.line] ?? "";
  const prefix = text.slice(0, position.character);
  const ctx = project.contextFor(file);
  const keyOnly = /^(\s*)((?:- )?)([^:#]*)$/.exec(prefix);
  if (keyOnly) {
    const column = keyOnly[1]!.length;
    const isItem = keyOnly[2] !== "";
    const parent = parentPath(lines, position.line, column, isItem);
    if (parent.length === 1 && parent[0] === "defaults" && isItem) {
      return defaultsCompletions(project, file, position, column + 2, keyOnly[3]!);
    }
    if (!ctx?.composition.schema) return [];
    // `- ke|` starts a mapping inside a list: any item's schema will do (the first).
    const path = isItem ? [...ctx.pkg, ...parent, 0] : [...ctx.pkg, ...parent];
    const keys = keysThrough(ctx.composition, path);
    return [...keys].map(([key, sub], i) => ({
      label: key,
      kind: CompletionItemKind.Property,
      insertText: `${key}: `,
      sortText: String(i).padStart(4, "0"),
      ...(sub["x-python-type"] ? { detail: sub["x-python-type"] } : {}),
      ...(sub.description ? { documentation: sub.description } : {}),
      ...(sub.deprecated ? { tags: [1] } : {}),
    }));
  }
  const keyValue = /^(\s*)((?:- )?)([^:#]+):\s*([^#]*)$/.exec(prefix);
  if (keyValue && ctx?.composition.schema) {
    const info = lineInfo(text);
    const local = keyPathAt(lines, position.line);
    if (!local || info.key === undefined) return [];
    const { schema, view } = ctx.composition;
    const values = schemaPaths(ctx.composition, [...ctx.pkg, ...local]).flatMap((p) =>
      schema.valuesAt(p, (q) => view.valueAt(q)),
    );
    return values.map((v) => ({ label: yamlScalar(v), kind: CompletionItemKind.EnumMember }));
  }
  return [];
}

/**
 * The path itself, and where a `${...}` carries it: a preset's `deepspeed_zero3.zero_optimization` is
 * also `actor_train.strategy_args.strategy_config.zero_optimization` when `strategy_config: ${deepspeed_zero3}`.
 */
function schemaPaths(composition: Composition, path: Segment[]): Segment[][] {
  const out = [path];
  for (let n = path.length; n > 0; n--) {
    for (const reader of composition.readers.get(readerKey(path.slice(0, n))) ?? []) {
      out.push([...reader, ...path.slice(n)]);
    }
  }
  return out;
}

function keysThrough(composition: Composition, path: Segment[]): Map<string, SchemaEntry> {
  const { schema, view } = composition;
  const keys = new Map<string, SchemaEntry>();
  if (!schema) return keys;
  for (const p of schemaPaths(composition, path)) {
    for (const [k, v] of schema.keysAt(p, (q) => view.valueAt(q))) if (!keys.has(k)) keys.set(k, v);
  }
  return keys;
}

function defaultsCompletions(
  project: Project,
  file: string,
  position: Position,
  start: number,
  typed: string,
): CompletionItem[] {
  const dir = dirname(realOrSelf(file));
  const dirs = new Set(project.presetFiles().map((f) => dirname(f)));
  const options = new Set<string>();
  for (const d of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(d);
    } catch {}
    for (const name of names) if (/\.ya?ml$/.test(name)) options.add(join(d, name));
  }
  const range: Range = {
    start: { line: position.line, character: start },
    end: { line: position.line, character: start + typed.length },
  };
  return [...options].sort().map((target) => {
    const rel = relative(dir, target).replace(/\.yaml$/, "");
    const entry = `${rel}@_here_`;
    const edit: TextEdit = { range, newText: entry };
    return {
      label: rel.split("/").pop()!,
      kind: CompletionItemKind.File,
      detail: entry,
      filterText: entry,
      textEdit: edit,
    };
  });
}

export function codeActions(uri: string, lines: string[], diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== SOURCE || d.code !== "roll/unknown-key") continue;
    const line = d.range.start.line;
    const text = lines[line] ?? "";
    const data = d.data as { key?: string; suggestion?: string } | undefined;
    const key = data?.key;
    const range = key === undefined ? undefined : keyRange(text, key, d.range.start.character);
    if (!key || !range) continue;
    if (data?.suggestion) {
      actions.push({
        title: `Rename '${key}' to '${data.suggestion}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: {
          changes: {
            [uri]: [
              {
                range: { start: { line, character: range.start }, end: { line, character: range.end } },
                newText: data.suggestion,
              },
            ],
          },
        },
      });
    }
    const info = lineInfo(text);
    if (info.key !== key || info.dash) continue; // removal is offered for block-style keys
    // The key's block: every following line indented deeper (blank lines inside it included).
    let end = line + 1;
    for (let i = line + 1; i < lines.length; i++) {
      const next = lineInfo(lines[i] ?? "");
      if (next.indent === -1) continue;
      if (next.indent <= info.indent) break;
      end = i + 1;
    }
    actions.push({
      title: `Remove '${key}' (ROLL drops it)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        changes: {
          [uri]: [
            { range: { start: { line, character: 0 }, end: { line: end, character: 0 } }, newText: "" },
          ],
        },
      },
    });
  }
  return actions;
}
