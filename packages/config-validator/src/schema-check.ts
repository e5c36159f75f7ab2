// Validation against @roll/config-types' JSON Schemas. The schemas a command validates against are compiled
// at build time into plain code (generated/validators/, scripts/generate-validators.ts) and loaded on first
// use: only the release and pipeline a config targets. Any other schema is compiled with Ajv on first use (a
// few seconds) and cached; Ajv itself is loaded only then.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadSchema,
  PIPELINE_DEFINITIONS,
  type RollPipeline,
  type RollRelease,
  type SchemaName,
} from "@roll/config-types";
import type { Ajv, ErrorObject, Options, ValidateFunction } from "ajv";
import { detectPipeline } from "./detect.js";

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
  /** When omitted: detectPipeline's (the keys only one pipeline declares, e.g. sft_train; else rlvr). */
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

/**
 * How every validator is built, at build time (standalone code) and at run time alike. Not `verbose`: its
 * schema and data on each error cost a fifth of the prebuilt code and only a `not` error's message read them
 * (its keys come from notRequiredOf instead); `inlineRefs: false` compiles each definition once, as its own
 * function, instead of copying it into every place that refers to it (WorkerConfig once per worker): far less
 * code to load and compile, and the same errors.
 */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  inlineRefs: false,
  strictTypes: false,
  allowUnionTypes: true,
  keywords: ANNOTATION_KEYWORDS,
};

/**
 * The schemas shipped as standalone code, what `roll-config validate` needs: one file per pipeline definition,
 * generated/validators/<schema>/<Definition>.cjs, so a validation loads only its own pipeline's code.
 */
export const STANDALONE_SCHEMAS: readonly SchemaName[] = ["roll-0.2.schema.json", "roll-0.3.schema.json"];

/** The folder of a schema's prebuilt validators, relative to src/ and dist/ (both beside generated/). */
export const standaloneFolder = (name: SchemaName) => `../generated/validators/${standaloneName(name)}/`;
/** The name of that folder: the schema's name without `.schema.json` (roll-0.2). */
export const standaloneName = (name: SchemaName) => name.replace(/\.schema\.json$/, "");

/**
 * The keys of each `not: {required: [...]}` in a schema, by the schemaPath Ajv reports for it: relative to each
 * definition (what a definition compiled as its own function reports) and to the root. A path two places
 * share with different keys maps to undefined (the message is then Ajv's own).
 */
export type NotRequired = Record<string, readonly string[] | undefined>;

