// `roll-config validate` from its one-file bundle (scripts/bundle.mjs): the prebuilt validator of the config's
// release and pipeline (~264 KB of code) is compiled from the V8 code cache the build's training runs made for
// it, by bin/code-cache.js as the bundle itself is, instead of parsed and compiled by require() on every start.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setPrebuiltLoader } from "@roll/config-validator";

interface CodeCache {
  sourceText(bytes: Buffer): string;
  runCached(
    file: string,
    source: string,
    cacheFile: string,
    require: NodeJS.Require,
  ): Record<string, unknown>;
}

/** The cache of a prebuilt validator: dist/bundle/validators/<schema>/<Definition>.cache. */
const validatorCacheFile = (file: string): string =>
  fileURLToPath(
    new URL(`bundle/validators/${basename(dirname(file))}/${basename(file, ".cjs")}.cache`, import.meta.url),
  );

export function useValidatorCodeCache(): void {
  // bin/ is beside dist/; at run time this is the module bin/roll-config.js has already loaded.
  const { runCached, sourceText } = createRequire(import.meta.url)("../bin/code-cache.js") as CodeCache;
  setPrebuiltLoader((file) =>
    runCached(file, sourceText(readFileSync(file)), validatorCacheFile(file), createRequire(file)),
  );
}
