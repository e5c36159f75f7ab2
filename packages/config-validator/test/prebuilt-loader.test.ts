// setPrebuiltLoader: how the prebuilt validators are run (roll-config validate compiles them from V8 code
// caches); the loader it is given runs each file once, and its exports are what validates.
import { createRequire } from "node:module";
import { relative } from "node:path";
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
