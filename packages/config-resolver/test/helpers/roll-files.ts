// The ROLL trees of @roll/test-fixtures under the flat names these tests have always used for them
// ("v0.2__qwen2.5-0.5B-agentic__agent_val_frozen_lake.yaml"): `examples/` dropped, `/` written `__`.
import { join } from "node:path";
import { listFiles, ROLL_TREES } from "@roll/test-fixtures";

const flat = (relative: string) =>
  relative
    .split("/")
    .filter((part) => part !== "examples")
    .join("__");

/** Each example Hydra composed and resolved: name `v0.2__<dir>__<file>.yaml`, with its two expected files. */
export function rollResolvedCases(): { name: string; composed: string; resolved: string }[] {
  return listFiles(ROLL_TREES)
    .filter((f) => f.endsWith(".yaml.resolved.json"))
    .map((f) => {
      const base = join(ROLL_TREES, f.replace(/\.resolved\.json$/, ""));
      return {
        name: flat(f.replace(/\.resolved\.json$/, "")).replace("__expected__", "__"),
        composed: `${base}.composed.yaml`,
        resolved: `${base}.resolved.json`,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every YAML file of the trees (primaries, presets, composed output), named `v0.2__config__envs.yaml` etc. */
export function rollYamlFiles(): { name: string; path: string }[] {
  return listFiles(ROLL_TREES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => ({ name: flat(f), path: join(ROLL_TREES, f) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
