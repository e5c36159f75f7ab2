import type { RuleContext } from "../context.js";
import { isPlainObject } from "../values.js";

/**
 * "???" is OmegaConf's mandatory-value marker (a preset's "you must set this", e.g. ZeRO-Infinity's
 * nvme_path). OmegaConf.to_container keeps it as the literal string, so DeepSpeed would take "???" as a value.
 */
export function checkMissingValues(ctx: RuleContext): void {
  const stack: [unknown, string, string[]][] = [[ctx.config, "", []]];
  while (stack.length > 0) {
    const [value, path, segments] = stack.pop()!;
    if (value === "???") {
      ctx.report(
        "error",
        "ds/missing-value",
        path,
        `${path} is "???" (a value the preset requires you to set); DeepSpeed would receive the literal string "???".`,
        segments,
      );
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) stack.push([item, `${path}[${i}]`, [...segments, String(i)]]);
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value))
        stack.push([child, path ? `${path}.${key}` : key, [...segments, key]]);
    }
  }
}
