// Walks a resolved config along ROLL's dataclass tree the way `dacite.from_dict` reads it: field by field,
// union arms left to right (first that builds wins), lists and typed dicts element-wise. Free-form `Dict`
// fields (strategy_config, custom_envs, system_envs, …) are leaves.
import type { Dataclass, DataclassCatalogue } from "./dataclass-catalogue.js";
import type { ConfigPath } from "./diagnostic.js";
import { accepts, isPlainObject, type PyType } from "./python-type.js";

export interface DataclassVisitor {
  /** Called for every dataclass instance, before its fields. */
  onClass?(cls: Dataclass, value: Record<string, unknown>, path: ConfigPath): void;
  onUnknownKey?(cls: Dataclass, key: string, path: ConfigPath): void;
  onWrongType?(type: PyType, value: unknown, path: ConfigPath): void;
}

export function walkDataclasses(
  catalogue: DataclassCatalogue,
  root: Dataclass,
  config: Record<string, unknown>,
  visitor: DataclassVisitor,
): void {
  const walkClass = (cls: Dataclass, value: Record<string, unknown>, path: ConfigPath) => {
    visitor.onClass?.(cls, value, path);
    for (const [key, child] of Object.entries(value)) {
      const field = cls.fields.get(key);
      if (field) walkValue(field.type, child, [...path, key], cls.module);
      else visitor.onUnknownKey?.(cls, key, [...path, key]);
    }
  };

  const walkValue = (type: PyType, value: unknown, path: ConfigPath, module: string): void => {
    if (!accepts(type, value)) {
      visitor.onWrongType?.(type, value, path);
      return;
    }
    switch (type.kind) {
      case "class": {
        const cls = catalogue.classOf(type, module);
        if (cls && isPlainObject(value)) walkClass(cls, value, path);
        return;
      }
      case "list":
        (value as unknown[]).forEach((item, i) => {
          walkValue(type.item, item, [...path, i], module);
        });
        return;
      case "dict":
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          walkValue(type.value, v, [...path, k], module);
        }
        return;
      case "union": {
        const arm =
          type.options.find((o) => deepAccepts(o, value, module)) ??
          type.options.find((o) => accepts(o, value));
        if (arm) walkValue(arm, value, path, module);
        return;
      }
      default:
        return;
    }
  };

  const deepAccepts = (type: PyType, value: unknown, module: string): boolean => {
    if (!accepts(type, value)) return false;
    switch (type.kind) {
      case "class": {
        const cls = catalogue.classOf(type, module);
        if (!cls || !isPlainObject(value)) return true;
        return Object.entries(value).every(([k, v]) => {
          const field = cls.fields.get(k);
          return !field || deepAccepts(field.type, v, cls.module);
        });
      }
      case "list":
        return (value as unknown[]).every((item) => deepAccepts(type.item, item, module));
      case "dict":
        return Object.values(value as Record<string, unknown>).every((v) =>
          deepAccepts(type.value, v, module),
        );
      case "union":
        return type.options.some((o) => deepAccepts(o, value, module));
      default:
        return true;
    }
  };

  walkClass(root, config, []);
}

export interface WorkerAt {
  cls: Dataclass;
  value: Record<string, unknown>;
  path: ConfigPath;
}

/** Every WorkerConfig (or subclass) instance in the config, in document order. */
export function findWorkers(
  catalogue: DataclassCatalogue,
  root: Dataclass,
  config: Record<string, unknown>,
): WorkerAt[] {
  const workers: WorkerAt[] = [];
  walkDataclasses(catalogue, root, config, {
    onClass(cls, value, path) {
      if (cls.lineage.includes("WorkerConfig")) workers.push({ cls, value, path });
    },
  });
  return workers;
}
