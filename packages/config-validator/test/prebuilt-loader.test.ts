// setPrebuiltLoader: how the prebuilt validators are run (roll-config validate compiles them from V8 code
// caches); the loader it is given runs each file once, and its exports are what validates.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { setPrebuiltLoader, validateRoll } from "../src/schema-check.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));

it("the loader given to setPrebuiltLoader runs each prebuilt validator the checks need, once", () => {
  const loaded: string[] = [];
  const require = createRequire(import.meta.url);
  setPrebuiltLoader((file) => {
    loaded.push(relative(pkg, file));
    return require(file) as Record<string, unknown>;
  });
  const first = validateRoll({ pipeline_cls: 1 }, { release: "0.3", pipeline: "dpo" });
  validateRoll({}, { release: "0.3", pipeline: "dpo" });
  expect(loaded).toEqual(["generated/validators/roll-0.3/DPOConfig.cjs"]);
  expect(first.valid).toBe(false);
});

it("setPrebuiltLoader's folder is where the prebuilt validators are read from, by a plain path", () => {
  const folder = mkdtempSync(join(tmpdir(), "prebuilt-"));
  mkdirSync(join(folder, "roll-0.3"));
  const source = join(pkg, "generated/validators/roll-0.3/SFTConfig.cjs");
  copyFileSync(source, join(folder, "roll-0.3/SFTConfig.cjs"));
  const loaded: string[] = [];
  const require = createRequire(import.meta.url);
  setPrebuiltLoader((file) => {
    loaded.push(file);
    return require(file) as Record<string, unknown>;
  }, folder);
  try {
    const result = validateRoll({ sft_train: 1 }, { release: "0.3", pipeline: "sft" });
    expect(loaded).toEqual([join(folder, "roll-0.3/SFTConfig.cjs")]);
    expect(result.valid).toBe(false);
    // The folder holds no DPO validator, so for it ROLL 0.3 has no such pipeline.
    expect(() => validateRoll({}, { release: "0.3", pipeline: "dpo" })).toThrow(
      'ROLL 0.3 has no "dpo" pipeline.',
    );
  } finally {
    setPrebuiltLoader((file) => require(file) as Record<string, unknown>);
    rmSync(folder, { recursive: true, force: true });
  }
});
