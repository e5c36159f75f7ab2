#!/usr/bin/env node
// Committed entry point, so npm can link the bin before the first build. CommonJS (bin/package.json), so that
// `roll-config resolve` starts without Node's ES module loader: a command the build made one file of
// (scripts/bundle.mjs) runs from dist/bundle/<command>.cjs, compiled from the V8 code cache made for it
// (code-cache.js). Every other command runs the ES module bundle, dist/bundle/bin.js.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const BUNDLE = join(__dirname, "../dist/bundle");

/** Runs the command's one-file bundle, compiled from its code cache (code-cache.js); false when there is none. */
function runOneFile(command) {
  if (!/^[a-z]+$/.test(command ?? "")) return false;
  const file = join(BUNDLE, `${command}.cjs`);
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  const { runCached, sourceText } = require("./code-cache.js");
  runCached(file, sourceText(bytes), join(BUNDLE, `${command}.cache`), require);
  return true;
}

if (!runOneFile(process.argv[2])) {
  import("../dist/bundle/bin.js").catch((error) => {
    // Only a missing build is explained here; the bundle itself never throws (main() catches everything).
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/bundle/bin.js")) {
      process.stderr.write("roll-config: not built yet: run `npm run build` in the repository root\n");
      process.exitCode = 1;
    } else {
      throw error;
    }
  });
}
