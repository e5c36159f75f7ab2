/**
 * ZeRO model-state memory, per DeepSpeed's published estimators:
 * estimate_zero2_model_states_mem_needs (deepspeed/runtime/zero/stage_1_and_2.py) and
 * estimate_zero3_model_states_mem_needs (deepspeed/runtime/zero/stage3.py), explained in DeepSpeed's
 * "Memory Requirements" page (docs/code-docs/source/memory.rst). Activations are not included.
 */
import { DeepSpeedInputError } from "./errors.js";
import { isPlainObject } from "./values.js";

export interface ZeroMemoryInput {
  /** Total model parameters, e.g. 7e9. */
  params: number;
  gpusPerNode: number;
  nodes: number;
  stage: number;
  offloadOptimizer: boolean;
  offloadParam: boolean;
  /** Parameters of the largest layer (ZeRO-3 gathers it whole); DeepSpeed's estimator requires it. */
  largestLayerParams?: number;
  /** DeepSpeed's default is 1.5. */
  additionalBufferFactor?: number;
  /** Whether the model is built under deepspeed.zero.Init (HF from_pretrained does so under ZeRO-3). Default true. */
  zeroInit?: boolean;
}

export interface ZeroMemoryEstimate {
  perGpuBytes: number;
  perNodeCpuBytes: number;
  /** bytes / 2^30, the unit DeepSpeed prints as "GB". */
  perGpuGiB: number;
  perNodeCpuGiB: number;
  /** Which DeepSpeed formula produced the numbers. */
  estimator: string;
  notes: string[];
}

const GIB = 2 ** 30;

function validate(input: ZeroMemoryInput): void {
  if (!isPlainObject(input)) throw new DeepSpeedInputError("estimateZeroMemory needs an input object");
  const problems: string[] = [];
  if (!(Number.isFinite(input.params) && input.params > 0))
    problems.push(`params must be > 0, got ${input.params}`);
  for (const key of ["gpusPerNode", "nodes"] as const) {
    const v = input[key];
    if (!(Number.isInteger(v) && v > 0)) problems.push(`${key} must be a positive integer, got ${v}`);
  }
  if (![0, 1, 2, 3].includes(input.stage)) problems.push(`stage must be 0, 1, 2 or 3, got ${input.stage}`);
  const layer = input.largestLayerParams;
  if (layer !== undefined && !(Number.isFinite(layer) && layer >= 0)) {
    problems.push(`largestLayerParams must be >= 0, got ${layer}`);
  }
  const factor = input.additionalBufferFactor;
  if (factor !== undefined && !(Number.isFinite(factor) && factor > 0)) {
    problems.push(`additionalBufferFactor must be > 0, got ${factor}`);
  }
  if (problems.length > 0)
    throw new DeepSpeedInputError(`Invalid memory-estimate input:\n- ${problems.join("\n- ")}`);
}

/** estimate_zero2_model_states_mem_needs: returns [cpu, gpu] bytes. */
function zero2(params: number, gpusPerNode: number, nodes: number, cpuOffload: boolean, factor: number) {
  const totalGpus = nodes * gpusPerNode;
  if (cpuOffload) {
    return [Math.trunc(params * Math.max(4 * totalGpus, 16) * factor), Math.trunc(2 * params)] as const;
  }
  return [
    Math.trunc(params * 4 * gpusPerNode * factor),
    Math.trunc(4 * params + Math.trunc((16 * params) / totalGpus)),
  ] as const;
}

/** estimate_zero3_model_states_mem_needs: returns [cpu, gpu] bytes. */
function zero3(
  params: number,
  largestLayer: number,
  gpusPerNode: number,
  nodes: number,
  cpuOffload: boolean,
  cpuOffloadParams: boolean,
  zeroInit: boolean,
  factor: number,
) {
  const totalGpus = nodes * gpusPerNode;
  const gpusFactor = 1 / nodes;
  const largestLayerMemory = 4 * largestLayer;
  let cpu: number;
  let gpu: number;
  if (cpuOffload && cpuOffloadParams) {
    gpu = largestLayerMemory;
    cpu = zeroInit
      ? params * 18 * gpusFactor * factor
      : params * Math.max(4 * gpusPerNode, 18 * gpusFactor) * factor;
  } else if (cpuOffload) {
    gpu = largestLayerMemory + Math.trunc((2 * params) / totalGpus);
    cpu = zeroInit
      ? params * 16 * gpusFactor * factor
      : params * Math.max(4 * gpusPerNode, 16 * gpusFactor) * factor;
  } else {
    gpu = largestLayerMemory + Math.trunc((18 * params) / totalGpus);
    cpu = zeroInit ? largestLayer * 4 * gpusPerNode * factor : params * 4 * gpusPerNode * factor;
  }
  return [Math.trunc(cpu), Math.trunc(gpu)] as const;
}

