#!/usr/bin/env node
// Committed entry point so npm can link the bin before the first build; the command itself is the bundle
// (scripts/bundle.mjs), one module per command, so that start-up loads only what the command runs.
try {
  await import("../dist/bundle/bin.js");
} catch (error) {
  // Only a missing build is explained here; the bundle itself never throws (main() catches everything).
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bundle/bin.js")) {
    process.stderr.write("roll-config: not built yet: run `npm run build` in the repository root\n");
    process.exitCode = 1;
  } else {
    throw error;
  }
}
