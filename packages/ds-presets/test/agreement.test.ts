// Every preset (ROLL's and ours) in its three shipped forms: Hydra YAML, plain DeepSpeed JSON, typed JS.
import { readFileSync } from "node:fs";
import { presetNames, presets } from "@roll/ds-presets";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rowsOfJs, rowsOfJson, rowsOfYaml, subtree } from "./helpers/typed-tree.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

describe.each(presetNames)("%s", (name) => {
  const preset = presets[name];
  const yamlText = read(`packages/ds-presets/generated/yaml/${name}.yaml`);
  const jsonText = read(`packages/ds-presets/generated/json/${name}.json`);

  it("YAML has one top-level key, the file stem, as ROLL's `- ../config/<stem>@_here_` needs", () => {
    expect(Object.keys(parse(yamlText, { version: "1.1" }))).toEqual([name]);
    expect(preset.name).toBe(name);
  });

  it("YAML, JSON and JS agree on keys, order, values and int/float types", () => {
    const fromYaml = subtree(rowsOfYaml(yamlText), name);
    expect(rowsOfJson(jsonText)).toEqual(fromYaml);
    expect(rowsOfJs(preset.config, preset.floatPaths)).toEqual(fromYaml);
  });

  it("JS config equals the parsed YAML and the parsed JSON", () => {
    expect(preset.config).toEqual(parse(yamlText, { version: "1.1" })[name]);
    expect(preset.config).toEqual(JSON.parse(jsonText));
  });

  it("floatPaths point at numbers; mandatoryPaths at OmegaConf's ??? marker", () => {
    const at = (path: string) => path.split(".").reduce<any>((node, key) => node?.[key], preset.config);
    for (const path of preset.floatPaths) expect(typeof at(path), path).toBe("number");
    for (const path of preset.mandatoryPaths) expect(at(path), path).toBe("???");
  });
});
