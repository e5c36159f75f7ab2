// From the DeepSpeed config a worker ran with to its ROLL 0.3 strategy: pure functions over plain values,
// driven by the rows of mapping.ts.
import {
  type Fsdp2Setting,
  KEYS,
  type KeyCondition,
  type KeyRow,
  NO_COUNTERPART,
  STRATEGIES,
  type StrategyId,
  type StrategyRow,
} from "./mapping.js";

export type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

function at(config: Plain, path: string): unknown {
  let current: unknown = config;
  for (const segment of path.split(".")) {
    if (!isObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** DeepSpeed's ZeRO stage: default 0; undefined when it is not a number DeepSpeed would accept. */
export function zeroStage(config: Plain): number | undefined {
  const stage = at(config, "zero_optimization.stage");
  if (stage === undefined || stage === null) return 0;
  return typeof stage === "number" && Number.isInteger(stage) && stage >= 0 && stage <= 3 ? stage : undefined;
}

/** `"auto"` counts as off: under ROLL nothing fills it and DeepSpeed drops it, leaving the default (false). */
const enabled = (config: Plain, section: string) => at(config, `${section}.enabled`) === true;

const offloadDevice = (config: Plain, block: "offload_optimizer" | "offload_param") => {
  const device = at(config, `zero_optimization.${block}.device`);
  return typeof device === "string" ? device : "none";
};

export function strategyRow(from: StrategyId, stage: number): StrategyRow {
  const row = STRATEGIES.find(
    (r) => r.from === from && (r.when === "any" || (r.when === "zero3") === (stage === 3)),
  );
  if (!row) throw new Error(`no strategy row for ${from} at stage ${stage}`);
  return row;
}

export type Fsdp2Config = Partial<Record<Fsdp2Setting, string | number | boolean>>;

/** The FSDP2 strategy_config for a worker, in the order ROLL's examples write the keys. */
export function fsdp2Settings(config: Plain, stage: number, worldSize: number | undefined): Fsdp2Config {
  const bf16 = enabled(config, "bf16") || enabled(config, "bfloat16");
  const offloaded = (device: string) => device !== "none";
  const offload =
    offloaded(offloadDevice(config, "offload_optimizer")) ||
    (stage === 3 && offloaded(offloadDevice(config, "offload_param")));
  return {
    ...(worldSize !== undefined ? { fsdp_size: worldSize } : {}),
    param_dtype: bf16 ? "bf16" : enabled(config, "fp16") ? "fp16" : "fp32",
    reduce_dtype: "float32",
    reshard_after_forward: stage === 3,
    offload_policy: offload,
  };
}

/** Whether the preset offloaded only the optimizer, which FSDP2's offload policy cannot do alone. */
export function optimizerOnlyOffload(config: Plain, stage: number): boolean {
  return (
    offloadDevice(config, "offload_optimizer") !== "none" &&
    !(stage === 3 && offloadDevice(config, "offload_param") !== "none")
  );
}

function holds(condition: KeyCondition, config: Plain, key: string, stage: number): boolean {
  switch (condition) {
    case "fp16-off":
      return !enabled(config, "fp16");
    case "fp16-on":
      return enabled(config, "fp16");
    case "below-zero3":
      return stage < 3;
    case "offload-off": {
      const block = key.split(".")[1] === "offload_param" ? "offload_param" : "offload_optimizer";
      return offloadDevice(config, block) === "none";
    }
  }
}

function matches(pattern: string, key: string): boolean {
  const p = pattern.split(".");
  const k = key.split(".");
  if (pattern === "*") return true;
  return p.length === k.length && p.every((segment, i) => segment === "*" || segment === k[i]);
}

/** The KEYS row deciding what happens to one DeepSpeed leaf (key path and value). */
export function keyRow(key: string, value: unknown, config: Plain, stage: number): KeyRow {
  for (const row of KEYS) {
    if (!row.keys.some((pattern) => matches(pattern, key))) continue;
    if (row.values && !row.values.some((v) => v === value)) continue;
    if (row.when && !holds(row.when, config, key, stage)) continue;
    return row;
  }
  return NO_COUNTERPART;
}

/** Every leaf of a DeepSpeed config as a dotted path (an empty mapping counts as a leaf). */
export function leaves(config: Plain, prefix = ""): { key: string; value: unknown }[] {
  const out: { key: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v) && Object.keys(v).length > 0) out.push(...leaves(v, key));
    else out.push({ key, value: v });
  }
  return out;
}