export function estimateZeroMemory(input: ZeroMemoryInput): ZeroMemoryEstimate {
  validate(input);
  const { params, gpusPerNode, nodes, stage } = input;
  const factor = input.additionalBufferFactor ?? 1.5;
  const notes: string[] = [];
  let cpu: number;
  let gpu: number;
  let estimator: string;
  if (stage === 3) {
    if (input.largestLayerParams === undefined) {
      notes.push(
        "largestLayerParams not given: the per-GPU figure leaves out the 4 × largest-layer gather buffer",
      );
    }
    if (input.offloadParam && !input.offloadOptimizer) {
      notes.push("DeepSpeed's estimator has no parameter-only offload case; computed without offload");
    }
    const zeroInit = input.zeroInit ?? true;
    [cpu, gpu] = zero3(
      params,
      input.largestLayerParams ?? 0,
      gpusPerNode,
      nodes,
      input.offloadOptimizer,
      input.offloadParam,
      zeroInit,
      factor,
    );
    estimator = `estimate_zero3_model_states_mem_needs(zero_init=${zeroInit ? 1 : 0})`;
  } else if (stage === 1 || stage === 2) {
    if (input.offloadParam)
      notes.push("offload_param is ignored below ZeRO stage 3 (DeepSpeed only uses it at stage 3)");
    // The ZeRO-2 estimator keeps full 16-bit params and grads on every GPU, so it also bounds ZeRO-1.
    [cpu, gpu] = zero2(params, gpusPerNode, nodes, input.offloadOptimizer, factor);
    estimator = "estimate_zero2_model_states_mem_needs";
    if (stage === 1)
      notes.push(
        "DeepSpeed publishes no ZeRO-1 estimator; the ZeRO-2 formula is used (same module, 16-bit grads unpartitioned)",
      );
  } else {
    if (input.offloadOptimizer || input.offloadParam)
      notes.push("offload has no effect without ZeRO (stage 0)");
    // Nothing is partitioned: the ZeRO-2 no-offload formula on a single GPU (4 + 16 bytes per parameter).
    const [initCpu] = zero2(params, gpusPerNode, nodes, false, factor);
    cpu = initCpu;
    gpu = Math.trunc(4 * params + 16 * params);
    estimator = "estimate_zero2_model_states_mem_needs with total_gpus=1 (nothing partitioned)";
    notes.push("DeepSpeed publishes no stage-0 estimator; every GPU holds all 20 bytes per parameter");
  }
  return {
    perGpuBytes: gpu,
    perNodeCpuBytes: cpu,
    perGpuGiB: gpu / GIB,
    perNodeCpuGiB: cpu / GIB,
    estimator,
    notes,
  };
}

export interface Hardware {
  params: number;
  gpusPerNode: number;
  nodes: number;
  largestLayerParams?: number;
  additionalBufferFactor?: number;
  zeroInit?: boolean;
}

export interface PresetEstimateRow extends ZeroMemoryEstimate {
  preset: string;
  stage: number;
  offloadOptimizer: string;
  offloadParam: string;
}

function offloadDevice(zero: Record<string, unknown>, key: string, preset: string): string {
  const block = zero[key];
  if (!isPlainObject(block) || block.device === undefined || block.device === null) return "none";
  if (typeof block.device !== "string" || !["none", "cpu", "nvme"].includes(block.device)) {
    throw new DeepSpeedInputError(
      `preset ${preset}: zero_optimization.${key}.device must be none, cpu or nvme`,
    );
  }
  return block.device;
}

/** Reads stage and offload from each DeepSpeed config (as DeepSpeed would) and estimates it. */
export function estimateForPresets(
  presetConfigs: Record<string, unknown>,
  hardware: Hardware,
): PresetEstimateRow[] {
  return Object.entries(presetConfigs).map(([preset, config]) => {
    if (!isPlainObject(config))
      throw new DeepSpeedInputError(`preset ${preset}: not a DeepSpeed config object`);
    const zero = isPlainObject(config.zero_optimization) ? config.zero_optimization : {};
    const rawStage = zero.stage ?? 0;
    if (typeof rawStage !== "number" || ![0, 1, 2, 3].includes(rawStage)) {
      throw new DeepSpeedInputError(
        `preset ${preset}: zero_optimization.stage is ${JSON.stringify(rawStage)}; a number 0-3 is needed to estimate memory`,
      );
    }
    const offloadOptimizer = offloadDevice(zero, "offload_optimizer", preset);
    const offloadParam = offloadDevice(zero, "offload_param", preset);
    const estimate = estimateZeroMemory({
      ...hardware,
      stage: rawStage,
      offloadOptimizer: offloadOptimizer !== "none",
      offloadParam: offloadParam !== "none",
    });
    if (offloadOptimizer === "nvme" || offloadParam === "nvme") {
      estimate.notes.push(
        "NVMe offload: DeepSpeed's estimator models CPU offload, so the CPU figure is an upper bound",
      );
    }
    return { preset, stage: rawStage, offloadOptimizer, offloadParam, ...estimate };
  });
}
