// The diagnostic shape of @roll/deepspeed (codes `ds/...`; ours are `roll/...`), plus where in the YAML the
// value was written. `path` is dotted from the ROLL config's root, for people; placing a finding uses the
// node it was made at (a rule's finding) or the segments it was made with (a key containing "." is one
// segment), kept beside it.
import type { Diagnostic, Severity } from "@roll/deepspeed";
import type { ConfigNode, Spot } from "./node-tree.js";

export type { Diagnostic, Severity };

export interface RollDiagnostic extends Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  /** Interpolation sites the value was reached through, outermost first (named in the message too). */
  via?: readonly { file: string; line: number; column: number; expression?: string }[];
  /** Every config path the finding holds for, when one finding repeats for several (see repeats.ts). */
  paths?: readonly string[];
}

export type ConfigPath = readonly (string | number)[];

export function dotted(path: ConfigPath): string {
  return path.join(".");
}

/** What a finding is about: the value at its path, or the key that names it (a dropped key). */
export type Subject = "value" | "key";

export interface Target {
  path: ConfigPath;
  subject: Subject;
  /** The node the finding was made at: placed from it, with no lookup. */
  spot?: Spot;
}

const TARGETS = new WeakMap<RollDiagnostic, Target>();

/** A finding made at a node of the view (`node.spot(...)` when it is about a key that does not exist). */
export function diagnostic(
  severity: Severity,
  code: string,
  at: ConfigNode | Spot,
  message: string,
  subject: Subject = "value",
): RollDiagnostic {
  const spot = "missing" in at ? at : { node: at, missing: [] };
  const path = [...spot.node.path, ...spot.missing];
  return withTarget({ severity, code, message, path: dotted(path) }, path, subject, spot);
}

/** Records the segments a diagnostic was made with (and the node, when known); returns it. */
export function withTarget<T extends RollDiagnostic>(
  d: T,
  path: ConfigPath,
  subject: Subject = "value",
  spot?: Spot,
): T {
  TARGETS.set(d, spot ? { path, subject, spot } : { path, subject });
  return d;
}

/** The segments and subject a diagnostic was made with (undefined for one made elsewhere). */
export function targetOf(d: RollDiagnostic): Target | undefined {
  return TARGETS.get(d);
}

/** `to` (a copy of `from`, placed or merged) keeps the segments `from` was made with; returns `to`. */
export function sameTarget<T extends RollDiagnostic>(from: RollDiagnostic, to: T): T {
  const target = TARGETS.get(from);
  if (target) TARGETS.set(to, target);
  return to;
}
