/**
 * zero_optimization.leaf_module: runtime/zero/leaf_module_config.py DeepSpeedZeroLeafModuleConfig. Its
 * `_coerce_container_types` validator turns null into {} and a lone string into a one-item list, and refuses
 * anything but a mapping; each field is List[str].
 */
import { zeroFieldByKey } from "../catalog.js";
import type { RuleContext } from "../context.js";
import { isPlainObject, show } from "../values.js";
import { atLeast } from "../version.js";

const FIELDS = ["classes", "names", "name_suffixes"];
const PATH = "zero_optimization.leaf_module";

export function checkLeafModule(ctx: RuleContext): void {
  const zero = ctx.config.zero_optimization;
  if (!isPlainObject(zero) || !("leaf_module" in zero)) return;
  const since = zeroFieldByKey.get("leaf_module")?.since;
  if (since && !atLeast(ctx.version, since)) return; // ds/field-too-new
  const value = zero.leaf_module;
  if (value === null) return; // coerced to {}: the default leaf classes apply
  if (!isPlainObject(value)) {
    ctx.report(
      "error",
      "ds/type",
      PATH,
      `${PATH} = ${show(value)}: leaf_module configuration must be a mapping of fields to values (DeepSpeedZeroLeafModuleConfig._coerce_container_types).`,
    );
    return;
  }
  for (const key of FIELDS) {
    if (!(key in value)) continue;
    const entries = value[key];
    if (typeof entries === "string") continue; // coerced to [entries]
    const ok = Array.isArray(entries) && entries.every((entry) => typeof entry === "string");
    if (ok) continue;
    ctx.report(
      "error",
      "ds/type",
      `${PATH}.${key}`,
      `${PATH}.${key} must be a list of strings (module class paths or names), got ${show(entries)} (DeepSpeedZeroLeafModuleConfig: List[str]).`,
    );
  }
}
