// roll-config presets list [--format text|json]
import type { PresetDefinition } from "@roll/ds-presets";
import { noExtraPositionals, oneOf, parseCommandArgs } from "../args.js";
import type { Io } from "../command.js";
import { allPresets } from "../presets-catalog.js";
import { renderTable } from "../table.js";

const USAGE = `Usage: roll-config presets list [--format text|json]

Every DeepSpeed preset with its ZeRO stage, what it offloads, the oldest DeepSpeed release that knows all
its keys, and the ROLL releases that can include it.

Options:
  --format text|json  output format (default text)
  -h, --help          show this help`;

const FLAGS = { format: { type: "string" } } as const;

export async function presetsListCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  noExtraPositionals(positionals, 0, USAGE);
  const format = oneOf("format", values.format, ["text", "json"] as const, USAGE) ?? "text";
  const presets = allPresets();
  if (format === "json") {
    const rows = presets.map((p) => ({
      name: p.name,
      stage: p.stage,
      offload: p.offload,
      minDeepSpeed: p.minDeepSpeed,
      rollReleases: p.rollReleases,
      description: p.description,
    }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header = ["NAME", "STAGE", "OFFLOAD", "MIN DEEPSPEED", "ROLL"];
  const rows = presets.map((p) => [p.name, String(p.stage), offloadText(p), p.minDeepSpeed, rollText(p)]);
  io.stdout(renderTable(header, rows, new Set([1])));
  return 0;
}

function offloadText(p: PresetDefinition): string {
  const parts = [
    p.offload.optimizer !== "none" ? `optimizer:${p.offload.optimizer}` : "",
    p.offload.param !== "none" ? `param:${p.offload.param}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "-";
}

function rollText(p: PresetDefinition): string {
  return p.rollReleases.length > 0 ? p.rollReleases.join(", ") : "-";
}