export function notRequiredOf(schema: unknown): NotRequired {
  const out: NotRequired = {};
  const seen = new Set<string>();
  const walk = (node: unknown, path: string, inProperties: boolean): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${key}`;
      const required = (value as { required?: unknown } | null)?.required;
      if (key === "not" && !inProperties && Array.isArray(required)) {
        const keys = required.map(String);
        if (!seen.has(at)) out[at] = keys;
        else if (out[at]?.join("\u0000") !== keys.join("\u0000")) out[at] = undefined;
        seen.add(at);
      }
      walk(value, at, !inProperties && (key === "properties" || key === "patternProperties"));
    }
  };
  walk(schema, "#", false);
  const definitions = (schema as { definitions?: Record<string, unknown> }).definitions ?? {};
  for (const definition of Object.values(definitions)) walk(definition, "#", false);
  return out;
}

// node:module is loaded only then too: it loads Node's ES module loader (0.4 ms of a cold validate).
const createRequire = (url: string) => process.getBuiltinModule("node:module").createRequire(url);
/** require() from this module, made on first use: a `validate` that loads its validators itself needs none. */
let localRequire: NodeJS.Require | undefined;
const require = (id: string): unknown => {
  localRequire ??= createRequire(import.meta.url);
  return localRequire(id);
};

/** Runs a prebuilt validator file (CommonJS, no imports of its own) and returns its exports. */
export type PrebuiltLoader = (file: string) => Record<string, unknown>;
let loadPrebuilt: PrebuiltLoader = (file) => require(file) as Record<string, unknown>;
/** Where the prebuilt validators are: a folder of `<schema>/<Definition>.cjs`; undefined: generated/validators/. */
let prebuiltRoot: string | undefined;

/**
 * How prebuilt validator files are run from now on (by default require()), and optionally from which folder
 * of `<schema>/<Definition>.cjs` files (by default this package's generated/validators/): `roll-config
 * validate` compiles copies beside its bundle from the V8 code caches its build made (a plain path, so no
 * lookup of this package's folder on every start). Validators already loaded stay as they are.
 */
export function setPrebuiltLoader(load: PrebuiltLoader, folder?: string): void {
  loadPrebuilt = load;
  prebuiltRoot = folder;
}

/** The folder of a schema's prebuilt validators. */
function prebuiltFolder(name: SchemaName): string {
  return prebuiltRoot === undefined
    ? fileURLToPath(new URL(standaloneFolder(name), import.meta.url))
    : join(prebuiltRoot, standaloneName(name));
}

let ajv: Ajv | undefined;
/** A compiled validator and the keys of its schema's `not`s (for their messages). */
interface Validator {
  validate: ValidateFunction;
  notRequired: NotRequired;
}
const validators = new Map<string, Validator>();
/** By schema, or by prebuilt folder for a prebuilt schema (setPrebuiltLoader may name another). */
const definitions = new Map<string, Set<string>>();

function schemaId(name: SchemaName): string {
  return String(loadSchema(name).$id);
}

function getAjv(): Ajv {
  if (!ajv) {
    const { Ajv: AjvClass } = require("ajv") as typeof import("ajv");
    ajv = new AjvClass(AJV_OPTIONS);
  }
  return ajv;
}

/** The pipeline definitions a schema has, without reading the schema when its code is prebuilt. */
function definitionsOf(name: SchemaName): Set<string> {
  const folder = STANDALONE_SCHEMAS.includes(name) ? prebuiltFolder(name) : undefined;
  let names = definitions.get(folder ?? name);
  if (!names) {
    names = folder
      ? new Set(
          readdirSync(folder)
            .filter((f) => f.endsWith(".cjs"))
            .map((f) => f.slice(0, -".cjs".length)),
        )
      : new Set(Object.keys(loadSchema(name).definitions as Record<string, unknown>));
    definitions.set(folder ?? name, names);
  }
  return names;
}

/** `definition` is a pipeline definition name, or undefined for the schema's root. */
function validatorFor(name: SchemaName, definition?: string): Validator {
  const key = `${name}#${definition ?? ""}`;
  let validator = validators.get(key);
  if (!validator) {
    let validate: ValidateFunction | undefined;
    let notRequired: NotRequired;
    if (definition && STANDALONE_SCHEMAS.includes(name)) {
      const file = join(prebuiltFolder(name), `${definition}.cjs`);
      const exports = loadPrebuilt(file);
      validate = exports[definition] as ValidateFunction | undefined;
      notRequired = exports.notRequired as NotRequired;
    } else {
      const instance = getAjv();
      if (!instance.getSchema(schemaId(name))) instance.addSchema(loadSchema(name));
      validate = instance.getSchema(`${schemaId(name)}#${definition ? `/definitions/${definition}` : ""}`);
      notRequired = notRequiredOf(loadSchema(name));
    }
    if (!validate) throw new Error(`Schema ${name} has no definition ${definition}.`);
    validator = { validate, notRequired };
    validators.set(key, validator);
  }
  return validator;
}

function run({ validate, notRequired }: Validator, config: unknown): ValidationResult {
  const valid = validate(config) as boolean;
  return { valid, errors: valid ? [] : simplifyErrors(validate.errors ?? [], notRequired) };
}

export function validateDeepSpeed(config: unknown): ValidationResult {
  return run(validatorFor("deepspeed.schema.json"), config);
}

export function validateRoll(config: unknown, options: RollValidationOptions): ValidationResult {
  const { release, flavour = "resolved" } = options;
  if (release !== "0.2" && release !== "0.3") {
    throw new Error(`Unknown ROLL release "${String(release)}": expected "0.2" or "0.3".`);
  }
  const name = `roll-${release}${flavour === "authoring" ? ".authoring" : ""}.schema.json` as SchemaName;
  // The same detector as validateConfig's, so the schema check and the other rules never disagree.
  const pipeline = options.pipeline ?? detectPipeline(config, release);
  const definition = PIPELINE_DEFINITIONS[pipeline];
  if (!definition || !definitionsOf(name).has(definition)) {
    throw new Error(`ROLL ${release} has no "${String(pipeline)}" pipeline.`);
  }
  return run(validatorFor(name, definition), config);
}

function errorPath(error: ErrorObject): string {
  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return `${error.instancePath}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  }
  return error.instancePath;
}

function describe(error: ErrorObject, notRequired: NotRequired): string {
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
      const both = notRequired[error.schemaPath];
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

/** `notRequired`: the keys of the schema's `not`s (notRequiredOf), which a `not` error's message names. */
export function simplifyErrors(errors: ErrorObject[], notRequired: NotRequired = {}): ValidationError[] {
  let pending: ValidationError[] = [];
  for (const error of errors) {
    if (error.keyword === "if") continue;
    if (error.keyword !== "anyOf") {
      pending.push({ path: errorPath(error), message: describe(error, notRequired), keyword: error.keyword });
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
