// Validates a resolved ROLL config (plain JS, as `OmegaConf.to_container(resolve=True)` gives it) against
// what ROLL will do with it: dacite's field and type handling, the __post_init__ checks, the DeepSpeed
// strategies' own checks, and the values ROLL silently rewrites.
import { isAbsolute, relative } from "node:path";
import { DataclassCatalogue, type RollPipeline, type RollRelease } from "./dataclass-catalogue.js";
import { findWorkers } from "./dataclass-walk.js";
import { detectPipeline, detectRelease } from "./detect.js";
import { diagnostic, type RollDiagnostic } from "./diagnostic.js";
import { isPlainObject } from "./python-type.js";
import type { RuleContext } from "./rules/context.js";
import { checkDataclassFields } from "./rules/dataclass-fields.js";
import { checkDeepSpeedConfigs } from "./rules/deepspeed-config.js";
import { checkDeepSpeedStrategies } from "./rules/deepspeed-strategy.js";
import { checkDeviceMappings } from "./rules/device-mapping.js";
import { checkPostInit } from "./rules/post-init.js";
import { checkRewrittenAtLoad } from "./rules/rewritten-at-load.js";
import { checkSchema } from "./rules/schema.js";

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface SourceLocation extends SourcePosition {
  /** Interpolation sites the value was reached through, outermost first. */
  via?: SourcePosition[];
}

export interface ValidateConfigInput {
  /** The resolved config, plain JS. */
  config: unknown;
  /** Where the value (or, for a finding about the key, the key) at a path was written; places each diagnostic. */
  locate?: (path: string[], target?: "key" | "value") => SourceLocation | undefined;
  /** Top-level keys referenced by interpolations or brought in by presets (ROLL's "variables" idiom). */
  variables?: ReadonlySet<string>;
}

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
  const roll = options.roll ?? detectRelease(input.config);
  const pipeline = options.pipeline ?? detectPipeline(input.config, roll);
  const result = { roll, rollDetected: !options.roll, pipeline, pipelineDetected: !options.pipeline };
  if (!isPlainObject(input.config)) {
    const d = diagnostic("error", "roll/schema", [], "the config must be a mapping of keys to values.");
    return { ...result, diagnostics: [d] };
  }
  const catalogue = DataclassCatalogue.forRelease(roll);
  const root = catalogue.pipelineClass(pipeline);
  if (!root) {
    const d = diagnostic("error", "roll/pipeline-release", [], `ROLL ${roll} has no ${pipeline} pipeline.`);
    return { ...result, diagnostics: [d] };
  }
  const ctx: RuleContext = {
    config: input.config,
    release: roll,
    pipeline,
    catalogue,
    root,
    workers: findWorkers(catalogue, root, input.config),
  };
  const otherRelease = DataclassCatalogue.forRelease(roll === "0.2" ? "0.3" : "0.2");
  const diagnostics = [
    ...checkDataclassFields(catalogue, root, input.config, { variables: input.variables, otherRelease }),
    ...checkDeviceMappings(ctx),
    ...checkDeepSpeedStrategies(ctx),
    ...checkDeepSpeedConfigs(ctx, options.deepspeedVersion),
    ...checkPostInit(ctx),
    ...checkRewrittenAtLoad(ctx),
  ];
  diagnostics.push(...checkSchema(ctx, diagnostics));
  return { ...result, diagnostics: placeDiagnostics(dropShadowed(diagnostics), input.locate) };
}

/**
 * One finding per cause: the DeepSpeed-removed error explains a strategy_name the 0.3 Literal also rejects,
 * and a ROLL rule (e.g. roll/zero3-save-gather, where ROLL raises) says more than the generic DeepSpeed one.
 */
function dropShadowed(diagnostics: RollDiagnostic[]): RollDiagnostic[] {
  const pathsOf = (keep: (d: RollDiagnostic) => boolean) =>
    new Set(diagnostics.filter(keep).map((d) => d.path));
  const removed = pathsOf((d) => d.code === "roll/deepspeed-removed-in-0.3");
  const rollErrors = pathsOf((d) => d.code.startsWith("roll/") && d.severity === "error");
  return diagnostics.filter(
    (d) =>
      !(d.code === "roll/schema" && removed.has(d.path)) &&
      !(d.code.startsWith("ds/") && rollErrors.has(d.path)),
  );
}

function showPosition(p: SourcePosition): string {
  const rel = relative(process.cwd(), p.file);
  return `${rel.startsWith("..") || isAbsolute(rel) ? p.file : rel}:${p.line}:${p.column}`;
}

/** The message suffix naming the interpolation sites a value was reached through ("" when none). */
export function viaSuffix(via: readonly SourcePosition[] | undefined): string {
  return via?.length
    ? ` (reached through the interpolation at ${via.map(showPosition).join(", then ")})`
    : "";
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

/** Adds file:line:column, then orders by position (unplaced ones keep their order, at the end). */
function placeDiagnostics(
  diagnostics: RollDiagnostic[],
  locate: ValidateConfigInput["locate"],
): RollDiagnostic[] {
  if (!locate) return diagnostics;
  const placed = diagnostics.map((d) => {
    const where = locate(d.path === "" ? [] : d.path.split("."), KEY_CODES.has(d.code) ? "key" : "value");
    if (!where) return d;
    const placed = { ...d, message: `${d.message}${viaSuffix(where.via)}` };
    return { ...placed, file: where.file, line: where.line, column: where.column, ...viaOf(where) };
  });
  const rank = (d: RollDiagnostic) => (d.file === undefined ? 1 : 0);
  return placed
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        rank(a.d) - rank(b.d) ||
        (a.d.file ?? "").localeCompare(b.d.file ?? "") ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}
