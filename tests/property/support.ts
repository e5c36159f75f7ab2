// Shared pieces of the property-based suite: fast-check settings, a scratch directory, a typed tree dump that
// (unlike JSON) tells 1 from 1.0 from "1" in keys and values, and a prototype-pollution check.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Key, Node, Scalar } from "@roll/config-resolver";
import fc from "fast-check";

/** One fixed seed for the whole folder, so a CI failure replays exactly (override: FC_SEED=... npx vitest). */
export const SEED = Number(process.env.FC_SEED ?? 20261127);

/** Iteration counts, in one place so the report and the README can quote them. FC_RUNS_SCALE multiplies. */
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
export const RUNS = {
  rollEdits: Math.round(40 * scale),
  rollTruncations: Math.round(30 * scale),
  rollByteFlips: Math.round(40 * scale),
  hostileConfigs: Math.round(300 * scale),
  mutatedConfigs: Math.round(300 * scale),
  defaultsTrees: Math.round(200 * scale),
  idempotence: Math.round(250 * scale),
  noResolve: Math.round(150 * scale),
  literalIdentity: Math.round(200 * scale),
  packageIdentity: Math.round(150 * scale),
  keyOrder: Math.round(250 * scale),
  mergeKeyOrder: Math.round(150 * scale),
  yamlRoundTrip: Math.round(1000 * scale),
};

/** Per-assert parameters: fixed seed, and the run count printed so CI logs show how much was checked. */
export function params<T>(name: keyof typeof RUNS): fc.Parameters<T> {
  return { seed: SEED, numRuns: RUNS[name] };
}

export function logRuns(name: keyof typeof RUNS, extra = ""): void {
  console.log(`[property] ${name}: ${RUNS[name]} runs, seed ${SEED}${extra ? `, ${extra}` : ""}`);
}

/**
 * Case directories under one scratch root (removed by `cleanup`). A named slot is reused by every case of a
 * property (each case writes the same file names, so nothing stale remains): thousands of fresh directories
 * cost more than the resolver itself on a busy machine.
 */
export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), "roll-property-"));

  /** Writes `files` (relative path -> text) into the directory `slot` and returns that directory. */
  write(slot: string, files: Record<string, string | Uint8Array>): string {
    const dir = join(this.root, slot);
    mkdirSync(dir, { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function typedScalar(value: Scalar): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return `int(${value})`;
  if (typeof value === "number") return `float(${Object.is(value, -0) ? "-0" : String(value)})`;
  return `str${JSON.stringify(value)}`;
}

/** A dump that keeps Python types of keys and values (json.dumps writes int key 1 and str key "1" alike). */
export function typedDump(node: Node): string {
  if (node.kind === "scalar") {
    const bytes = (node as { pyType?: string }).pyType === "bytes" ? "bytes:" : "";
    return bytes + typedScalar(node.value);
  }
  if (node.kind === "list") return `[${node.items.map(typedDump).join(", ")}]`;
  const parts: string[] = [];
  for (const entry of node.entries.values())
    parts.push(`${typedScalar(entry.key as Key)}: ${typedDump(entry.node)}`);
  return `{${parts.join(", ")}}`;
}

const baselineProto = Object.getOwnPropertyNames(Object.prototype).sort().join(",");
const baselineArrayProto = Object.getOwnPropertyNames(Array.prototype).sort().join(",");

/** Whether anything wrote onto Object.prototype or Array.prototype (a `__proto__` key handled as JS data). */
export function prototypesPolluted(): boolean {
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(",") !== baselineProto) return true;
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(",") !== baselineArrayProto) return true;
  const probe: Record<string, unknown> = {};
  return probe.x !== undefined || probe.a !== undefined || probe.polluted !== undefined;
}

// --- Mutations of real ROLL configs (issue 16), shared with the language server's tests -------------------

/** One real ROLL tree: a primary config and the presets it includes (relative path -> bytes). */
export interface RollCase {
  /** Relative path of the primary config inside `files`. */
  primary: string;
  files: Record<string, Uint8Array>;
}

/** How a config was broken: which file, and the edit applied to its bytes. */
export type Mutation =
  | { kind: "edit"; file: string; at: number; remove: number; insert: string }
  | { kind: "truncate"; file: string; at: number }
  | { kind: "flip"; file: string; at: number; mask: number };

/** A YAML- and interpolation-flavoured alphabet for inserted text. */
const EDIT_TEXT = fc.constantFrom(
  ..."-:?[]{},#&*!|>'\"%@`\t\n \\$.=~\u0000é".split(""),
  "${",
  "}",
  "${oc.env:HOME}",
  "${..x}",
  "&a ",
  "*a",
  "<<: ",
  "\n  - ",
  ": ",
  "???",
  ".nan",
  "!!binary ",
  "\ud800",
);

/** Arbitrary mutations of `c`: edits, truncations or bit flips of one of its files. */
export function rollMutationArb(c: RollCase, kind: Mutation["kind"]): fc.Arbitrary<Mutation> {
  const file = fc.constantFrom(...Object.keys(c.files));
  if (kind === "truncate") return fc.record({ kind: fc.constant("truncate"), file, at: fc.nat() });
  if (kind === "flip")
    return fc.record({
      kind: fc.constant("flip"),
      file,
      at: fc.nat(),
      mask: fc.integer({ min: 1, max: 255 }),
    });
  return fc.record({
    kind: fc.constant("edit"),
    file,
    at: fc.nat(),
    remove: fc.integer({ min: 0, max: 12 }),
    insert: fc.oneof(fc.constant(""), EDIT_TEXT),
  });
}

/** The bytes of `c` after applying `mutations` in order (positions wrap around each file's length). */
export function applyMutations(c: RollCase, mutations: readonly Mutation[]): Record<string, Uint8Array> {
  const files = { ...c.files };
  for (const m of mutations) {
    const bytes = files[m.file]!;
    const at = m.at % (bytes.length + 1);
    if (m.kind === "truncate") files[m.file] = bytes.subarray(0, at);
    else if (m.kind === "flip") {
      const copy = Uint8Array.from(bytes);
      if (copy.length > 0) copy[at % copy.length]! ^= m.mask;
      files[m.file] = copy;
    } else {
      const insert = new TextEncoder().encode(m.insert);
      files[m.file] = Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + m.remove)]);
    }
  }
  return files;
}

/** What one tool made of a (possibly broken) config: a result, or a positioned error (never a crash). */
export type Outcome = { ok: true } | { ok: false; positioned: boolean; text: string };

/**
 * The "never crash" contract every consumer of a config must keep (CLI commands today, the language
 * server's diagnostics later): no internal error, no stack trace, an error names file:line:col when the
 * problem is in a file. Returns a short label for tallies; throws (fails the property) otherwise.
 */
export function checkNoCrash(what: string, outcome: Outcome): string {
  if (outcome.ok) return "ok";
  if (/internal error|Maximum call stack|\n\s+at \S+ \(/.test(outcome.text))
    throw new Error(`${what} crashed:\n${outcome.text.slice(0, 2000)}`);
  return outcome.positioned ? "positioned error" : "unpositioned error";
}
