import { createContext } from "./context.js";
import type { DeepSpeedDiagnostic } from "./diagnostic.js";
import { DeepSpeedInputError } from "./errors.js";
import { checkAuto } from "./rules/auto.js";
import { checkBatch } from "./rules/batch.js";
import { checkCheckpoint } from "./rules/checkpoint.js";
import { checkDataTypes, checkTorchAutocast } from "./rules/data-types.js";
import { checkTopLevelValues, checkZeroValues } from "./rules/field-values.js";
import { checkFp16Fields } from "./rules/fp16.js";
import { checkSectionKeys, checkTopLevelKeys, checkZeroKeys } from "./rules/keys.js";
import { checkLeafModule } from "./rules/leaf-module.js";
import { checkMissingValues } from "./rules/missing.js";
import { checkModelSections } from "./rules/model-sections.js";
import { checkOptimizer } from "./rules/optimizer.js";
import { checkPrecision } from "./rules/precision.js";
import { checkReduction } from "./rules/reduction.js";
import { checkScheduler } from "./rules/scheduler.js";
import { checkSectionShapes } from "./rules/shapes.js";
import { checkZenFlow } from "./rules/zenflow.js";
import { checkZeroStage } from "./rules/zero.js";
import { isPlainObject } from "./values.js";
import { parseVersion, ROLL_DEEPSPEED_VERSION } from "./version.js";

export interface ValidateOptions {
  /** Data-parallel world size; without it the batch invariant is checked only where no world size fits. */
  worldSize?: number;
  /** Target DeepSpeed release; default 0.16.4, the version ROLL 0.2 pins. */
  deepspeedVersion?: string;
  /** Dotted keys whose "auto" (or absence) the caller (ROLL, HF Trainer, accelerate) fills, e.g. "train_batch_size". */
  filledByCaller?: string[];
}

const RULES = [
  checkMissingValues,
  checkTopLevelKeys,
  checkSectionShapes,
  checkSectionKeys,
  checkModelSections,
  checkZeroKeys,
  checkZeroValues,
  checkTopLevelValues,
  checkAuto,
  checkBatch,
  checkPrecision,
  checkFp16Fields,
  checkDataTypes,
  checkTorchAutocast,
  checkZeroStage,
  checkZenFlow,
  checkLeafModule,
  checkOptimizer,
  checkScheduler,
  checkCheckpoint,
  checkReduction,
];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Runs every DeepSpeed rule on a plain config object; errors first, then warnings, then infos. */
export function validateDeepSpeedConfig(
  config: unknown,
  options: ValidateOptions = {},
): DeepSpeedDiagnostic[] {
  if (typeof options !== "object" || options === null) {
    throw new DeepSpeedInputError("validateDeepSpeedConfig options must be an object");
  }
  const { worldSize, filledByCaller = [] } = options;
  if (!Array.isArray(filledByCaller) || !filledByCaller.every((key) => typeof key === "string")) {
    throw new DeepSpeedInputError("filledByCaller must be a list of dotted keys");
  }
  if (worldSize !== undefined && !(Number.isInteger(worldSize) && worldSize > 0)) {
    throw new DeepSpeedInputError(`worldSize must be a positive integer, got ${String(worldSize)}`);
  }
  const versionText = options.deepspeedVersion ?? ROLL_DEEPSPEED_VERSION;
  if (typeof versionText !== "string")
    throw new DeepSpeedInputError("deepspeedVersion must be a string such as 0.16.4");
  const version = parseVersion(versionText);
  if (!isPlainObject(config)) {
    const kind = Array.isArray(config) ? "an array" : config === null ? "null" : `a ${typeof config}`;
    return [
      {
        severity: "error",
        code: "ds/not-an-object",
        path: "",
        segments: [],
        message: `A DeepSpeed config must be a JSON object, got ${kind}.`,
      },
    ];
  }
  const diagnostics: DeepSpeedDiagnostic[] = [];
  const ctx = createContext(config, { version, versionText, worldSize, filledByCaller }, diagnostics);
  for (const rule of RULES) rule(ctx);
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.diagnostic.severity] - SEVERITY_ORDER[b.diagnostic.severity] || a.index - b.index,
    )
    .map(({ diagnostic }) => diagnostic);
}
