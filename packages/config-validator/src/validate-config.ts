// Validates a resolved ROLL config (plain JS, as `OmegaConf.to_container(resolve=True)` gives it) against
// what ROLL will do with it: dacite's field and type handling, the __post_init__ checks, the DeepSpeed
// strategies' own checks, and the values ROLL silently rewrites.
import { isAbsolute, relative } from "node:path";
import { DataclassCatalogue, type RollPipeline, type RollRelease } from "./dataclass-catalogue.js";
import { collectWorkers, type WorkerAt } from "./dataclass-walk.js";
import { detectPipeline, detectRelease } from "./detect.js";
import {
  type ConfigPath,
  diagnostic,
  type RollDiagnostic,
  type Subject,
  type Target,
  targetOf,
  withTarget,
} from "./diagnostic.js";
import {
  ConfigView,
  type InterpolationSite,
  type Locate,
  type SourceLocation,
  type SourcePosition,
  segmentsOf,
} from "./node-tree.js";
import { isPlainObject } from "./python-type.js";
import type { RuleContext } from "./rules/context.js";
import { checkDataclassFields } from "./rules/dataclass-fields.js";
import { checkDeepSpeedConfigs } from "./rules/deepspeed-config.js";
import { checkDeepSpeedStrategies } from "./rules/deepspeed-strategy.js";
import { checkDeviceMappings } from "./rules/device-mapping.js";
import { checkPostInit } from "./rules/post-init.js";
import { checkRewrittenAtLoad } from "./rules/rewritten-at-load.js";
import { checkSchema } from "./rules/schema.js";

export type { InterpolationSite, SourceLocation, SourcePosition } from "./node-tree.js";

export type ValidateConfigInput = (
  | {
      /** The resolver's tree: the rules walk its nodes and make their findings there. */
      view: ConfigView;
      config?: undefined;
      locate?: undefined;
    }
  | {
      /** The resolved config, plain JS. */
      config: unknown;
      /** Where the value (or key) at a path was written, from the resolver's nodes (`locator`). */
      locate?: Locate;
      view?: undefined;
    }
) & {
  /** Top-level keys referenced by interpolations or brought in by presets (ROLL's "variables" idiom). */
  variables?: ReadonlySet<string>;
};

export interface ValidateConfigOptions {
  roll?: RollRelease;
  pipeline?: RollPipeline;
  deepspeedVersion?: string;
}

export interface ValidateConfigResult {
  roll: RollRelease;
  rollDetected: boolean;
  pipeline: RollPipeline;
  pipelineDetected: boolean;
  diagnostics: RollDiagnostic[];
}

export function validateConfig(
  input: ValidateConfigInput,
  options: ValidateConfigOptions = {},
): ValidateConfigResult {
  // Plain data alone gets nodes without positions, so the rules walk one kind of tree; its findings are
  // placed only through `locate`, when given.
  const view = input.view ?? ConfigView.ofPlain(input.config);
  const config = view.plain;
  const top = view.top;
  const roll = options.roll ?? detectRelease(config);
  const pipeline = options.pipeline ?? detectPipeline(config, roll);
  const result = { roll, rollDetected: !options.roll, pipeline, pipelineDetected: !options.pipeline };
  if (!isPlainObject(config)) {
    const d = diagnostic("error", "roll/schema", top, "the config must be a mapping of keys to values.");
    return { ...result, diagnostics: [d] };
  }
  const catalogue = DataclassCatalogue.forRelease(roll);
  const root = catalogue.pipelineClass(pipeline);
  if (!root) {
    const d = diagnostic("error", "roll/pipeline-release", top, `ROLL ${roll} has no ${pipeline} pipeline.`);
    return { ...result, diagnostics: [d] };
  }
  const otherRelease = DataclassCatalogue.forRelease(roll === "0.2" ? "0.3" : "0.2");
  // One walk of the dataclass tree: dacite's findings, and the workers the other rules read.
  const workers: WorkerAt[] = [];
  const fieldFindings = checkDataclassFields(catalogue, root, top, {
    variables: input.variables,
    otherRelease,
    onClass: collectWorkers(workers),
  });
  const ctx: RuleContext = { config, top, release: roll, pipeline, catalogue, root, workers };
  const diagnostics = [
    ...fieldFindings,
    ...checkDeviceMappings(ctx),
    ...checkDeepSpeedStrategies(ctx),
    ...checkDeepSpeedConfigs(ctx, options.deepspeedVersion),
    ...checkPostInit(ctx),
    ...checkRewrittenAtLoad(ctx),
  ];
  diagnostics.push(...checkSchema(ctx, diagnostics));
  const target = (d: RollDiagnostic): Target =>
    targetOf(d) ?? { path: segmentsOf(config, d.path), subject: "value" };
  // A rule's finding is placed from the node it was made at; the schema check's by its segments.
  const place: Place | undefined = input.view
    ? (t, subject) => (t.spot ? view.place(t.spot, subject) : view.locate(t.path, subject))
    : input.locate && ((t, subject) => input.locate!(t.path, subject));
  return { ...result, diagnostics: placeDiagnostics(dropShadowed(diagnostics, target), target, place) };
}

