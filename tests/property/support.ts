// Shared pieces of the property-based suite: fast-check settings, a scratch directory, a typed tree dump that
// (unlike JSON) tells 1 from 1.0 from "1" in keys and values, and a prototype-pollution check.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Key, Node, Scalar } from "@roll/config-resolver";
import type fc from "fast-check";

/** One fixed seed for the whole folder, so a CI failure replays exactly (override: FC_SEED=... npx vitest). */
export const SEED = Number(process.env.FC_SEED ?? 20261127);

/** Iteration counts, in one place so the report and the README can quote them. FC_RUNS_SCALE multiplies. */
const scale = Number(process.env.FC_RUNS_SCALE ?? 1);
export const RUNS = {
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
