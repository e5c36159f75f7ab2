/** DeepSpeed's batch derivation and assertions (config.py::_set_batch_related_parameters/_batch_assertion; reference §c.1). */
import type { RuleContext } from "../context.js";
import { isPlainObject, laxBool } from "../values.js";

const KEYS = {
  tb: "train_batch_size",
  mb: "train_micro_batch_size_per_gpu",
  gas: "gradient_accumulation_steps",
} as const;

type Slot = { state: "absent" } | { state: "unknown" } | { state: "value"; value: number };

/** A batch key as DeepSpeed will see it; "unknown" when the caller fills it ("auto" or absent) or its type is wrong. */
function readSlot(ctx: RuleContext, key: string): Slot {
  const value = ctx.config[key];
  if (typeof value === "number" && Number.isInteger(value)) return { state: "value", value };
  if (ctx.filledByCaller.has(key)) return { state: "unknown" };
  if (value === undefined || value === null) return { state: "absent" };
  // "auto", strings and fractions: other rules report them; the arithmetic cannot be judged.
  return { state: "unknown" };
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);

export function checkBatch(ctx: RuleContext): void {
  const elasticity = ctx.config.elasticity;
  if (isPlainObject(elasticity) && laxBool(elasticity.enabled)) {
    checkElasticBatch(ctx, elasticity);
    return; // elasticity computes the batch itself
  }
  const tb = readSlot(ctx, KEYS.tb);
  const mb = readSlot(ctx, KEYS.mb);
  const gas = readSlot(ctx, KEYS.gas);

  if (tb.state === "absent" && mb.state === "absent") {
    ctx.report(
      "error",
      "ds/batch-missing",
      KEYS.tb,
      "AssertionError: Either train_batch_size or train_micro_batch_size_per_gpu needs to be provided",
    );
    return;
  }
  for (const [slot, key, label] of [
    [tb, KEYS.tb, "Train batch size"],
    [mb, KEYS.mb, "Micro batch size per gpu"],
    [gas, KEYS.gas, "Gradient accumulation steps"],
  ] as const) {
    if (slot.state === "value" && slot.value <= 0) {
      ctx.report("error", "ds/range", key, `${label}: ${slot.value} has to be greater than 0`);
      return;
    }
  }
  if (tb.state === "unknown" || mb.state === "unknown" || gas.state === "unknown") return;
  if (ctx.worldSize === undefined) {
    checkWithoutWorldSize(ctx, tb, mb, gas);
    return;
  }
  checkWithWorldSize(ctx, tb, mb, gas, ctx.worldSize);
}

/** Without a world size only an all-three config can be judged: tb must be a multiple of mb × gas. */
function checkWithoutWorldSize(ctx: RuleContext, tb: Slot, mb: Slot, gas: Slot): void {
  if (tb.state !== "value" || mb.state !== "value" || gas.state !== "value") return;
  const perRank = mb.value * gas.value;
  if (tb.value % perRank === 0) return;
  ctx.report(
    "error",
    "ds/batch-invariant",
    KEYS.tb,
    `train_batch_size ${tb.value} is not a multiple of train_micro_batch_size_per_gpu × gradient_accumulation_steps = ${mb.value} × ${gas.value}, so for every world size DeepSpeed raises "Check batch related parameters. train_batch_size is not equal to micro_batch_per_gpu * gradient_acc_step * world_size".`,
  );
}

function checkWithWorldSize(ctx: RuleContext, tbSlot: Slot, mbSlot: Slot, gasSlot: Slot, ws: number): void {
  let tb = tbSlot.state === "value" ? tbSlot.value : undefined;
  let mb = mbSlot.state === "value" ? mbSlot.value : undefined;
  let gas = gasSlot.state === "value" ? gasSlot.value : undefined;
  // The derivation table of reference §c.1 (floor division, as in Python).
  if (tb !== undefined && mb !== undefined && gas === undefined) gas = floorDiv(floorDiv(tb, mb), ws);
  else if (tb !== undefined && gas !== undefined && mb === undefined) mb = floorDiv(floorDiv(tb, ws), gas);
  else if (mb !== undefined && gas !== undefined && tb === undefined) tb = mb * gas * ws;
  else if (tb !== undefined && mb === undefined && gas === undefined) {
    gas = 1;
    mb = floorDiv(tb, ws);
  } else if (mb !== undefined && tb === undefined) {
    gas = 1;
    tb = mb * ws;
  }
  if (tb === undefined || mb === undefined || gas === undefined) return;
  const derived = (name: string) => (ctx.config[name] === undefined ? " (derived by DeepSpeed)" : "");
  if (mb <= 0) {
    ctx.report(
      "error",
      "ds/batch-invariant",
      KEYS.mb,
      `Micro batch size per gpu: ${mb} has to be greater than 0${derived(KEYS.mb)}`,
    );
  } else if (gas <= 0) {
    ctx.report(
      "error",
      "ds/batch-invariant",
      KEYS.gas,
      `Gradient accumulation steps: ${gas} has to be greater than 0${derived(KEYS.gas)}`,
    );
  } else if (tb !== mb * gas * ws) {
    ctx.report(
      "error",
      "ds/batch-invariant",
      KEYS.tb,
      `Check batch related parameters. train_batch_size is not equal to micro_batch_per_gpu * gradient_acc_step * world_size ${tb} != ${mb} * ${gas} * ${ws}`,
    );
  }
}

/** With elasticity the batch keys are computed; user values must be absent unless told to ignore them (§b.2). */
function checkElasticBatch(ctx: RuleContext, elasticity: Record<string, unknown>): void {
  if (laxBool(elasticity.ignore_non_elastic_batch_info) === true) return;
  const given = Object.values(KEYS).filter(
    (key) => ctx.config[key] !== undefined && ctx.config[key] !== null,
  );
  if (given.length === 0) return;
  ctx.report(
    "error",
    "ds/elasticity-batch",
    given[0] as string,
    `elasticity is enabled and ${given.join(", ")} ${given.length === 1 ? "is" : "are"} set: ElasticityConfigError: One or more batch related parameters were found in your ds_config (set elasticity.ignore_non_elastic_batch_info to keep them).`,
  );
}
