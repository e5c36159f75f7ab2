// roll-config presets <subcommand>: one line per subcommand; each lives in its own module.
import type { Io } from "../command.js";
import { dispatchSubcommand, type SubcommandTable } from "../subcommands.js";

export const PRESETS_SUBCOMMANDS: SubcommandTable = {
  list: {
    summary: "name, stage, offload, minimum DeepSpeed and ROLL releases of every preset",
    load: async () => (await import("./presets-list.js")).presetsListCommand,
  },
  show: {
    summary: "print one preset as Hydra YAML, JSON or a plain DeepSpeed config",
    load: async () => (await import("./presets-show.js")).presetsShowCommand,
  },
  sync: {
    summary: "vendor stamped preset files into a ROLL repository (refuses to overwrite local edits)",
    load: async () => (await import("./presets-sync.js")).presetsSyncCommand,
  },
  check: {
    summary: "exit 1 when a vendored preset is stale or locally edited (for CI)",
    load: async () => (await import("./presets-sync.js")).presetsCheckCommand,
  },
  diff: {
    summary: "what changes in a preset's DeepSpeed settings between two versions",
    load: async () => (await import("./presets-diff.js")).presetsDiffCommand,
  },
};

export function presetsCommand(args: string[], io: Io): Promise<number> {
  return dispatchSubcommand("presets", PRESETS_SUBCOMMANDS, args, io);
}
