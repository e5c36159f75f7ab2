// `roll-config validate` from its one-file bundle (scripts/bundle.mjs): the prebuilt validator of the config's
// release and pipeline (~264 KB of code) is compiled from the V8 code cache the build's training runs made for
// it, by bin/code-cache.js as the bundle itself is, instead of parsed and compiled by require() on every start.
// The build copies the validators beside their caches, dist/bundle/validators/<schema>/<Definition>.cjs and
// .cache: the validator the bundle was built with, found by a plain path (no lookup of config-validator's
// folder and URL conversions, about 0.5 ms of a cold validate).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setPrebuiltLoader } from "@roll/config-validator";

interface CodeCache {
  sourceText(bytes: Buffer): string;
  runCached(
    file: string,
    source: string,
    cacheFile: string,
    require: (id: string) => unknown,
  ): Record<string, unknown>;
}

/** A prebuilt validator imports nothing (generate-validators.ts); its module gets this as its require(). */
const noRequire = (id: string): never => {
  throw new Error(`a prebuilt validator requires ${id}`);
};

export function useValidatorCodeCache(): void {
  // This runs in validate's one-file CommonJS bundle, which has bin/code-cache.js built in (not required from
  // bin/ by createRequire: node:module loads Node's ES module loader, 0.4 ms of a cold validate).
  const { runCached, sourceText } = require("../bin/code-cache.js") as CodeCache;
  setPrebuiltLoader(
    (file) => runCached(file, sourceText(readFileSync(file)), file.replace(/\.cjs$/, ".cache"), noRequire),
    fileURLToPath(new URL("bundle/validators/", import.meta.url)),
  );
}
