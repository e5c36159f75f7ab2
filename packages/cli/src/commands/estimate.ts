// roll-config estimate --params 7e9 --gpus 8 [--nodes N] [--preset NAME|--all] [--largest-layer N]
//   [--format text|json]
import { estimateForPresets, type PresetEstimateRow } from "@roll/deepspeed";
import { finiteNumber, noExtraPositionals, oneOf, parseCommandArgs, positiveInt } from "../args.js";
import type { Io } from "../command.js";
import { UsageError } from "../command.js";
import { allPresets, findPreset } from "../presets-catalog.js";
import { renderTable } from "../table.js";

const USAGE = `Usage: roll-config estimate --params N --gpus N [options]

DeepSpeed's published model-state memory estimates (parameters, gradients, optimizer states; not
activations) for each preset, per GPU and per node CPU, in GiB (DeepSpeed prints these as "GB").

Options:
  --params N          total model parameters, e.g. 7e9 (required)
  --gpus N            GPUs per node (required)
  --nodes N           number of nodes (default 1)
  --preset NAME       only this preset
  --all               every preset (the default)
  --largest-layer N   parameters of the largest layer (ZeRO-3 gathers it whole on each GPU)
  --format text|json  output format (default text)
  -h, --help          show this help`;

const FLAGS = {
  params: { type: "string" },
  gpus: { type: "string" },
  nodes: { type: "string" },
  preset: { type: "string" },
  all: { type: "boolean" },
  "largest-layer": { type: "string" },
  format: { type: "string" },
} as const;

export async function estimateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  noExtraPositionals(positionals, 0, USAGE);
  const params = finiteNumber("params", values.params, USAGE);
  const gpusPerNode = positiveInt("gpus", values.gpus, USAGE);
  if (params === undefined || gpusPerNode === undefined)
    throw new UsageError("--params and --gpus are required", USAGE);
  if (params <= 0) throw new UsageError(`--params must be positive (got '${values.params}')`, USAGE);
  if (values.preset !== undefined && values.all)
    throw new UsageError("--preset and --all exclude each other", USAGE);
  const nodes = positiveInt("nodes", values.nodes, USAGE) ?? 1;
  const largestLayerParams = finiteNumber("largest-layer", values["largest-layer"], USAGE);
  const format = oneOf("format", values.format, ["text", "json"] as const, USAGE) ?? "text";

  const chosen = values.preset !== undefined ? [findPreset(values.preset, USAGE)] : allPresets();
  const configs = Object.fromEntries(chosen.map((p) => [p.name, p.config]));
  const hardware = {
    params,
    gpusPerNode,
    nodes,
    ...(largestLayerParams !== undefined ? { largestLayerParams } : {}),
  };
  const rows = estimateForPresets(configs, hardware);

  if (format === "json") {
    io.stdout(`${JSON.stringify({ ...hardware, unit: "GiB", rows }, null, 2)}\n`);
  } else {
    io.stdout(renderEstimate(rows, params, gpusPerNode, nodes));
  }
  return 0;
}

function renderEstimate(
  rows: PresetEstimateRow[],
  params: number,
  gpusPerNode: number,
  nodes: number,
): string {
  const header = ["PRESET", "STAGE", "OFFLOAD OPT", "OFFLOAD PARAM", "PER GPU GiB", "PER NODE CPU GiB"];
  const cells = rows.map((r) => [
    r.preset,
    String(r.stage),
    r.offloadOptimizer,
    r.offloadParam,
    r.perGpuGiB.toFixed(2),
    r.perNodeCpuGiB.toFixed(2),
  ]);
  const title = `Model states for ${params.toExponential()} parameters on ${nodes} node(s) x ${gpusPerNode} GPU(s) (activations not included)\n\n`;
  const notes = rows.flatMap((r) => r.notes.map((n) => `  ${r.preset}: ${n}`));
  const noteText = notes.length > 0 ? `\nNotes:\n${notes.join("\n")}\n` : "";
  return title + renderTable(header, cells, new Set([1, 4, 5])) + noteText;
}
