// `explain`: the final value at a dotted key and the chain of YAML lines that set, overrode or
// interpolated it, from the resolver's provenance (pos, overrode, via).
import { readFileSync } from "node:fs";
import type { ResolveResult, SourcePos } from "@roll/config-resolver";
import { toPlain } from "@roll/config-resolver";
import { type ConfigPath, dotted } from "./diagnostic.js";
import { ConfigView, nodesAlong, positionOf, segmentsOf } from "./node-tree.js";

export type ExplainAction = "set" | "overrode" | "interpolated";

export interface ExplainStep {
  action: ExplainAction;
  file: string;
  line: number;
  column: number;
  /** The source line, trimmed. */
  source?: string;
}

export interface Explanation {
  key: string;
  found: boolean;
  value?: unknown;
  /** In the order things happened: first setting, overrides, then the interpolations that carried it. */
  steps: ExplainStep[];
}

/**
 * `key`: path segments, in which a key containing "." is one segment, or dotted (the CLI's form), read
 * against the keys the config holds (`generating_args.a.b` finds a key "a.b").
 */
export function explain(
  source: Pick<ResolveResult, "config"> | ConfigView,
  key: string | ConfigPath,
): Explanation {
  const view = viewOf(source);
  const path = keyPath(view, key);
  const dottedKey = typeof key === "string" ? key : dotted(key);
  const chain = nodesAlong(view.root, path);
  if (chain.length !== path.length + 1) return { key: dottedKey, found: false, steps: [] };
  const target = chain[chain.length - 1]!;
  const written = positionOf(target);
  const history = [...(target.node.overrode ?? []), ...(written ? [written] : [])];
  const steps: ExplainStep[] = history.map((pos, i) => step(i === 0 ? "set" : "overrode", pos));
  // Interpolations crossed on the way down, innermost (closest to the value) first: the order they applied.
  const via = chain.flatMap((at) => at.node.via ?? []).reverse();
  const seen = new Set<string>();
  for (const pos of via) {
    const id = `${pos.file}:${pos.line}:${pos.column}`;
    if (seen.has(id)) continue;
    seen.add(id);
    steps.push(step("interpolated", pos));
  }
  return { key: dottedKey, found: true, value: toPlain(target.node), steps };
}

const viewOf = (source: Pick<ResolveResult, "config"> | ConfigView) =>
  source instanceof ConfigView ? source : new ConfigView(source.config, "");

/** The segments `explain` reads a key as (a dotted key against the keys the config holds). */
export function keyPath(
  source: Pick<ResolveResult, "config"> | ConfigView,
  key: string | ConfigPath,
): ConfigPath {
  return typeof key !== "string" ? key : segmentsOf(viewOf(source).plain, key);
}

const lineCache = new Map<string, string[] | null>();

function sourceLine(pos: SourcePos): string | undefined {
  if (!lineCache.has(pos.file)) {
    try {
      lineCache.set(pos.file, readFileSync(pos.file, "utf8").split(/\r?\n/));
    } catch {
      lineCache.set(pos.file, null);
    }
  }
  return lineCache.get(pos.file)?.[pos.line - 1]?.trim();
}

function step(action: ExplainAction, pos: SourcePos): ExplainStep {
  const source = sourceLine(pos);
  return {
    action,
    file: pos.file,
    line: pos.line,
    column: pos.column,
    ...(source !== undefined ? { source } : {}),
  };
}

function showValue(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v));
}

/** Text for a terminal: `key = value`, then one line per step. */
export function formatExplanation(explanation: Explanation, options: { cwd?: string } = {}): string {
  if (!explanation.found) return `${explanation.key}: not found in the resolved config\n`;
  const prefix = options.cwd ? `${options.cwd.replace(/\/$/, "")}/` : undefined;
  const where = (s: ExplainStep) =>
    `${prefix && s.file.startsWith(prefix) ? s.file.slice(prefix.length) : s.file}:${s.line}:${s.column}`;
  const lines = [`${explanation.key} = ${showValue(explanation.value)}`];
  for (const s of explanation.steps) {
    lines.push(`  ${s.action.padEnd(12)} ${where(s)}${s.source ? `  ${s.source}` : ""}`);
  }
  if (explanation.steps.length === 0)
    lines.push("  (no source position: set on the command line or by a resolver)");
  return `${lines.join("\n")}\n`;
}
