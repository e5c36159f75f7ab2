import { PRECISION_STRICT_SINCE } from "./catalog.js";
import type { DeepSpeedDiagnostic, Severity } from "./diagnostic.js";
import { type ConfigObject, isAuto, isPlainObject, laxBool } from "./values.js";
import { atLeast, type Version } from "./version.js";

/** Everything a rule needs to judge one DeepSpeed config. */
export interface RuleContext {
  config: ConfigObject;
  version: Version;
  versionText: string;
  worldSize: number | undefined;
  /** Dotted keys whose "auto" (or absence) the caller fills before DeepSpeed runs. */
  filledByCaller: ReadonlySet<string>;
  /** The ZeRO stage DeepSpeed will run, or undefined when the caller fills it or it is invalid. */
  stage: number | undefined;
  /**
   * `segments`: the keys of `path`, when one of them comes from the config (it may contain "."); without
   * them `path` is the rule's own dotted path of DeepSpeed field names, none of which contains ".".
   */
  report(severity: Severity, code: string, path: string, message: string, segments?: readonly string[]): void;
}

export function createContext(
  config: ConfigObject,
  options: { version: Version; versionText: string; worldSize: number | undefined; filledByCaller: string[] },
  sink: DeepSpeedDiagnostic[],
): RuleContext {
  const filledByCaller = new Set(options.filledByCaller);
  return {
    config,
    version: options.version,
    versionText: options.versionText,
    worldSize: options.worldSize,
    filledByCaller,
    stage: effectiveStage(config, filledByCaller),
    report: (severity, code, path, message, segments) =>
      sink.push({
        severity,
        code,
        message,
        path,
        segments: segments ?? (path === "" ? [] : path.split(".")),
      }),
  };
}

/** Stage as DeepSpeed reads it: missing -> 0, legacy boolean -> 1/0, unfilled "auto" dropped -> 0. */
function effectiveStage(config: ConfigObject, filled: ReadonlySet<string>): number | undefined {
  const zero = config.zero_optimization;
  if (zero === undefined || zero === null) return 0;
  if (typeof zero === "boolean") return zero ? 1 : 0;
  if (!isPlainObject(zero)) return undefined;
  const stage = zero.stage;
  if (stage === undefined) return 0;
  if (isAuto(stage)) return filled.has("zero_optimization.stage") ? undefined : 0;
  if (typeof stage === "boolean") return stage ? 1 : 0;
  const numeric = typeof stage === "string" && stage.trim() !== "" ? Number(stage) : stage;
  return typeof numeric === "number" && [0, 1, 2, 3].includes(numeric) ? numeric : undefined;
}

/** fp16/bf16 are pydantic sections from v0.17.1 on; before that DeepSpeed read them with dict.get. */
export function precisionIsStrict(ctx: RuleContext): boolean {
  return atLeast(ctx.version, PRECISION_STRICT_SINCE);
}

/** Whether a precision section is enabled; undefined when unknown (caller-filled "auto"). */
export function precisionEnabled(ctx: RuleContext, section: "fp16" | "bf16"): boolean | undefined {
  let block = ctx.config[section];
  if (section === "bf16" && block === undefined) block = ctx.config.bfloat16;
  if (!isPlainObject(block)) return false;
  const enabled = block.enabled;
  if (isAuto(enabled)) return ctx.filledByCaller.has(`${section}.enabled`) ? undefined : false;
  return laxBool(enabled) ?? false;
}
