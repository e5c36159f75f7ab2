/**
 * checkpoint.parallel_write: runtime/config.py get_checkpoint_parallel_write_pipeline reads it with .get and
 * accepts only `pipeline_stage in [True, False]` (so 0 and 1 pass, "true" does not).
 */
import type { RuleContext } from "../context.js";
import { didYouMean, isPlainObject, show } from "../values.js";

const PARALLEL_WRITE_KEYS = ["pipeline_stage"];
const SOURCE = "runtime/config.py get_checkpoint_parallel_write_pipeline";

export function checkCheckpoint(ctx: RuleContext): void {
  const checkpoint = ctx.config.checkpoint;
  if (!isPlainObject(checkpoint) || !("parallel_write" in checkpoint)) return;
  const block = checkpoint.parallel_write;
  if (!isPlainObject(block)) {
    ctx.report(
      "error",
      "ds/type",
      "checkpoint.parallel_write",
      `checkpoint.parallel_write must be a mapping such as {"pipeline_stage": true}, got ${show(block)}: DeepSpeed calls .get on it (AttributeError; ${SOURCE}).`,
    );
    return;
  }
  for (const key of Object.keys(block)) {
    if (PARALLEL_WRITE_KEYS.includes(key)) continue;
    ctx.report(
      "warning",
      "ds/ignored-key",
      `checkpoint.parallel_write.${key}`,
      `Unknown key "${key}" in checkpoint.parallel_write: DeepSpeed reads only pipeline_stage and silently ignores it.${didYouMean(key, PARALLEL_WRITE_KEYS)}`,
      ["checkpoint", "parallel_write", key],
    );
  }
  if (!("pipeline_stage" in block)) return;
  const value = block.pipeline_stage;
  if (value === true || value === false || value === 0 || value === 1) return;
  ctx.report(
    "error",
    "ds/type",
    "checkpoint.parallel_write.pipeline_stage",
    `DeepSpeedConfigError: checkpoint::parallel_write::pipeline_stage value of '${value === null ? "None" : String(value)}' is invalid, expecting: true or false (${SOURCE}).`,
  );
}
