import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests import workspace packages from source, so a test run never sees a stale dist/.
export default defineConfig({
  resolve: {
    alias: {
      "@roll/config-resolver": src("config-resolver"),
      "@roll/config-types": src("config-types"),
      "@roll/config-validator": src("config-validator"),
      "@roll/deepspeed": src("deepspeed"),
      "@roll/ds-presets": src("ds-presets"),
      "@roll/language-server": src("language-server"),
      "@roll/test-fixtures": src("test-fixtures"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
