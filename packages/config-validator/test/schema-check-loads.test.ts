// What the schema check of `roll-config validate` loads, counted (its time is `npm run bench`): the prebuilt
// code of the one release and pipeline it checks; not Ajv, not a schema file, not another pipeline's code.
import fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROLL_TREES } from "@roll/test-fixtures";
import { expect, it } from "vitest";
import { validateRoll } from "../src/schema-check.js";
import { readJsonFixture } from "./helpers/fixtures.js";

const pkg = fileURLToPath(new URL("..", import.meta.url));
const cache = createRequire(import.meta.url).cache;

it("validateRoll of resolved configs loads only their pipelines' prebuilt validators", () => {
  const rlvr02 = readJsonFixture(
    ROLL_TREES,
    "v0.2/expected/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml.resolved.json",
  );
  const sft03 = readJsonFixture(
    ROLL_TREES,
    "v0.3/expected/examples/qwen3-30BA3B-sft_fsdp2/sft_config.yaml.resolved.json",
  );
  const before = new Set(Object.keys(cache));
  expect(
    [...before].filter((f) => f.includes("/ajv/")),
    "a fresh module cache",
  ).toEqual([]);
  const reads: string[] = [];
  const readFileSync = fs.readFileSync;
  fs.readFileSync = ((path: fs.PathOrFileDescriptor, ...rest: never[]) => {
    reads.push(String(path));
    return readFileSync(path, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    validateRoll(rlvr02, { release: "0.2", pipeline: "rlvr" });
    validateRoll(sft03, { release: "0.3" }); // pipeline detected
  } finally {
    fs.readFileSync = readFileSync;
    syncBuiltinESMExports();
  }
  const loaded = Object.keys(cache).filter((f) => !before.has(f));
  expect(loaded.map((f) => relative(pkg, f)).sort()).toEqual([
    "generated/validators/roll-0.2/RLVRConfig.cjs",
    "generated/validators/roll-0.3/SFTConfig.cjs",
  ]);
  expect(reads.filter((f) => !f.endsWith(".cjs"))).toEqual([]);
});
