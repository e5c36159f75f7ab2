// Bundles the extension and the language server into dist/bundle/ (self-contained: the .vsix carries no
// node_modules), and copies the JSON Schemas the server reads next to it (dist/generated/schemas/).
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
  // CommonJS has no import.meta.url: @roll/config-types finds its schemas relative to the module's URL.
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
const schemas = join(dirname(require.resolve("@roll/config-types/package.json")), "generated/schemas");
mkdirSync(join(dist, "generated"), { recursive: true });
cpSync(schemas, join(dist, "generated/schemas"), { recursive: true });
console.log(`bundled ${dist}`);
