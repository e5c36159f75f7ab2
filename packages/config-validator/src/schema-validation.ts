// Runtime validation against @roll/config-types' schemas. Validators are compiled with Ajv on first use and
// cached (compiling all five schemas takes a few seconds; each validation afterwards takes well under a
// millisecond).
import {
  loadSchema,
  PIPELINE_DEFINITIONS,
  type RollPipeline,
  type RollRelease,
  type SchemaName,
} from "@roll/config-types";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { distinctivePipeline } from "./detect.js";

export type RollFlavour = "resolved" | "authoring";

export interface ValidationError {
  /** JSON pointer of the offending value, e.g. /actor_train/model_args/dtype (an unknown key: its own path). */
  path: string;
  message: string;
  /** The JSON Schema keyword that failed, e.g. additionalProperties, type, enum, anyOf. */
  keyword: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface RollValidationOptions {
  release: RollRelease;
  /** When omitted: the pipeline a distinctive key points to (e.g. sft_train, detect.ts), else the best-fitting one. */
  pipeline?: RollPipeline;
  /** "resolved" (default): what dacite receives. "authoring": the YAML as written, before Hydra. */
  flavour?: RollFlavour;
}

/** Project keywords: annotations for editors and generators, no validation effect. */
const ANNOTATION_KEYWORDS = [
  "x-since",
  "x-python",
  "x-python-type",
  "x-auto",
  "x-deepspeed-parsing",
  "tsType",
];

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function schemaId(name: SchemaName): string {
  return String(loadSchema(name).$id);
}

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strictTypes: false,
      allowUnionTypes: true,
      keywords: ANNOTATION_KEYWORDS,
    });
  }
  return ajv;
}

function validatorFor(name: SchemaName, pointer = ""): ValidateFunction {
  const key = `${schemaId(name)}#${pointer}`;
  let validate = validators.get(key);
  if (!validate) {
    const instance = getAjv();
    if (!instance.getSchema(schemaId(name))) instance.addSchema(loadSchema(name));
    validate = instance.getSchema(key);
    if (!validate) throw new Error(`Schema ${name} has no definition at ${pointer}.`);
    validators.set(key, validate);
  }
  return validate;
}

function run(validate: ValidateFunction, config: unknown): ValidationResult {
  const valid = validate(config) as boolean;
  return { valid, errors: valid ? [] : simplifyErrors(validate.errors ?? []) };
}

export function validateDeepSpeed(config: unknown): ValidationResult {
  return run(validatorFor("deepspeed.schema.json"), config);
}

export function validateRoll(config: unknown, options: RollValidationOptions): ValidationResult {
  const { release, pipeline, flavour = "resolved" } = options;
  if (release !== "0.2" && release !== "0.3") {
    throw new Error(`Unknown ROLL release "${String(release)}": expected "0.2" or "0.3".`);
  }
  const name = `roll-${release}${flavour === "authoring" ? ".authoring" : ""}.schema.json` as SchemaName;
  const definitions = loadSchema(name).definitions as Record<string, unknown>;
  const chosen = pipeline ?? distinctivePipeline(config, release);
  const candidates = chosen
    ? [PIPELINE_DEFINITIONS[chosen]]
    : Object.values(PIPELINE_DEFINITIONS).filter((d) => d in definitions);
  let best: ValidationResult | undefined;
  for (const definition of candidates) {
    if (!definition || !(definition in definitions)) {
      throw new Error(`ROLL ${release} has no "${String(pipeline)}" pipeline.`);
    }
    const result = run(validatorFor(name, `/definitions/${definition}`), config);
    if (result.valid) return result;
    if (!best || result.errors.length < best.errors.length) best = result;
  }
  return best!;
}

function errorPath(error: ErrorObject): string {
  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return `${error.instancePath}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return error.instancePath;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case "enum":
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    case "type": {
      const type = (error.params as { type: string | string[] }).type;
      return `must be ${Array.isArray(type) ? type.join(" or ") : type.replace(/,/g, " or ")}`;
    }
    case "const":
      return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case "not": {
      const both = (error.schema as { required?: string[] } | undefined)?.required;
      return both ? `must not set both "${both.join('" and "')}"` : String(error.message);
    }
    default:
      return String(error.message);
  }
}

/**
 * Ajv reports every failed anyOf branch before the anyOf error itself. Keep what explains the failure: the
 * branch errors below the anyOf's value (e.g. inside the object branch) when there are any, otherwise one
 * "must be A or B" error at the value. if/then wrappers are dropped.
 */
/** Keywords that constrain a value in place; their messages combine into one "must be A or B". */
const VALUE_KEYWORDS = new Set([
  "type",
  "enum",
  "const",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
]);

export function simplifyErrors(errors: ErrorObject[]): ValidationError[] {
  let pending: ValidationError[] = [];
  for (const error of errors) {
    if (error.keyword === "if") continue;
    if (error.keyword !== "anyOf") {
      pending.push({ path: errorPath(error), message: describe(error), keyword: error.keyword });
      continue;
    }
    const at = error.instancePath;
    const inside = (e: ValidationError) => e.path === at || e.path.startsWith(`${at}/`);
    const branches = pending.filter(inside);
    pending = pending.filter((e) => !inside(e));
    const deeper = branches.filter((e) => e.path !== at);
    // A branch whose type matched may fail on structure (e.g. `not`); that says more than "must be boolean".
    const shallow = branches.filter((e) => e.path === at);
    const structural = shallow.filter((e) => !VALUE_KEYWORDS.has(e.keyword));
    if (deeper.length > 0 || structural.length > 0) {
      pending.push(...structural, ...deeper);
    } else {
      const options = [...new Set(shallow.map((e) => e.message.replace(/^must (be|match) /, "")))];
      pending.push({ path: at, keyword: "anyOf", message: `must be ${options.join(" or ") || "valid"}` });
    }
  }
  const seen = new Set<string>();
  return pending.filter((e) => {
    const id = `${e.path}\u0000${e.keyword}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
