// The published tarball works for its three kinds of consumers: ESM import, CommonJS require() (Node >= 20.19
// can require ESM) and TypeScript, installed offline into a scratch project; publint and attw accept it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { presetNames } from "@roll/ds-presets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const PKG = join(REPO, "packages/ds-presets");
// Its one dependency, unpublished here: packed beside it and installed from the tarball too.
const PYTHON_FORMAT = join(REPO, "packages/python-format");
const BIN = join(REPO, "node_modules/.bin");
const TIMEOUT = 90_000;
const ROLL_AND_OURS = ["deepspeed_zero3", "deepspeed_zero2_cpuoffload", "deepspeed_zero_infinity"];

let scratch = "";
let project = "";
let tarball = "";
let packedFiles: string[] = [];

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: "pipe",
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });

/** dist/ is stale when any source file is newer than dist/index.js. */
function distIsStale(pkg = PKG): boolean {
  const built = join(pkg, "dist/index.js");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? newer(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs > builtAt,
    );
  return newer(join(pkg, "src"));
}

beforeAll(() => {
  if (distIsStale()) run(join(BIN, "tsc"), ["-p", "tsconfig.build.json"], PKG);
  if (distIsStale(PYTHON_FORMAT)) run(join(BIN, "tsc"), ["-p", "tsconfig.build.json"], PYTHON_FORMAT);
  scratch = mkdtempSync(join(tmpdir(), "ds-presets-pack-"));
  const [dependency] = JSON.parse(
    run("npm", ["pack", "--json", "--pack-destination", scratch], PYTHON_FORMAT),
  ) as { filename: string }[];
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", scratch], PKG)) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = join(scratch, packed!.filename);
  packedFiles = packed!.files.map((f) => f.path);

  project = join(scratch, "consumer");
  run("mkdir", ["-p", project], scratch);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", join(scratch, dependency!.filename), tarball],
    project,
  );
}, TIMEOUT);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("npm pack of @roll/ds-presets", () => {
  it("holds JS, .d.ts, YAML and JSON for every preset, and no tests or sources", () => {
    expect(packedFiles).toEqual(expect.arrayContaining(["package.json", "dist/index.js", "dist/index.d.ts"]));
    expect(presetNames.length).toBe(10);
    for (const name of presetNames) {
      expect(packedFiles).toContain(`generated/yaml/${name}.yaml`);
      expect(packedFiles).toContain(`generated/json/${name}.json`);
      expect(packedFiles).toContain(`dist/generated/${name}.js`);
      expect(packedFiles).toContain(`dist/generated/${name}.d.ts`);
    }
    expect(packedFiles.filter((f) => f.startsWith("test/") || f.startsWith("src/"))).toEqual([]);
  });

  it(
    "imports from ESM",
    () => {
      writeFileSync(
        join(project, "esm.mjs"),
        `import { presets, deepspeedZero3, presetToDeepSpeedJson } from "@roll/ds-presets";
import zero3 from "@roll/ds-presets/deepspeed_zero3.json" with { type: "json" };
console.log(JSON.stringify({
  stage: deepspeedZero3.zero_optimization.stage,
  names: Object.keys(presets).length,
  sameAsJson: JSON.stringify(zero3) === JSON.stringify(deepspeedZero3),
  float: presetToDeepSpeedJson(presets.deepspeed_zero3).includes('"sub_group_size": 1000000000.0'),
}));`,
      );
      expect(JSON.parse(run("node", ["esm.mjs"], project))).toEqual({
        stage: 3,
        names: 10,
        sameAsJson: true,
        float: true,
      });
    },
    TIMEOUT,
  );

  it(
    "requires from CommonJS and resolves the YAML and JSON subpaths",
    () => {
      writeFileSync(
        join(project, "cjs.cjs"),
        `const { readFileSync } = require("node:fs");
const { presets } = require("@roll/ds-presets");
const out = {};
for (const name of ${JSON.stringify(ROLL_AND_OURS)}) {
  const yaml = readFileSync(require.resolve("@roll/ds-presets/" + name + ".yaml"), "utf8");
  const json = require("@roll/ds-presets/" + name + ".json");
  out[name] = [yaml.split("\\n")[1], JSON.stringify(json) === JSON.stringify(presets[name].config)];
}
console.log(JSON.stringify(out));`,
      );
      expect(JSON.parse(run("node", ["cjs.cjs"], project))).toEqual({
        deepspeed_zero3: ["deepspeed_zero3:", true],
        deepspeed_zero2_cpuoffload: ["deepspeed_zero2_cpuoffload:", true],
        deepspeed_zero_infinity: expect.arrayContaining([true]),
      });
    },
    TIMEOUT,
  );

  it(
    "type-checks from TypeScript (literal types, PresetName union)",
    () => {
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            noEmit: true,
            types: [],
          },
          files: ["check.ts"],
        }),
      );
      writeFileSync(
        join(project, "check.ts"),
        `import { deepspeedZero3, presets, type PresetName, type PresetDefinition } from "@roll/ds-presets";
const stage: 3 = deepspeedZero3.zero_optimization.stage;
const name: PresetName = "deepspeed_zero_infinity";
const preset: PresetDefinition = presets[name];
// @ts-expect-error not a preset name
const wrong: PresetName = "deepspeed_zero4";
export { stage, preset, wrong };
`,
      );
      writeFileSync(
        join(project, "package.json"),
        JSON.stringify({ name: "consumer", private: true, type: "module" }),
      );
      expect(() => run(join(BIN, "tsc"), ["-p", "tsconfig.json"], project)).not.toThrow();
    },
    TIMEOUT,
  );

  it(
    "passes publint and attw (esm-only profile, JS entry point)",
    () => {
      expect(run(join(BIN, "publint"), ["--strict"], PKG)).toMatch(/All good/);
      expect(() =>
        run(
          join(BIN, "attw"),
          [tarball, "--profile", "esm-only", "--entrypoints", ".", "--format", "json"],
          scratch,
        ),
      ).not.toThrow();
    },
    TIMEOUT,
  );
});
