#!/usr/bin/env node
// Committed entry point, so npm can link the bin before the first build. CommonJS (bin/package.json), so that
// `roll-config resolve` starts without Node's ES module loader: a command the build made one file of
// (scripts/bundle.mjs) runs from dist/bundle/<command>.cjs, compiled from the V8 code cache made for it (a
// cache from another Node version or build is not used). Every other command runs the ES module bundle,
// dist/bundle/bin.js.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const BUNDLE = join(__dirname, "../dist/bundle");

/** Runs the command's one-file bundle; false when there is none. */
function runOneFile(command) {
  if (!/^[a-z]+$/.test(command ?? "")) return false;
  const file = join(BUNDLE, `${command}.cjs`);
  let source;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  const cacheFile = join(BUNDLE, `${command}.cache`);
  // The bundle's first line names its build; the cache starts with the line of the build it was made from.
  const id = source.slice(0, source.indexOf("\n") + 1);
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.subarray(0, id.length).toString() === id) cachedData = cache.subarray(id.length);
  } catch {}
  const { Script } = require("node:vm");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  // The build runs the command once with this set and keeps what V8 compiled (functions compile on first call).
  if (process.env.ROLL_CONFIG_WRITE_CODE_CACHE === "1")
    process.on("exit", () =>
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(id), script.createCachedData()])),
    );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, BUNDLE);
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
