// The emit command's module loader (moved here from @roll/config-types, which keeps no TypeScript runtime).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderYaml } from "@roll/config-types/authoring";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configOf, loadConfigModule } from "../src/config-module.js";
import { FIXTURES } from "./helpers/io.js";

const MODULES = join(FIXTURES, "modules");

describe("loadConfigModule", () => {
  it("loads a TypeScript config module through tsx", async () => {
    const loaded = await loadConfigModule(join(MODULES, "rlvr-config.ts"));
    expect(loaded).toMatchObject({ kind: "roll-config", release: "0.3", pipeline: "rlvr" });
    const text = renderYaml(loaded);
    expect(text).toContain("strategy_name: megatron_train");
    expect(parse(text)).toMatchObject({ exp_name: "qwen2.5-7B-rlvr", response_length: 512 });
  });

  it("loads a plain ES module", async () => {
    expect(await loadConfigModule(join(MODULES, "plain-config.mjs"))).toEqual({
      train_batch_size: 8,
      zero_optimization: { stage: 2 },
    });
  });

  it("names the file when there is no default export, no file, or a syntax error", async () => {
    await expect(loadConfigModule(join(MODULES, "no-default.mjs"))).rejects.toThrow(
      /no-default\.mjs: no default export/,
    );
    await expect(loadConfigModule("does/not/exist.ts")).rejects.toThrow(
      "does/not/exist.ts: config module not found",
    );
    const dir = mkdtempSync(join(tmpdir(), "roll-config-module-"));
    const broken = join(dir, "broken.ts");
    writeFileSync(broken, "export default { train_batch_size: 8,\n");
    await expect(loadConfigModule(broken)).rejects.toThrow(
      /broken\.ts: cannot load config module: .*broken\.ts:\d+:\d+/,
    );
  });
});

describe("configOf (what a module's default export must be)", () => {
  const definition = { kind: "roll-config", release: "0.3", pipeline: "rlvr", config: { seed: 1 } };

  it("takes an ES module's default export as is", () => {
    expect(configOf({ default: definition }, "m.ts")).toBe(definition);
    expect(configOf({ default: { seed: 1 } }, "m.mjs")).toEqual({ seed: 1 });
  });

  it("unwraps CommonJS module.exports whose default is the definition", () => {
    expect(configOf({ default: { __esModule: true, default: definition } }, "m.cts")).toBe(definition);
    expect(configOf({ default: { default: definition } }, "m.cjs")).toBe(definition);
  });

  it("refuses what is not a config, naming the file and the value", () => {
    const refuse = (value: unknown) => () => configOf({ default: value }, "m.ts");
    expect(refuse(() => 1)).toThrow("m.ts: the default export is not a config definition (it is a function)");
    expect(refuse("seed: 1")).toThrow("(it is a string)");
    expect(refuse([1, 2])).toThrow("(it is an array)");
    expect(refuse(new Map())).toThrow("(it is a Map instance)");
    expect(refuse({ a: { b: () => 0 } })).toThrow("(a.b is a function)");
    expect(refuse({ ...definition, config: { seed: undefined } })).toThrow("(config.seed is undefined)");
    expect(() => configOf({}, "m.ts")).toThrow("m.ts: no default export");
  });
});