const pathId = (path: ConfigPath) => JSON.stringify(path);

/**
 * One finding per cause: the DeepSpeed-removed error explains a strategy_name the 0.3 Literal also rejects,
 * and a ROLL rule (e.g. roll/zero3-save-gather, where ROLL raises) says more than the generic DeepSpeed one.
 */
function dropShadowed(
  diagnostics: RollDiagnostic[],
  target: (d: RollDiagnostic) => Target,
): RollDiagnostic[] {
  const id = (d: RollDiagnostic) => pathId(target(d).path);
  const pathsOf = (keep: (d: RollDiagnostic) => boolean) => new Set(diagnostics.filter(keep).map(id));
  const removed = pathsOf((d) => d.code === "roll/deepspeed-removed-in-0.3");
  const rollErrors = pathsOf((d) => d.code.startsWith("roll/") && d.severity === "error");
  return diagnostics.filter(
    (d) =>
      !(d.code === "roll/schema" && removed.has(id(d))) &&
      !(d.code.startsWith("ds/") && rollErrors.has(id(d))),
  );
}

function showPosition(p: SourcePosition): string {
  const rel = relative(process.cwd(), p.file);
  return `${rel.startsWith("..") || isAbsolute(rel) ? p.file : rel}:${p.line}:${p.column}`;
}

/** An interpolation site as a message names it: `${dtype} in main.yaml:9:12`, or the position alone. */
function showSite(site: InterpolationSite): string {
  return site.expression === undefined ? showPosition(site) : `${site.expression} in ${showPosition(site)}`;
}

/** The message suffix naming the interpolations a value was reached through ("" when none). */
export function viaSuffix(via: readonly InterpolationSite[] | undefined): string {
  return via?.length ? ` (reached through the interpolation at ${via.map(showSite).join(", then ")})` : "";
}

/** Findings about a key itself (unknown, dropped, misspelt, renamed): placed at the key, not its value. */
const KEY_CODES = new Set([
  "roll/unknown-key",
  "ds/unknown-key",
  "ds/unknown-top-level-key",
  "ds/ignored-key",
  "ds/alias-conflict",
  "ds/deprecated",
  "ds/field-too-new",
]);

const viaOf = (where: SourceLocation) => (where.via?.length ? { via: where.via } : {});

type Place = (target: Target, subject: Subject) => SourceLocation | undefined;

/** Adds file:line:column, then orders by position (unplaced ones keep their order, at the end). */
function placeDiagnostics(
  diagnostics: RollDiagnostic[],
  target: (d: RollDiagnostic) => Target,
  place: Place | undefined,
): RollDiagnostic[] {
  if (!place) return diagnostics;
  const placed = diagnostics.map((d) => {
    const t = target(d);
    const subject = KEY_CODES.has(d.code) ? "key" : t.subject;
    const where = place(t, subject);
    if (!where) return d;
    const message = `${d.message}${viaSuffix(where.via)}`;
    const at = { file: where.file, line: where.line, column: where.column };
    // The placed copy keeps what it is about (an editor underlines a key finding's key).
    return withTarget({ ...d, message, ...at, ...viaOf(where) }, t.path, subject, t.spot);
  });
  const rank = (d: RollDiagnostic) => (d.file === undefined ? 1 : 0);
  // Files in code-unit order, not localeCompare's: the same order in every locale, and no ICU collator to
  // set up (7 ms of a cold `roll-config validate`).
  const byFile = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);
  return placed
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        rank(a.d) - rank(b.d) ||
        byFile(a.d.file, b.d.file) ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}
