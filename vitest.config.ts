import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string, file = "index") =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}.ts`, import.meta.url));

// Tests import workspace packages from source, so a test run never sees a stale dist/. Exact matches:
// a package's subpaths (@roll/config-types/authoring) have their own entries.
const packages: [string, string][] = [
  ["@roll/config-resolver", src("config-resolver")],
  ["@roll/config-types", src("config-types")],
  ["@roll/config-types/authoring", src("config-types", "authoring")],
  ["@roll/config-validator", src("config-validator")],
  ["@roll/deepspeed", src("deepspeed")],
  ["@roll/ds-presets", src("ds-presets")],
  ["@roll/preset-sync", src("preset-sync")],
  ["@roll/test-fixtures", src("test-fixtures")],
];

export default defineConfig({
  resolve: {
    alias: packages.map(([name, file]) => ({
      find: new RegExp(`^${name.replace(/[/.]/g, "\\$&")}$`),
      replacement: file,
    })),
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    setupFiles: ["tests/setup/fixed-seed.ts"],
    // Only a hang guard, never a speed check: on a loaded 2-core CI machine (two suites at once, load ~40)
    // property and 100k-key tests took up to 47 s. Speed is `npm run bench`; blow-ups are counted work.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
