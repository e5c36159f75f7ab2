// Bundles the extension and the language server into dist/bundle/ (self-contained: the .vsix carries no
// node_modules), and copies the files the bundled packages read next to it (dist/generated/: the JSON Schemas
// of @roll/config-types and the prebuilt validators of @roll/config-validator).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(here, "dist");
for (const dir of ["bundle", "generated"]) rmSync(join(dist, dir), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
  // CommonJS has no import.meta.url: the packages find their generated files relative to the module's URL.
  define: { "import.meta.url": "__rollImportMetaUrl" },
  banner: { js: 'var __rollImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

await build({
  ...common,
  entryPoints: [join(here, "src/extension.ts")],
  outfile: join(dist, "bundle/extension.cjs"),
  external: ["vscode"],
});
await build({
  ...common,
  entryPoints: [join(here, "src/server.ts")],
  outfile: join(dist, "bundle/server.cjs"),
  // Loaded only by `roll-config emit`, never by the server.
  external: ["tsx", "tsx/*"],
});

const require = createRequire(import.meta.url);
// Each reads ../generated/ from its module: schemas/ (config-types), validators/ (self-contained .cjs).
mkdirSync(dist, { recursive: true });
for (const pkg of ["@roll/config-types", "@roll/config-validator"]) {
  const generated = join(dirname(require.resolve(`${pkg}/package.json`)), "generated");
  cpSync(generated, join(dist, "generated"), { recursive: true });
}
console.log(`bundled ${dist}`);
