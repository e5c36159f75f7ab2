// `roll-config presets check <dir> [--only a,b]`: `presets sync --check` under the name CI scripts use.
import { defineCommand } from "../args.js";
import { UsageError } from "../command.js";
import { ONLY, run, type SyncFlags } from "./presets-sync.js";

export default defineCommand({
  name: "presets check",
  synopsis: "<dir> [--only a,b]",
  description: `Same as 'presets sync <dir> --check': exit 1 when a vendored preset is stale or locally edited.
An unstamped file whose content is the installed release's (ROLL's own presets) passes, named with the
release it matches.`,
  flags: ONLY,
  async run({ values, positionals }, io, usage) {
    if (positionals.length !== 1) throw new UsageError("presets check: expected one directory", usage);
    const flags: SyncFlags = { dryRun: false, check: true, force: false };
    if (values.only !== undefined) flags.only = values.only;
    return run(positionals[0]!, flags, io, usage);
  },
});
