/** What DeepSpeed uses for a key a config leaves out, for `roll-config presets diff`. */
import { topLevelFieldByKey, zeroFieldByKey } from "./catalog.js";

export interface DeepSpeedDefault {
  /** Python str() of the default (True, None, 1.0, 500000000, cpu), comparable with a YAML value printed by Python. */
  value: string;
  /** First release with the current default, when it changed between releases (reference §0.7, §b.5). */
  changedIn?: string;
}

/** Defaults that changed between DeepSpeed releases (config-reference.md §0.7). */
const CHANGED_IN: Record<string, string> = {
  gradient_clipping: "0.19.3",
  "bf16.check_grad_overflow": "0.19.3",
  "bf16.immediate_grad_update": "0.17.1",
  "zero_optimization.offload_param.pin_memory": "0.19.5",
  "zero_optimization.offload_optimizer.pin_memory": "0.19.5",
};

/** JSON default + catalogue type -> Python str(); undefined for containers and dynamic defaults. */
function pythonStr(type: string, defaultText: string): string | undefined {
  if (defaultText === "sys.maxsize") return "9223372036854775807";
  const value: unknown = JSON.parse(defaultText);
  if (value === null) return type.includes("null") ? "None" : undefined;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    // JSON loses int vs float; the catalogue type says which one Python holds.
    const isFloat = type.split("|").includes("number");
    return isFloat && Number.isInteger(value) ? `${value}.0` : String(value);
  }
  return undefined;
}

function specFor(path: string): { type: string; defaultText: string } | undefined {
  if (path.startsWith("zero_optimization.")) {
    const spec = zeroFieldByKey.get(path.slice("zero_optimization.".length));
    // overlap_comm's null means "stage == 3": no single default to report.
    return spec && spec.name !== "overlap_comm" ? spec : undefined;
  }
  const [section, sub, ...rest] = path.split(".");
  const spec = topLevelFieldByKey.get(section as string);
  if (!spec || rest.length > 0) return undefined;
  return sub === undefined ? spec : spec.subfields.find((field) => field.name === sub);
}

/** DeepSpeed's default for a dotted key, or undefined when the catalogue has no scalar default for it. */
export function defaultFor(path: string): DeepSpeedDefault | undefined {
  const spec = specFor(path);
  if (!spec) return undefined;
  const value = pythonStr(spec.type, spec.defaultText);
  if (value === undefined) return undefined;
  const changedIn = CHANGED_IN[path];
  return changedIn ? { value, changedIn } : { value };
}
