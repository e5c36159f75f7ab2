// Walks a resolved config along ROLL's dataclass tree, the way `dacite.from_dict` reads it:
// - a key that is not a field of its dataclass is dropped without a word → `roll/unknown-key` (warning);
// - a value that does not match the annotation raises WrongTypeError → `roll/schema` (error).
// Free-form `Dict` fields (strategy_config, custom_envs, system_envs, …) are not descended into.
import type { Dataclass, DataclassCatalogue } from "../dataclass-catalogue.js";
import { type ConfigPath, diagnostic, type RollDiagnostic } from "../diagnostic.js";
import { didYouMean } from "../did-you-mean.js";
import { accepts, describeType, isPlainObject, isPyInt, type PyType } from "../python-type.js";

export interface DataclassCheckOptions {
  /** Top-level keys used as interpolation sources or brought in by presets: never reported as dropped. */
  variables?: ReadonlySet<string>;
  /** The other release's catalogue, to say "this field only exists in ROLL 0.x". */
  otherRelease?: DataclassCatalogue;
}

export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (isPyInt(value)) return "int";
  if (typeof value === "number") return "float";
  if (Array.isArray(value)) return "list";
  return "dict";
}

export function checkDataclassFields(
  catalogue: DataclassCatalogue,
  root: Dataclass,
  config: Record<string, unknown>,
  options: DataclassCheckOptions = {},
): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];

  const walkClass = (cls: Dataclass, value: Record<string, unknown>, path: ConfigPath) => {
    for (const [key, child] of Object.entries(value)) {
      const field = cls.fields.get(key);
      if (field) {
        walkValue(field.type, child, [...path, key], cls.module);
        continue;
      }
      if (path.length === 0 && options.variables?.has(key)) continue;
      out.push(diagnostic("warning", "roll/unknown-key", [...path, key], unknownKeyMessage(cls, key)));
    }
  };

  const unknownKeyMessage = (cls: Dataclass, key: string) => {
    let message = `"${key}" is not a field of ${cls.name}: ROLL (dacite) drops it silently.`;
    const suggestion = didYouMean(key, cls.fields.keys());
    if (suggestion) message += ` Did you mean "${suggestion}"?`;
    const other = options.otherRelease;
    const otherId = other?.resolveName(cls.name, cls.module);
    if (other && otherId && other.get(otherId).fields.has(key)) {
      message += ` It is a field in ROLL ${other.release}.`;
    }
    return message;
  };

  const walkValue = (type: PyType, value: unknown, path: ConfigPath, module: string): void => {
    if (!accepts(type, value)) {
      out.push(diagnostic("error", "roll/schema", path, wrongTypeMessage(type, value)));
      return;
    }
    switch (type.kind) {
      case "class": {
        const cls = catalogue.classOf(type, module);
        if (cls && isPlainObject(value)) walkClass(cls, value, path);
        return;
      }
      case "list":
        (value as unknown[]).forEach((item, i) => walkValue(type.item, item, [...path, i], module));
        return;
      case "dict":
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          walkValue(type.value, v, [...path, k], module);
        }
        return;
      case "union": {
        // dacite tries the arms left to right and keeps the first that builds without a type error.
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
        return Object.values(value as Record<string, unknown>).every((v) => deepAccepts(type.value, v, module));
      case "union":
        return type.options.some((o) => deepAccepts(o, value, module));
      default:
        return true;
    }
  };

  walkClass(root, config, []);
  return out;
}

function wrongTypeMessage(type: PyType, value: unknown): string {
  const expected = describeType(type);
  if (value === null) {
    return `null is not allowed for a field annotated \`${expected}\` (not Optional): dacite raises WrongTypeError. Remove the key to get the default.`;
  }
  const shown = typeof value === "string" ? ` ${JSON.stringify(value)}` : "";
  return `expected \`${expected}\`, got ${pythonTypeName(value)}${shown}: dacite raises WrongTypeError.`;
}
