// A tree as Python sees it, in the JSON shape scripts/config-resolver/read-yaml-with-omegaconf.py records:
// ["None"], ["bool", b], ["int", "digits"], ["float", x], ["str", s], ["bytes", base64], ["list", [...]],
// ["dict", [[key, value], ...]] (key order kept; int 1, float 1.0 and str "1" stay apart).
import { readFileSync } from "node:fs";
import type { Key, Node, Scalar } from "../../src/model.js";
import { isBytesNode } from "../../src/python/bytes.js";

export type PythonView = unknown[];

function scalarView(value: Scalar | Key): PythonView {
  if (value === null) return ["None"];
  if (typeof value === "boolean") return ["bool", value];
  if (typeof value === "bigint") return ["int", value.toString()];
  if (typeof value === "number") return ["float", value];
  return ["str", value];
}

export function pythonView(node: Node): PythonView {
  if (isBytesNode(node)) return ["bytes", Buffer.from(String(node.value), "base64").toString("base64")];
  if (node.kind === "scalar") return scalarView(node.value);
  if (node.kind === "list") return ["list", node.items.map(pythonView)];
  return ["dict", [...node.entries.values()].map((e) => [scalarView(e.key), pythonView(e.node)])];
}

/** Python's float repr as a number ("nan", "inf", "-inf" included), everywhere in a recorded view. */
function numbersIn(view: unknown): unknown {
  if (!Array.isArray(view)) return view;
  if (view[0] === "float" && typeof view[1] === "string") {
    const text = view[1];
    const special: Record<string, number> = { nan: Number.NaN, inf: Infinity, "-inf": -Infinity };
    return ["float", special[text] ?? Number(text)];
  }
  return view.map(numbersIn);
}

export interface RecordedYaml {
  /** The text toYaml wrote when it was recorded. */
  yaml: string;
  /** How OmegaConf's loader read that text. */
  python: PythonView;
}

export function readRecordedYaml(url: URL): Record<string, RecordedYaml> {
  const data = JSON.parse(readFileSync(url, "utf8")) as {
    cases: { name: string; yaml: string; python: unknown }[];
  };
  const out: Record<string, RecordedYaml> = {};
  for (const c of data.cases) out[c.name] = { yaml: c.yaml, python: numbersIn(c.python) as PythonView };
  return out;
}
