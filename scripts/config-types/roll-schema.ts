// Builds roll-0.X[.authoring].schema.json from schemas/fields-0.X.json, the DeepSpeed schema and the overlays.
import type { Schema } from "./json-schema.js";
import {
  annotationToSchema,
  hasDefault,
  isOptional,
  nullable,
  parseAnnotation,
  pythonDefault,
} from "./python-annotation.js";
import { PROPERTY_OVERLAYS } from "./roll-overlays.js";

interface PythonField {
  name: string;
  type: string;
  default: string | null;
  default_factory: string | null;
  help: string | null;
  extra: { deprecated?: boolean } | null;
}

interface PythonClass {
  name: string;
  module: string;
  bases: string[];
  fields: PythonField[];
}

export type FieldsFile = Record<string, PythonClass>;
export type StrategyKeysFile = Record<string, [string, number][]>;
export type RollRelease = "0.2" | "0.3";
export type Flavour = "resolved" | "authoring";

export const PIPELINE_CLASSES = [
  "RLVRConfig",
  "AgenticConfig",
  "SFTConfig",
  "DPOConfig",
  "DistillConfig",
  "RewardFLConfig",
] as const;

/** Two dataclasses share the name RewardConfig; the agentic one gets a qualified definition name. */
export function definitionName(cls: PythonClass): string {
  return cls.name === "RewardConfig" && cls.module.includes("agentic") ? "AgenticRewardConfig" : cls.name;
}

/** Strategy families whose strategy_config shape is known; the DeepSpeed one embeds deepspeed.schema.json. */
const STRATEGY_FAMILIES: { title: string; names: string[]; description: string }[] = [
  {
    title: "DeepSpeedConfig",
    names: ["deepspeed_train", "deepspeed_infer", "diffusion_deepspeed_train"],
    description: "DeepSpeed config passed to deepspeed.initialize (ROLL <= 0.2).",
  },
  {
    title: "MegatronStrategyConfig",
    names: ["megatron_train", "megatron_infer"],
    description:
      "mcore_adapter TrainingArguments overrides (merged with training_args; unknown keys raise TypeError in mcore_adapter).",
  },
  { title: "VllmStrategyConfig", names: ["vllm"], description: "vLLM engine arguments plus ROLL-only keys." },
  { title: "SglangStrategyConfig", names: ["sglang"], description: "SGLang engine arguments." },
  {
    title: "Fsdp2StrategyConfig",
    names: ["fsdp2_train", "fsdp2_infer"],
    description: "FSDP2 strategy options (read key by key with .get() defaults).",
  },
];

const INTERPOLATION: Schema = {
  title: "Interpolation",
  description:
    "An OmegaConf interpolation such as ${pretrain} or ${custom_env.SimpleSokoban}, resolved by Hydra.",
  type: "string",
  pattern: "\\$\\{[^}]*\\}",
};

class RollSchemaBuilder {
  private readonly byModuleAndName = new Map<string, PythonClass>();
  private readonly definitions: Record<string, Schema> = {};

  constructor(
    private readonly fields: FieldsFile,
    private readonly release: RollRelease,
    private readonly strategyKeys: StrategyKeysFile,
    private readonly deepspeed: Schema,
  ) {
    for (const cls of Object.values(fields)) this.byModuleAndName.set(`${cls.module}:${cls.name}`, cls);
  }

  /** A class referenced by name from `module`: the same module wins, then the only class of that name. */
  private lookup(name: string, module: string): PythonClass | undefined {
    const local = this.byModuleAndName.get(`${module}:${name}`);
    if (local) return local;
    const matches = Object.values(this.fields).filter((c) => c.name === name);
    if (matches.length > 1) throw new Error(`ambiguous class ${name} referenced from ${module}`);
    return matches[0];
  }

  /** Base fields first; a re-declared field keeps the base position and takes the subclass default. */
  private flatten(cls: PythonClass): PythonField[] {
    const result = new Map<string, PythonField>();
    for (const base of cls.bases) {
      const baseClass = this.lookup(base, cls.module);
      if (!baseClass) throw new Error(`unknown base ${base} of ${cls.name}`);
      for (const f of this.flatten(baseClass)) result.set(f.name, f);
    }
    for (const f of cls.fields) result.set(f.name, f);
    return [...result.values()];
  }

