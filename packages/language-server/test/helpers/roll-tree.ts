// A ROLL-layout checkout for the language-server tests: this package's primary config under
// examples/qwen2.5-7B-rlvr/, and ROLL's own ZeRO presets (the shared copy) under examples/config/.
import { cpSync, mkdirSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROLL_PRESETS_DIR } from "@roll/test-fixtures";

const primarySource = fileURLToPath(new URL("../fixtures/rlvr_config.yaml", import.meta.url));

export function rollTree(): { root: string; primary: string; preset: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "roll-lsp-")));
  mkdirSync(join(root, "examples", "config"), { recursive: true });
  mkdirSync(join(root, "examples", "qwen2.5-7B-rlvr"));
  for (const name of ["deepspeed_zero2.yaml", "deepspeed_zero3.yaml"]) {
    cpSync(join(ROLL_PRESETS_DIR, name), join(root, "examples", "config", name));
  }
  const primary = join(root, "examples", "qwen2.5-7B-rlvr", "rlvr_config.yaml");
  cpSync(primarySource, primary);
  return { root, primary, preset: join(root, "examples", "config", "deepspeed_zero3.yaml") };
}
