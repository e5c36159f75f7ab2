// roll-config presets <subcommand>: one line per subcommand; each is the module presets-<name>.ts.
import { defineGroup } from "../dispatch.js";

export default defineGroup("presets", {
  list: "name, stage, offload, minimum DeepSpeed and ROLL releases of every preset",
  show: "print one preset as Hydra YAML, JSON or a plain DeepSpeed config",
  sync: "vendor stamped preset files into a ROLL repository (refuses to overwrite local edits)",
  check: "exit 1 when a vendored preset is stale or locally edited (for CI)",
  diff: "what changes in a preset's DeepSpeed settings between two versions",
});
