// ROLL's config dataclasses per release: which fields a class has (base-class fields included) and the
// parsed annotation of each, from the generated copy of fields-0.X.json.
import { PIPELINE_DEFINITIONS, type RollPipeline, type RollRelease } from "@roll/config-types";
import { ROLL_FIELDS } from "./generated/roll-fields.js";
import { type PyType, parsePyType } from "./python-type.js";

export type { RollPipeline, RollRelease };

export interface RollFieldEntry {
  name: string;
  type: string;
  default: string | null;
}
export interface RollClassEntry {
  name: string;
  module: string;
  bases: string[];
  fields: RollFieldEntry[];
}
/** Keyed by `ClassName@python.module`. */
export type RollFieldCatalogue = Record<string, RollClassEntry>;

export interface DataclassField {
  name: string;
  annotation: string;
  type: PyType;
  default: string | null;
}
export interface Dataclass {
  id: string;
  name: string;
  module: string;
  /** This class's name and its ancestors' names, nearest first. */
  lineage: string[];
  /** Own and inherited fields, base-class fields first. */
  fields: Map<string, DataclassField>;
}

/** The dataclass at the root of each pipeline's config: the schema's pipeline definitions. */
export const PIPELINE_ROOT_CLASS: Record<RollPipeline, string> = PIPELINE_DEFINITIONS;

export class DataclassCatalogue {
  private static readonly shared = new Map<RollRelease, DataclassCatalogue>();
  private readonly cache = new Map<string, Dataclass>();
  private readonly names = new Map<string, string | undefined>();

  /** One catalogue per release: parsed annotations are reused across validations. */
  static forRelease(release: RollRelease): DataclassCatalogue {
    let catalogue = DataclassCatalogue.shared.get(release);
    if (!catalogue) {
      catalogue = new DataclassCatalogue(release);
      DataclassCatalogue.shared.set(release, catalogue);
    }
    return catalogue;
  }

  constructor(
    readonly release: RollRelease,
    private readonly entries: RollFieldCatalogue = ROLL_FIELDS[release],
  ) {}

  /** Resolves a class name as Python would see it from `fromModule`: same module first, else unique. */
  resolveName(name: string, fromModule?: string): string | undefined {
    if (fromModule && this.entries[`${name}@${fromModule}`]) return `${name}@${fromModule}`;
    // Once per name: the walks ask for a worker's classes at every worker.
    if (!this.names.has(name)) {
      const matches = Object.keys(this.entries).filter((id) => id.startsWith(`${name}@`));
      this.names.set(name, matches.length === 1 ? matches[0] : undefined);
    }
    return this.names.get(name);
  }

  pipelineClass(pipeline: RollPipeline): Dataclass | undefined {
    const id = this.resolveName(PIPELINE_ROOT_CLASS[pipeline]);
    return id ? this.get(id) : undefined;
  }

  get(id: string): Dataclass {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const entry = this.entries[id];
    if (!entry) throw new Error(`unknown ROLL dataclass ${id}`);
    const fields = new Map<string, DataclassField>();
    const lineage = [entry.name];
    for (const base of entry.bases) {
      const baseId = this.resolveName(base, entry.module);
      if (!baseId) continue;
      const baseClass = this.get(baseId);
      lineage.push(...baseClass.lineage);
      for (const [name, field] of baseClass.fields) fields.set(name, field);
    }
    // A re-declared field keeps the base position (Map.set on an existing key) with the new default.
    for (const f of entry.fields) fields.set(f.name, fieldOf(f));
    const cls: Dataclass = { id, name: entry.name, module: entry.module, lineage, fields };
    this.cache.set(id, cls);
    return cls;
  }

  /** The dataclass a `class` type node names, seen from the module that declared the field. */
  classOf(type: PyType, fromModule: string): Dataclass | undefined {
    if (type.kind !== "class") return undefined;
    const id = this.resolveName(type.name, fromModule);
    return id ? this.get(id) : undefined;
  }
}

/** A field whose annotation is parsed when first read: a config sets few of a class's fields. */
function fieldOf(entry: RollFieldEntry): DataclassField {
  let type: PyType | undefined;
  return {
    name: entry.name,
    annotation: entry.type,
    get type() {
      type ??= parsePyType(entry.type);
      return type;
    },
    default: entry.default,
  };
}

const PIPELINES = Object.keys(PIPELINE_ROOT_CLASS) as RollPipeline[];

/**
 * Each pipeline's distinctive keys in a release's catalogue: the fields of its root dataclass no other
 * pipeline's has. Computed by the generator (scripts/generate-roll-fields.ts) into PIPELINE_KEYS, so pipeline
 * detection (detect.ts) reads none of the dataclasses.
 */
export function distinctiveKeys(catalogue: DataclassCatalogue): Partial<Record<RollPipeline, string[]>> {
  const fieldSets = new Map<RollPipeline, Set<string>>();
  for (const pipeline of PIPELINES) {
    const cls = catalogue.pipelineClass(pipeline);
    if (cls) fieldSets.set(pipeline, new Set(cls.fields.keys()));
  }
  const count = new Map<string, number>();
  for (const fields of fieldSets.values()) for (const f of fields) count.set(f, (count.get(f) ?? 0) + 1);
  return Object.fromEntries(
    [...fieldSets].map(([pipeline, fields]) => [pipeline, [...fields].filter((f) => count.get(f) === 1)]),
  );
}
