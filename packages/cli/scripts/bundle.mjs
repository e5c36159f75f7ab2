#!/usr/bin/env node
// Bundles the roll-config command into dist/bundle/ (after tsc has built dist/): one ES module for the entry
// (bin, main, dispatch, argument tables) and one per command, split so that a command loads only the code it
// runs: `resolve` never loads the validator or the DeepSpeed rules. Loading one file instead of dozens is
// most of a cold start's module cost (npm run bench). dist/bundle/inputs.json maps each output file to the
// sources in it, for the test that checks which code a command loads.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
const src = join(pkg, "src");
const out = join(pkg, "dist/bundle");

// Workspace packages bundled in; the others (and every third-party package) are imported from node_modules.
// config-types and preset-sync find their data files next to their own modules, which a bundle would move;
// ds-presets is data that must come from the installed package (a newer release is read without a new CLI).
const EXTERNAL_WORKSPACE = new Set([
  "@roll/config-types",
  "@roll/ds-presets",
  "@roll/preset-sync",
  "@roll/test-fixtures",
]);
const packageName = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

const layout = {
  name: "roll-layout",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { external: true };
      const name = packageName(args.path);
      if (!name.startsWith("@roll/") || EXTERNAL_WORKSPACE.has(name)) return { external: true };
      return undefined;
    });
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (args.path.startsWith(`${src}/`)) {
        // The CLI's own lookups relative to its module (../package.json) keep working: they are made from
        // where tsc put that module, dist/<same path>.js, found from the bundle file's own URL.
        const twin = relative(src, args.path).replace(/\.ts$/, ".js");
        return {
          contents: text.replaceAll("import.meta.url", `__rollDistUrl(${JSON.stringify(twin)})`),
          loader: "ts",
        };
      }
      // A bundled library that looks up files next to its own module would look next to the bundle instead.
      if (/\bimport\.meta\b|\bcreateRequire\b/.test(text))
        throw new Error(
          `${relative(root, args.path)} uses import.meta or createRequire: add its package to EXTERNAL_WORKSPACE`,
        );
      return undefined;
    });
  },
};

const commands = readdirSync(join(src, "commands"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(src, "commands", f));
rmSync(out, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(src, "bin.ts"), ...commands],
  outbase: src,
  outdir: out,
  // Chunks sit beside bin.js so that dispatch's `./commands/<name>.js` resolves from whichever file holds it.
  chunkNames: "[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Workspace packages resolve through their package exports to their built dist/ (turbo builds them first).
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
  banner: {
    js: 'const __rollDistUrl = (file) => new URL(file, import.meta.url.slice(0, import.meta.url.lastIndexOf("/bundle/") + 1)).href;',
  },
  plugins: [layout],
});
const inputs = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  inputs[relative(out, join(process.cwd(), file))] = Object.keys(output.inputs)
    .map((input) => relative(root, join(process.cwd(), input)))
    .sort();
}
const dispatchIn = Object.keys(inputs).find((file) => inputs[file].includes("packages/cli/src/dispatch.ts"));
if (dispatchIn?.includes("/")) throw new Error(`dispatch.ts landed in ${dispatchIn}, not beside commands/`);
writeFileSync(join(out, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
