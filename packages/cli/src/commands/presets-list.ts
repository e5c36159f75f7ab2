// roll-config presets list [--format text|json]
import type { PresetDefinition } from "@roll/ds-presets";
import { defineCommand, noExtraPositionals, oneOf } from "../args.js";
import { allPresets } from "../presets-catalog.js";
import { renderTable } from "../table.js";

const FLAGS = {
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
} as const;

export default defineCommand({
  name: "presets list",
  synopsis: "[--format text|json]",
  description: `Every DeepSpeed preset with its ZeRO stage, what it offloads, the oldest DeepSpeed release that knows all
its keys, and the ROLL releases that can include it.`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    noExtraPositionals(positionals, 0, usage);
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
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
  },
});

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
