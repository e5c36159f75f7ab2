// `device_mapping` as WorkerConfig.__post_init__ handles it: eval() of a string (here: a safe parser),
// then `len(device_mapping) % num_gpus_per_worker == 0` is asserted and world_size derived.
// EnvManagerConfig overrides __post_init__ and never evaluates it, so env managers are skipped.
import type { WorkerAt } from "../dataclass-walk.js";
import { parseDeviceMapping } from "../device-mapping.js";
import { diagnostic, type RollDiagnostic } from "../diagnostic.js";
import type { ConfigNode } from "../node-tree.js";
import { asNumber, fieldOrDefault, type RuleContext, strategyOf } from "./context.js";

const MULTI_GPU_STRATEGIES = new Set(["hf_infer", "vllm", "sglang"]);

/** num_gpus_per_worker after ROLL's rewrites: vLLM → TP × PP, non-inference strategies → 1. */
export function effectiveGpusPerWorker(worker: WorkerAt, ctx: RuleContext): { gpus: number; why: string } {
  const strategy = strategyOf(worker, ctx);
  const yaml = asNumber(fieldOrDefault(worker.cls, worker.node, "num_gpus_per_worker")) ?? 1;
  if (strategy.name === "vllm") {
    const tp = asNumber(strategy.config.tensor_parallel_size) ?? 1;
    const pp = asNumber(strategy.config.pipeline_parallel_size) ?? 1;
    return { gpus: tp * pp, why: `tensor_parallel_size × pipeline_parallel_size = ${tp} × ${pp}` };
  }
  if (strategy.name !== undefined && !MULTI_GPU_STRATEGIES.has(strategy.name) && yaml > 1) {
    return { gpus: 1, why: `forced to 1 for ${strategy.name}` };
  }
  return { gpus: yaml, why: "num_gpus_per_worker" };
}

export function evaluatesDeviceMapping(worker: WorkerAt): boolean {
  return !worker.cls.lineage.includes("EnvManagerConfig");
}

/** The parsed GPU list of a worker, or undefined when absent or unreadable. */
export function workerDevices(worker: WorkerAt): number[] | undefined {
  const raw = worker.node.value("device_mapping");
  if (typeof raw !== "string" || !evaluatesDeviceMapping(worker)) return undefined;
  const parsed = parseDeviceMapping(raw);
  return parsed.ok ? parsed.devices : undefined;
}

export function checkDeviceMappings(ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  for (const worker of ctx.workers) {
    if (!evaluatesDeviceMapping(worker)) continue;
    const node = worker.node.get("device_mapping");
    const raw = node?.plain;
    if (!node || raw === undefined || raw === null) continue;
    if (Array.isArray(raw)) {
      out.push(
        diagnostic(
          "error",
          "roll/device-mapping-syntax",
          node,
          `device_mapping is a YAML list: dacite accepts it, but ROLL then calls eval() on it and raises TypeError. Write it as a string, e.g. "${JSON.stringify(raw)}" or list(range(a,b)).`,
        ),
      );
      continue;
    }
    if (typeof raw !== "string") continue; // a wrong type is reported by roll/schema
    const parsed = parseDeviceMapping(raw);
    if (!parsed.ok) {
      out.push(
        diagnostic(
          "error",
          "roll/device-mapping-syntax",
          node,
          `cannot read device_mapping ${JSON.stringify(raw)} (column ${parsed.column}: ${parsed.message}). Use list(range(a,b)), list(range(a,b,step)), list([0,1]) or "[0, 1]", joined with +.`,
        ),
      );
      continue;
    }
    out.push(...checkGpus(worker, node, parsed.devices, ctx));
  }
  return out;
}

function checkGpus(worker: WorkerAt, at: ConfigNode, devices: number[], ctx: RuleContext): RollDiagnostic[] {
  const out: RollDiagnostic[] = [];
  const { gpus, why } = effectiveGpusPerWorker(worker, ctx);
  if (devices.length === 0) {
    out.push(
      diagnostic(
        "warning",
        "roll/device-mapping-gpus",
        at,
        "device_mapping is empty: the worker gets no GPU.",
      ),
    );
  } else if (gpus > 0 && devices.length % gpus !== 0) {
    out.push(
      diagnostic(
        "error",
        "roll/device-mapping-gpus",
        at,
        `device_mapping lists ${devices.length} GPUs, not a multiple of num_gpus_per_worker = ${gpus} (${why}): ROLL asserts len(device_mapping) % num_gpus_per_worker == 0.`,
      ),
    );
  }
  const negative = devices.filter((d) => d < 0);
  if (negative.length > 0) {
    out.push(
      diagnostic(
        "error",
        "roll/device-mapping-gpus",
        at,
        `device_mapping has negative GPU ids: ${negative.join(", ")}.`,
      ),
    );
  }
  const duplicates = [...new Set(devices.filter((d, i) => devices.indexOf(d) !== i))];
  if (duplicates.length > 0) {
    out.push(
      diagnostic(
        "warning",
        "roll/device-mapping-gpus",
        at,
        `device_mapping lists GPU ${duplicates.join(", ")} more than once: two ranks of this worker would share a GPU.`,
      ),
    );
  }
  // BaseConfig.__post_init__ recomputes num_nodes = ceil((max id + 1) / GPUs per node) whenever a worker has
  // a device_mapping, so a smaller explicit num_nodes is overwritten, not an error: worth knowing (the job
  // needs more nodes than written), not a warning.
  const perNode = asNumber(fieldOrDefault(ctx.root, ctx.top, "num_gpus_per_node"));
  const nodes = asNumber(ctx.top.value("num_nodes"));
  const maxId = Math.max(...devices);
  if (perNode && nodes && devices.length > 0 && maxId >= perNode * nodes) {
    out.push(
      diagnostic(
        "info",
        "roll/device-mapping-gpus",
        at,
        `device_mapping uses GPU ${maxId}, beyond num_nodes × num_gpus_per_node = ${nodes} × ${perNode} = ${nodes * perNode} GPUs: ROLL recomputes num_nodes from the device mappings, so the job needs ${Math.ceil((maxId + 1) / perNode)} nodes.`,
      ),
    );
  }
  return out;
}
