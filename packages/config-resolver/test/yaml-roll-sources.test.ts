import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getEntry } from "../src/model.js";
import { loadYaml } from "../src/yaml/load.js";
import { rollYamlFiles } from "./helpers/roll-files.js";

// Every YAML file of conformance/roll: the upstream ROLL primary configs and presets (byte-exact copies)
// and the composed.yaml files Hydra wrote with OmegaConf.to_yaml. PyYAML loads all of them; so must we.
const paths = new Map(rollYamlFiles().map((f) => [f.name, f.path]));
const files = [...paths.keys()];

describe("real ROLL YAML loads", () => {
  it("has the upstream files", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)("%s", (name) => {
    const tree = loadYaml(readFileSync(paths.get(name)!, "utf8"), name);
    // envs.yaml is empty upstream (it contributes nothing); every other file is a mapping.
    if (name.endsWith("__config__envs.yaml")) expect(tree).toMatchObject({ kind: "scalar", value: null });
    else expect(tree.kind).toBe("dict");
  });

  it("keeps YAML int keys as ints (grid_lookup in the env presets, README 'Keys')", () => {
    const name = files.find((f) => f.startsWith("v0.2__config__traj_envs.yaml"));
    expect(name).toBeDefined();
    const text = readFileSync(paths.get(name!)!, "utf8");
    expect(text).toContain("grid_lookup");
    const tree = loadYaml(text, name!);
    const found: unknown[] = [];
    const stack = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind === "dict") {
        const lookup = getEntry(node, "grid_lookup");
        if (lookup?.node.kind === "dict") found.push(...[...lookup.node.entries.values()].map((e) => e.key));
        for (const e of node.entries.values()) stack.push(e.node);
      } else if (node.kind === "list") stack.push(...node.items);
    }
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((k) => typeof k === "bigint")).toBe(true);
  });
});
