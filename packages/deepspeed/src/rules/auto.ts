/** "auto" is an HF transformers/accelerate convention: DeepSpeed itself never resolves it (reference §d.3). */
import { zeroFieldByKey } from "../catalog.js";
import { precisionIsStrict, type RuleContext } from "../context.js";
import { autoValues } from "../values.js";

/**
 * Top-level sections DeepSpeed parses with a pydantic model (extra="forbid"), whatever the release; fp16 and
 * bf16 join them from 0.17.1 (PRECISION_STRICT_SINCE). The JSON Schema generator reads this list too.
 */
export const STRICT_SECTIONS: readonly string[] = [
  "zero_optimization",
  "tensorboard",
  "wandb",
  "csv_monitor",
  "comet",
  "comms_logger",
  "hybrid_engine",
  "tensor_parallel",
  "compile",
  "timers",
  "weight_quantization",
];

function dropConsequence(path: string): string {
  if (path === "zero_optimization.stage") return "so DeepSpeed silently runs ZeRO stage 0";
  const key = path.replace(/^zero_optimization\./, "");
  const spec = zeroFieldByKey.get(key);
  return spec ? `so DeepSpeed's default ${spec.defaultText} applies` : "so DeepSpeed's default applies";
}

export function checkAuto(ctx: RuleContext): void {
  for (const { path, segments } of autoValues(ctx.config)) {
    if (ctx.filledByCaller.has(path)) continue;
    const section = path.split(".")[0] as string;
    const strict =
      STRICT_SECTIONS.includes(section) ||
      ((section === "fp16" || section === "bf16") && precisionIsStrict(ctx));
    if (strict) {
      // Dropping a tuning knob only restores a documented default; dropping a mode switch changes behaviour.
      const switchesMode = /(^zero_optimization\.stage$|\.enabled$|\.device$)/.test(path);
      ctx.report(
        switchesMode ? "warning" : "info",
        "ds/auto-dropped",
        path,
        `${path} is "auto" and nothing fills it: DeepSpeedConfigModel drops "auto" values, ${dropConsequence(path)}. Set a number, or fill it (HF Trainer/accelerate, or roll-config --fill-auto).`,
        segments,
      );
    } else if (path.endsWith(".enabled")) {
      // dict.get: the string is truthy, so DeepSpeed starts with the mode on (no error, a silent switch).
      ctx.report(
        "warning",
        "ds/auto-unfilled",
        path,
        `${path} is "auto" and nothing fills it: only HF transformers/accelerate resolve "auto"; DeepSpeed ${ctx.versionText} reads it with dict.get and treats the non-empty string as true, so the mode is switched on. Set true or false, or fill it (roll-config --fill-auto).`,
        segments,
      );
    } else {
      ctx.report(
        "error",
        "ds/auto-unfilled",
        path,
        `${path} is "auto" and nothing fills it: only HF transformers/accelerate resolve "auto"; DeepSpeed reads this key with dict.get and fails on the string (e.g. TypeError: '>' not supported between instances of 'str' and 'int'). Set a value, or fill it (roll-config --fill-auto).`,
        segments,
      );
    }
  }
}
