// V8 code caches for the CommonJS files roll-config compiles itself: its one-file bundles (bin/roll-config.js)
// and the prebuilt validator `validate` loads (src/validator-code-cache.ts). A file's leading `//` lines name
// its build (the bundle's hash; a validator's schema hash and generator versions) and its cache starts with
// them: a cache made from another build is not used, and V8 rejects one from another Node version (the file
// then compiles as usual). V8 does not check the body of a cache (release builds skip its checksum), so a
// cache damaged after install can abort the process in V8's deserialiser: ROLL_CONFIG_NO_CODE_CACHE=1 runs
// without caches, and `npm ci` restores them (a digest check here cost more than the cache saves: node:crypto
// loads the stream modules). The build's training runs set ROLL_CONFIG_WRITE_CODE_CACHE=1: each file run here
// then writes its cache on exit, with what V8 compiled on the way (functions compile on first call).
"use strict";
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { dirname } = require("node:path");
const { Script } = require("node:vm");
const { isAscii } = require("node:buffer");

/** The text of a file's bytes. ASCII (the bundles and prebuilt validators are) is copied, not decoded as UTF-8. */
function sourceText(bytes) {
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/** The leading `//` lines of `source`, as bytes. */
function buildId(source) {
  let end = 0;
  while (source.startsWith("//", end) && source.indexOf("\n", end) >= 0) end = source.indexOf("\n", end) + 1;
  return Buffer.from(source.slice(0, end));
}

/** `source` (the text of `file`) compiled as a CommonJS module's wrapper, from `cacheFile` when it fits. */
function compile(file, source, cacheFile) {
  const id = buildId(source);
  let cachedData;
  try {
    if (process.env.ROLL_CONFIG_NO_CODE_CACHE === "1") throw new Error("caches off");
    const cache = readFileSync(cacheFile);
    if (id.length > 0 && cache.subarray(0, id.length).equals(id)) cachedData = cache.subarray(id.length);
  } catch {}
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (process.env.ROLL_CONFIG_WRITE_CODE_CACHE === "1")
    process.on("exit", () => {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(cacheFile, Buffer.concat([id, script.createCachedData()]));
    });
  return { script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** Runs `file` (its text `source`) as a CommonJS module compiled from `cacheFile`; returns its exports. */
function runCached(file, source, cacheFile, require) {
  const module = { exports: {} };
  compile(file, source, cacheFile).script.runInThisContext()(
    module.exports,
    require,
    module,
    file,
    dirname(file),
  );
  return module.exports;
}

module.exports = { compile, runCached, sourceText };