  private property(cls: PythonClass, field: PythonField): Schema {
    const annotation = parseAnnotation(field.type);
    const refFor = (name: string) => {
      const target = this.lookup(name, cls.module);
      return target ? `#/definitions/${definitionName(target)}` : undefined;
    };
    let schema = annotationToSchema(annotation, refFor);
    const overlay =
      PROPERTY_OVERLAYS[`${definitionName(cls)}.${field.name}`] ?? PROPERTY_OVERLAYS[`*.${field.name}`];
    if (field.name === "strategy_config" && cls.name === "StrategyArguments")
      schema = nullable({ type: "object" });
    const notes: string[] = [];
    if (field.help) notes.push(field.help.trim());
    const defaultValue = pythonDefault(field.default, field.default_factory);
    if (defaultValue === null && !isOptional(annotation) && !schema.enum?.includes(null)) {
      notes.push(
        "May be omitted, but an explicit null is rejected by dacite (the annotation is not Optional).",
      );
    } else if (!hasDefault(defaultValue) && field.default) {
      notes.push(`Default: computed by ROLL (${field.default}).`);
    }
    if (overlay?.description) notes.push(overlay.description);
    const { description: _d, ...overlayRest } = overlay ?? {};
    const wrapped: Schema = schema.$ref ? { allOf: [schema] } : schema;
    const result: Schema = { ...wrapped, ...overlayRest };
    if (notes.length) result.description = notes.join(" ");
    if (
      hasDefault(defaultValue) &&
      (defaultValue !== null || !notes.some((n) => n.startsWith("May be omitted")))
    ) {
      result.default = defaultValue;
    }
    if (field.extra?.deprecated) result.deprecated = true;
    result["x-python-type"] = field.type.replace(/\s+/g, " ").replace(/\[ /g, "[").replace(/,? \]/g, "]");
    return result;
  }

  private classDefinition(key: string, cls: PythonClass): Schema {
    const properties: Record<string, Schema> = {};
    for (const f of this.flatten(cls)) properties[f.name] = this.property(cls, f);
    const schema: Schema = {
      title: definitionName(cls),
      description: `ROLL ${this.release} dataclass ${cls.module}.${cls.name}. dacite drops unknown keys silently, so they are reported here.`,
      type: "object",
      properties,
      additionalProperties: false,
      "x-python": key,
    };
    if (cls.name === "StrategyArguments") schema.allOf = this.strategyConfigRules(properties.strategy_name!);
    return schema;
  }

  /** strategy_config typed by strategy_name (if/then); the release default applies when the name is absent. */
  private strategyConfigRules(strategyName: Schema): Schema[] {
    const allowed = new Set((strategyName.enum ?? []) as string[]);
    const defaultName = strategyName.default as string;
    const rules: Schema[] = [];
    for (const family of STRATEGY_FAMILIES) {
      const names = family.names.filter((n) => allowed.has(n));
      if (names.length === 0) continue;
      this.definitions[family.title] ??= this.strategyConfigDefinition(
        family.title,
        family.names,
        family.description,
      );
      const condition: Schema = { properties: { strategy_name: { enum: names } } };
      if (!names.includes(defaultName)) condition.required = ["strategy_name"];
      rules.push({
        if: condition,
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
        then: {
          properties: {
            strategy_config: { anyOf: [{ $ref: `#/definitions/${family.title}` }, { type: "null" }] },
          },
        },
      });
    }
    return rules;
  }

  private strategyConfigDefinition(title: string, names: string[], description: string): Schema {
    if (title === "DeepSpeedConfig") {
      const { $schema: _s, $id: _i, definitions, ...root } = this.deepspeed;
      Object.assign(this.definitions, definitions);
      return root;
    }
    const properties: Record<string, Schema> = {};
    for (const name of names) {
      for (const [dotted, count] of this.strategyKeys[name] ?? []) {
        const [head, ...rest] = dotted.split(".");
        const seen = `Seen in ${count} ${name} worker config(s) of ROLL's examples and tests.`;
        // Value types are not catalogued; tsType keeps json2ts from guessing "object".
        properties[head!] ??= { description: seen, tsType: "unknown" };
        const entry = properties[head!]!;
        if (rest.length > 0) {
          delete entry.tsType;
          entry.type = "object";
          entry.properties ??= {};
          entry.properties[rest.join(".")] = { description: seen, tsType: "unknown" };
        }
      }
    }
    return {
      title,
      description: `${description} Extra keys are allowed.`,
      type: "object",
      properties,
      additionalProperties: true,
    };
  }

