// roll-config estimate --params 7e9 --gpus 8 [--nodes N] [--preset NAME|--all] [--largest-layer N]
//   [--format text|json]
import { estimateForPresets, type PresetEstimateRow } from "@roll/deepspeed";
import { defineCommand, finiteNumber, noExtraPositionals, oneOf, positiveInt } from "../args.js";
import { UsageError } from "../command.js";
import { allPresets, findPreset } from "../presets-catalog.js";
import { renderTable } from "../table.js";

const FLAGS = {
  params: { type: "string", value: "N", help: "total model parameters, e.g. 7e9 (required)" },
  gpus: { type: "string", value: "N", help: "GPUs per node (required)" },
  nodes: { type: "string", value: "N", help: "number of nodes (default 1)" },
  preset: { type: "string", value: "NAME", help: "only this preset" },
  all: { type: "boolean", help: "every preset (the default)" },
  "largest-layer": {
    type: "string",
    value: "N",
    help: "parameters of the largest layer (ZeRO-3 gathers it whole on each GPU)",
  },
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
} as const;

export default defineCommand({
  name: "estimate",
  synopsis: "--params N --gpus N [options]",
  description: `DeepSpeed's published model-state memory estimates (parameters, gradients, optimizer states; not
activations) for each preset, per GPU and per node CPU, in GiB (DeepSpeed prints these as "GB").`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    noExtraPositionals(positionals, 0, usage);
    const params = finiteNumber("params", values.params, usage);
    const gpusPerNode = positiveInt("gpus", values.gpus, usage);
    if (params === undefined || gpusPerNode === undefined)
      throw new UsageError("--params and --gpus are required", usage);
    if (params <= 0) throw new UsageError(`--params must be positive (got '${values.params}')`, usage);
    if (values.preset !== undefined && values.all)
      throw new UsageError("--preset and --all exclude each other", usage);
    const nodes = positiveInt("nodes", values.nodes, usage) ?? 1;
    const largestLayerParams = finiteNumber("largest-layer", values["largest-layer"], usage);
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";

    const chosen = values.preset !== undefined ? [findPreset(values.preset, usage)] : allPresets();
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
  },
});

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
