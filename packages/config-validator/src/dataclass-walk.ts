// Walks a resolved config along ROLL's dataclass tree the way `dacite.from_dict` reads it: field by field,
// union arms left to right (first that builds wins), lists and typed dicts element-wise. Free-form `Dict`
// fields (strategy_config, custom_envs, system_envs, …) are leaves. It walks the view's nodes (a finding is
// made at the node it is about); types are judged on each node's plain value, as dacite sees it.
import type { Dataclass, DataclassCatalogue } from "./dataclass-catalogue.js";
import type { ConfigNode } from "./node-tree.js";
import { accepts, isPlainObject, type PyType } from "./python-type.js";

export interface DataclassVisitor {
  /** Called for every dataclass instance, before its fields. */
  onClass?(cls: Dataclass, node: ConfigNode): void;
  /** `node`: the entry whose key is not a field of `cls`. */
  onUnknownKey?(cls: Dataclass, key: string, node: ConfigNode): void;
  onWrongType?(type: PyType, node: ConfigNode): void;
}

export function walkDataclasses(
  catalogue: DataclassCatalogue,
  root: Dataclass,
  config: ConfigNode,
  visitor: DataclassVisitor,
): void {
  const walkClass = (cls: Dataclass, node: ConfigNode) => {
    visitor.onClass?.(cls, node);
    for (const child of node.children()) {
      const key = String(child.segment);
      const field = cls.fields.get(key);
      if (field) walkValue(field.type, child, cls.module);
      else visitor.onUnknownKey?.(cls, key, child);
    }
  };

  const walkValue = (type: PyType, node: ConfigNode, module: string): void => {
    const value = node.plain;
    if (!accepts(type, value)) {
      visitor.onWrongType?.(type, node);
      return;
    }
    switch (type.kind) {
      case "class": {
        const cls = catalogue.classOf(type, module);
        if (cls && isPlainObject(value)) walkClass(cls, node);
        return;
      }
      case "list":
      case "dict": {
        const item = type.kind === "list" ? type.item : type.value;
        for (const child of node.children()) walkValue(item, child, module);
        return;
      }
      case "union": {
        const arm =
          type.options.find((o) => deepAccepts(o, value, module)) ??
          type.options.find((o) => accepts(o, value));
        if (arm) walkValue(arm, node, module);
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

  walkClass(root, config);
}

export interface WorkerAt {
  cls: Dataclass;
  /** Where the worker's mapping is in the view: its fields are read and its findings made from here. */
  node: ConfigNode;
}

/** An onClass that collects every WorkerConfig (or subclass) instance the walk meets, in document order. */
export function collectWorkers(workers: WorkerAt[]): NonNullable<DataclassVisitor["onClass"]> {
  return (cls, node) => {
    if (cls.lineage.includes("WorkerConfig")) workers.push({ cls, node });
  };
}