  build(flavour: Flavour): Schema {
    for (const [key, cls] of Object.entries(this.fields)) {
      this.definitions[definitionName(cls)] = this.classDefinition(key, cls);
    }
    const pipelines = PIPELINE_CLASSES.filter((name) => this.definitions[name]);
    const root: Schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: `https://roll-config.dev/schemas/roll-${this.release}${flavour === "authoring" ? ".authoring" : ""}.schema.json`,
      title: `Roll${this.release.replace(".", "")}${flavour === "authoring" ? "Authoring" : ""}Config`,
      description:
        flavour === "resolved"
          ? `A resolved ROLL ${this.release} pipeline config: what dacite.from_dict receives after Hydra composition and interpolation.`
          : `A ROLL ${this.release} pipeline config YAML as written, before Hydra composition: any value may be a \${...} interpolation, and defaults/hydra are allowed.`,
      anyOf: pipelines.map((name) => ({ $ref: `#/definitions/${name}` })),
      definitions: this.definitions,
    };
    return flavour === "authoring" ? toAuthoring(root, pipelines) : root;
  }
}

/** Any value may be an interpolation; pipeline roots accept defaults, hydra and interpolation-source keys. */
function toAuthoring(root: Schema, pipelines: readonly string[]): Schema {
  const definitions = root.definitions!;
  for (const definition of Object.values(definitions)) allowInterpolationIn(definition);
  for (const name of pipelines) {
    const pipeline = definitions[name]!;
    pipeline.additionalProperties = true;
    pipeline.properties = {
      defaults: {
        description: "Hydra defaults list (ROLL uses '<relative path>@_here_' entries).",
        type: "array",
        items: { anyOf: [{ type: "string" }, { type: "object" }] },
      },
      hydra: { description: "Hydra's own settings; removed by compose.", type: "object" },
      ...pipeline.properties,
    };
  }
  definitions.Interpolation = INTERPOLATION;
  return root;
}

const ANNOTATION_KEYS = ["description", "default", "deprecated", "title"] as const;

function allowInterpolation(schema: Schema): Schema {
  if (schema.type === "string" && !schema.enum && !schema.pattern) return schema;
  if (Object.keys(schema).length === 0) return schema;
  const outer: Schema = {};
  const inner: Schema = { ...schema };
  for (const key of Object.keys(schema) as (keyof Schema)[]) {
    if ((ANNOTATION_KEYS as readonly string[]).includes(key) || key.startsWith("x-")) {
      (outer as Record<string, unknown>)[key] = schema[key];
      delete (inner as Record<string, unknown>)[key];
    }
  }
  allowInterpolationIn(inner);
  const interpolation = { $ref: "#/definitions/Interpolation" };
  outer.anyOf =
    inner.anyOf && Object.keys(inner).length === 1 ? [...inner.anyOf, interpolation] : [inner, interpolation];
  return outer;
}

function allowInterpolationIn(schema: Schema): void {
  if (schema.properties) {
    for (const [key, value] of Object.entries(schema.properties))
      schema.properties[key] = allowInterpolation(value);
  }
  if (schema.items) schema.items = allowInterpolation(schema.items);
  if (typeof schema.additionalProperties === "object") {
    schema.additionalProperties = allowInterpolation(schema.additionalProperties);
  }
  for (const sub of [...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) allowInterpolationIn(sub);
  if (schema.then) allowInterpolationIn(schema.then);
}

export function buildRollSchema(
  fields: FieldsFile,
  release: RollRelease,
  flavour: Flavour,
  strategyKeys: StrategyKeysFile,
  deepspeed: Schema,
): Schema {
  const copy = structuredClone(deepspeed);
  return new RollSchemaBuilder(structuredClone(fields), release, strategyKeys, copy).build(flavour);
}
