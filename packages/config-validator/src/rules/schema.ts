// The release's resolved JSON Schema (@roll/config-types) as a second opinion on types and values.
// Unknown keys are left to roll/unknown-key (which knows the "variables" idiom and suggests names), and a
// schema error at a path another rule already explains is not repeated.
import { type ConfigPath, dotted, type RollDiagnostic, targetOf, withTarget } from "../diagnostic.js";
import { segmentsOf } from "../node-tree.js";
import { validateRoll } from "../schema-check.js";
import type { RuleContext } from "./context.js";

/** `/actor_train/model_args/dtype` → `["actor_train", "model_args", "dtype"]` (RFC 6901 unescaped). */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `/actor_train/model_args/dtype` → `actor_train.model_args.dtype`. */
export function pointerToDotted(pointer: string): string {
  return dotted(pointerSegments(pointer));
}

/** One path lies inside the other (or is the same). */
const overlaps = (a: ConfigPath, b: ConfigPath): boolean =>
  a.length <= b.length ? a.every((s, i) => String(s) === String(b[i])) : overlaps(b, a);

export function checkSchema(ctx: RuleContext, explained: readonly RollDiagnostic[]): RollDiagnostic[] {
  const errors = explained
    .filter((d) => d.severity === "error")
    .map((d) => targetOf(d)?.path ?? segmentsOf(ctx.config, d.path));
  const { errors: schemaErrors } = validateRoll(ctx.config, { release: ctx.release, pipeline: ctx.pipeline });
  return schemaErrors
    .filter((e) => e.keyword !== "additionalProperties")
    .map((e) => ({ segments: pointerSegments(e.path), path: pointerToDotted(e.path), message: e.message }))
    .filter((e) => !errors.some((path) => overlaps(path, e.segments)))
    .map((e) =>
      withTarget(
        {
          severity: "error" as const,
          code: "roll/schema",
          path: e.path,
          message: `${e.path || "config"} ${e.message} (ROLL ${ctx.release} schema).`,
        },
        e.segments,
      ),
    );
}
