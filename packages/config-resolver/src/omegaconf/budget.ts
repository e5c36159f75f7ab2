// Budgets on what one resolution may produce. OmegaConf has none: `s1: ${s0}${s0}`, `s2: ${s1}${s1}`, …
// doubles a string at each level, and a list of two `${t0}` at each level doubles a subtree, until memory
// runs out. Each limit is far above any real ROLL config (README "Limits") and is checked as the work is
// done, so a hostile config fails in milliseconds, at the interpolation that crossed the limit.
import { ConfigError } from "../errors.js";
import type { SourcePos } from "../model.js";

export interface Limits {
  /** Longest string one interpolation may produce (`${a}${b}`, `x_${a}`), in UTF-16 code units. */
  stringLength: number;
  /** Nodes the resolution may copy because an interpolation points at a container (`x: ${sub}`). */
  copiedNodes: number;
  /** Total work of one resolution: interpolations evaluated + nodes written + characters built. */
  work: number;
  /** Interpolations evaluated inside one another (`a: x${b}`, `b: x${c}`, …; plain `${key}` chains excepted). */
  nestedInterpolations: number;
  /** Containers nested in the output (OmegaConf.load refuses files nested deeper than this, too). */
  outputDepth: number;
}

export const LIMITS: Readonly<Limits> = Object.freeze({
  stringLength: 16 * 1024 * 1024,
  copiedNodes: 100_000,
  work: 64 * 1024 * 1024,
  nestedInterpolations: 256,
  outputDepth: 1000,
});

/** What one resolution did, counted as it went: tests assert on these instead of on time. */
export interface WorkCounts {
  /** Interpolation strings evaluated (each node once: results are cached). */
  interpolations: number;
  /** Nodes of the output tree written. */
  nodesWritten: number;
  /** Of those, nodes written again because an interpolation selected their container. */
  copiedNodes: number;
  /** Characters of strings built by string interpolation. */
  stringChars: number;
  /** Longest string one interpolation built. */
  longestString: number;
  /** The sum the `work` limit applies to. */
  work: number;
  /** Deepest nesting of interpolation evaluations met. */
  deepestInterpolation: number;
  /** Deepest container nesting written. */
  deepestOutput: number;
}

export class Budget {
  readonly counts: WorkCounts = {
    interpolations: 0,
    nodesWritten: 0,
    copiedNodes: 0,
    stringChars: 0,
    longestString: 0,
    work: 0,
    deepestInterpolation: 0,
    deepestOutput: 0,
  };

  constructor(readonly limits: Readonly<Limits> = LIMITS) {}

  interpolation(pos: SourcePos | undefined): void {
    this.counts.interpolations++;
    this.spend(1, pos);
  }

  /** A node written to the output; `copiedFor` is the interpolation that made it a copy, if any. */
  node(copiedFor: SourcePos | undefined, copying: boolean): void {
    this.counts.nodesWritten++;
    if (copying && ++this.counts.copiedNodes > this.limits.copiedNodes) {
      throw exceeded(
        `interpolations copy more than ${this.limits.copiedNodes} nodes (a subtree that doubles at each level?)`,
        copiedFor,
      );
    }
    this.spend(1, copiedFor);
  }

  /** Entering an interpolation evaluation at nesting `depth` (1 = outermost). */
  nest(depth: number, pos: SourcePos | undefined): void {
    if (depth > this.counts.deepestInterpolation) this.counts.deepestInterpolation = depth;
    if (depth > this.limits.nestedInterpolations) {
      throw new ConfigError(
        "RecursionError",
        `maximum recursion depth exceeded: interpolations nested deeper than ${this.limits.nestedInterpolations} levels`,
        pos ? { pos } : {},
      );
    }
  }

  /** Writing a container at output nesting `depth` (0 = the root). */
  descend(depth: number, pos: SourcePos | undefined): void {
    if (depth > this.counts.deepestOutput) this.counts.deepestOutput = depth;
    if (depth > this.limits.outputDepth) {
      throw new ConfigError(
        "RecursionError",
        `maximum recursion depth exceeded: containers nested deeper than ${this.limits.outputDepth} levels`,
        pos ? { pos } : {},
      );
    }
  }

  /** A string of `length` being built by the interpolation at `pos` (checked before it is kept). */
  string(length: number, pos: SourcePos | undefined): void {
    if (length > this.counts.longestString) this.counts.longestString = length;
    if (length > this.limits.stringLength) {
      throw exceeded(
        `an interpolation result is longer than ${this.limits.stringLength} characters (a string that doubles at each level?)`,
        pos,
      );
    }
  }

  /** Characters appended to an interpolation's string result. */
  chars(count: number, pos: SourcePos | undefined): void {
    this.counts.stringChars += count;
    this.spend(count, pos);
  }

  private spend(units: number, pos: SourcePos | undefined): void {
    this.counts.work += units;
    if (this.counts.work > this.limits.work)
      throw exceeded(`resolving takes more than ${this.limits.work} steps`, pos);
  }
}

function exceeded(what: string, pos: SourcePos | undefined): ConfigError {
  return new ConfigError("ResourceLimitError", `${what}; refusing to resolve it`, pos ? { pos } : {});
}
