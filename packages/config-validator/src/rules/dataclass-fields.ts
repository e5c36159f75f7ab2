// dacite's reading of the config: a key that is not a field of its dataclass is dropped without a word
// (`roll/unknown-key`, warning); a value that does not match the annotation raises WrongTypeError
// (`roll/schema`, error).
import type { Dataclass, DataclassCatalogue } from "../dataclass-catalogue.js";
import { type DataclassVisitor, walkDataclasses } from "../dataclass-walk.js";
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import { didYouMean } from "../did-you-mean.js";
import type { ConfigNode } from "../node-tree.js";
import { describeType, isPyInt, type PyType } from "../python-type.js";

export interface DataclassCheckOptions {
  /** Top-level keys used as interpolation sources or brought in by presets: never reported as dropped. */
  variables?: ReadonlySet<string>;
  /** The other release's catalogue, to say "this field exists in ROLL 0.x". */
  otherRelease?: DataclassCatalogue;
  /** Called for every dataclass instance the walk meets (validateConfig collects the workers there). */
  onClass?: DataclassVisitor["onClass"];
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
  config: ConfigNode,
  options: DataclassCheckOptions = {},
): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  walkDataclasses(catalogue, root, config, {
    onClass: options.onClass,
    onUnknownKey(cls, key, node) {
      if (node.parent === config && options.variables?.has(key)) return;
      const message = unknownKeyMessage(cls, key, options.otherRelease);
      // About the key: it sits where it was written, whatever its value was interpolated from.
      out.push(diagnostic("warning", "roll/unknown-key", node, message, "key"));
    },
    onWrongType(type, node) {
      out.push(diagnostic("error", "roll/schema", node, wrongTypeMessage(type, node.plain)));
    },
  });
  return out;
}

function unknownKeyMessage(cls: Dataclass, key: string, other: DataclassCatalogue | undefined): string {
  let message = `"${key}" is not a field of ${cls.name}: ROLL (dacite) drops it silently.`;
  const suggestion = didYouMean(key, cls.fields.keys());
  if (suggestion) message += ` Did you mean "${suggestion}"?`;
  const otherId = other?.resolveName(cls.name, cls.module);
  if (other && otherId && other.get(otherId).fields.has(key)) {
    message += ` It is a field in ROLL ${other.release}.`;
  }
  return message;
}

function wrongTypeMessage(type: PyType, value: unknown): string {
  const expected = describeType(type);
  if (value === null) {
    return `null is not allowed for a field annotated \`${expected}\` (not Optional): dacite raises WrongTypeError. Remove the key to get the default.`;
  }
  const shown = typeof value === "string" ? ` ${JSON.stringify(value)}` : "";
  return `expected \`${expected}\`, got ${pythonTypeName(value)}${shown}: dacite raises WrongTypeError.`;
}
