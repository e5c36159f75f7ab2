// Turns a parsed YAML node into plain JS data typed the way OmegaConf 2.2 (PyYAML 1.1 rules) types it.
// Only unambiguous plain scalars are accepted, so eemeli/yaml and OmegaConf cannot disagree
// (see yaml-scalars.md: `y`, `08`, `+.5`, `1e5`, dates, ... type differently between the two).
import { isMap, isScalar, isSeq, type Node, Scalar } from "yaml";
import type { PresetSourceError } from "./source-error.js";

export type ErrorAt = (offset: number | undefined, reason: string) => PresetSourceError;

export interface TypedValues {
  value: unknown;
  /** Dotted paths of floats (kept because JS prints 1.0e+9 as 1000000000). */
  floatPaths: string[];
  /** Dotted paths of "???" (OmegaConf's mandatory-value marker). */
  mandatoryPaths: string[];
}

const INT = /^[-+]?(0|[1-9][0-9]*)$/;
// Floats PyYAML and OmegaConf both read as floats: a dot is required, the exponent sign is optional.
const FLOAT = /^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/;
const BOOL = /^(true|True|TRUE|false|False|FALSE)$/;
const NULL = /^(null|Null|NULL|~)$/;
// Plain strings that some YAML reader would turn into something else.
const AMBIGUOUS =
  /^([-+.0-9][-+.0-9_:eExXoObB]*|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|\.inf|\.nan.*)$/i;

export function toTypedValues(root: Node, errorAt: ErrorAt): TypedValues {
  const floatPaths: string[] = [];
  const mandatoryPaths: string[] = [];

  const visit = (node: unknown, path: string): unknown => {
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key;
        if (
          !isScalar(key) ||
          typeof key.value !== "string" ||
          key.type !== Scalar.PLAIN ||
          AMBIGUOUS.test(key.value)
        ) {
          throw errorAt(
            isScalar(key) ? key.range?.[0] : undefined,
            "keys must be plain, unambiguous strings",
          );
        }
        if (key.value in out) throw errorAt(key.range?.[0], `duplicate key "${key.value}"`);
        out[key.value] = visit(pair.value, path === "" ? key.value : `${path}.${key.value}`);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((item, i) => visit(item, `${path}.${i}`));
    if (isScalar(node)) return scalar(node, path);
    throw errorAt(
      undefined,
      `unsupported YAML node at "${path}" (anchors, aliases and tags are not used in presets)`,
    );
  };

  const scalar = (node: Scalar, path: string): unknown => {
    const at = node.range?.[0];
    if (node.tag) throw errorAt(at, `explicit tag ${node.tag} is not allowed`);
    if (node.type !== Scalar.PLAIN) {
      if (node.value === "???") mandatoryPaths.push(path);
      return String(node.value);
    }
    const text = node.source ?? String(node.value);
    if (INT.test(text)) return checkedNumber(Number(text), text, at);
    if (FLOAT.test(text)) {
      floatPaths.push(path);
      return checkedNumber(Number(text), text, at);
    }
    if (BOOL.test(text)) return text.toLowerCase() === "true";
    if (NULL.test(text)) return null;
    if (AMBIGUOUS.test(text)) {
      throw errorAt(
        at,
        `"${text}" types differently in OmegaConf and YAML 1.2; quote it or write a plain int/float`,
      );
    }
    if (text === "???") mandatoryPaths.push(path);
    return text;
  };

  const checkedNumber = (n: number, text: string, at: number | undefined): number => {
    if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
      throw errorAt(at, `number ${text} cannot be represented exactly in JavaScript`);
    }
    return n;
  };

  return { value: visit(root, ""), floatPaths, mandatoryPaths };
}
