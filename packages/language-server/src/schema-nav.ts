// Walks the shipped authoring schema along a config path, evaluating `if`/`then` against the composed
// values, so that the keys offered under strategy_config follow strategy_name.
import { type JsonSchema, loadSchema, PIPELINE_DEFINITIONS } from "@roll/config-types";
import type { RollPipeline, RollRelease } from "@roll/config-validator";
import type { Segment } from "./yaml-text.js";

export interface SchemaEntry {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, SchemaEntry>;
  additionalProperties?: boolean | SchemaEntry;
  items?: SchemaEntry;
  allOf?: SchemaEntry[];
  anyOf?: SchemaEntry[];
  oneOf?: SchemaEntry[];
  if?: SchemaEntry;
  then?: SchemaEntry;
  else?: SchemaEntry;
  required?: string[];
  description?: string;
  default?: unknown;
  deprecated?: boolean;
  "x-python-type"?: string;
}

const INTERPOLATION_REF = "#/definitions/Interpolation";

export class SchemaNavigator {
  private readonly definitions: Record<string, SchemaEntry>;

  constructor(
    root: SchemaEntry,
    readonly pipelineDefinition: string,
  ) {
    this.definitions = (root as { definitions?: Record<string, SchemaEntry> }).definitions ?? {};
  }

  static for(release: RollRelease, pipeline: RollPipeline): SchemaNavigator | undefined {
    const schema = loadSchema(`roll-${release}.authoring.schema.json`) as JsonSchema as SchemaEntry;
    const definition = PIPELINE_DEFINITIONS[pipeline];
    const defs = (schema as { definitions?: Record<string, SchemaEntry> }).definitions ?? {};
    return definition && defs[definition] ? new SchemaNavigator(schema, definition) : undefined;
  }

  private deref(schema: SchemaEntry): SchemaEntry | undefined {
    if (!schema.$ref) return schema;
    if (schema.$ref === INTERPOLATION_REF) return undefined;
    const name = schema.$ref.replace(/^#\/definitions\//, "");
    return this.definitions[name];
  }

  /** The schema and every branch that applies to `value` (allOf, anyOf, oneOf, matching if/then). */
  private expand(schema: SchemaEntry, value: unknown, out: SchemaEntry[] = [], depth = 0): SchemaEntry[] {
    const s = this.deref(schema);
    if (!s || depth > 32) return out;
    out.push(s);
    for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])])
      this.expand(sub, value, out, depth + 1);
    if (s.if) {
      const branch = this.matches(s.if, value) ? s.then : s.else;
      if (branch) this.expand(branch, value, out, depth + 1);
    }
    return out;
  }

  /** The subset of JSON Schema the generated `if` conditions use: properties with enum/const, required. */
  private matches(condition: SchemaEntry, value: unknown): boolean {
    if (!isObject(value)) return false;
    for (const key of condition.required ?? []) if (!(key in value)) return false;
    for (const [key, sub] of Object.entries(condition.properties ?? {})) {
      if (!(key in value)) continue;
      if (sub.enum && !sub.enum.includes(value[key])) return false;
    }
    return true;
  }

  /** Schemas of the node at `path`; `valueAt` gives the composed value at a path (for `if`). */
  schemasAt(path: readonly Segment[], valueAt: (path: readonly Segment[]) => unknown): SchemaEntry[] {
    let current = this.expand({ $ref: `#/definitions/${this.pipelineDefinition}` }, valueAt([]));
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const childValue = valueAt(path.slice(0, i + 1));
      const next: SchemaEntry[] = [];
      for (const s of current) {
        const child =
          typeof segment === "number"
            ? s.items
            : (s.properties?.[segment] ??
              (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined));
        if (child) this.expand(child, childValue, next);
      }
      current = next;
      if (current.length === 0) break;
    }
    return current;
  }

  /** Keys a mapping at `path` may hold, with their schema (the first branch that declares each). */
  keysAt(path: readonly Segment[], valueAt: (path: readonly Segment[]) => unknown): Map<string, SchemaEntry> {
    const keys = new Map<string, SchemaEntry>();
    for (const s of this.schemasAt(path, valueAt)) {
      for (const [key, sub] of Object.entries(s.properties ?? {})) {
        const existing = keys.get(key);
        // The unconditional property carries the description; a then-branch may narrow it.
        if (!existing) keys.set(key, sub);
      }
    }
    return keys;
  }

  /** Values allowed at `path`: enum members, and true/false for a boolean. */
  valuesAt(path: readonly Segment[], valueAt: (path: readonly Segment[]) => unknown): unknown[] {
    const values: unknown[] = [];
    for (const s of this.schemasAt(path, valueAt)) {
      for (const v of s.enum ?? []) if (!values.includes(v)) values.push(v);
      const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
      if (types.includes("boolean")) for (const v of [true, false]) if (!values.includes(v)) values.push(v);
    }
    return values;
  }

  /** The first description and Python type found for the node at `path`. */
  describe(
    path: readonly Segment[],
    valueAt: (path: readonly Segment[]) => unknown,
  ): { description?: string; pythonType?: string } {
    if (path.length === 0) return {};
    const parent = path.slice(0, -1);
    const key = path[path.length - 1]!;
    if (typeof key === "number") return {};
    const sub = this.keysAt(parent, valueAt).get(key);
    if (!sub) return {};
    return {
      ...(sub.description ? { description: sub.description } : {}),
      ...(sub["x-python-type"] ? { pythonType: sub["x-python-type"] } : {}),
    };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
