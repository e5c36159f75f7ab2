// End-to-end: the real bin in a child process (needs the built dist/ of this package and its dependencies).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HYDRA_CASES, ROLL_TREES } from "@roll/test-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./helpers/io.js";
import { scratchDir } from "./helpers/tmp.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/roll-config.js");
// Commands load their libraries lazily: the ones run here need the resolver and the validator.
const PACKAGES = ["config-resolver", "config-validator", "cli"];

/** Rebuilds a package whose build is missing or older than its src/ (the lead's `npm test` builds first); the
 * CLI's bundle also holds the resolver's dist/, built just before it. */
function buildIfStale(pkg: string): void {
  const dir = join(ROOT, "packages", pkg);
  const entry = join(dir, "dist", pkg === "cli" ? "bundle/bin.js" : "index.js");
  const sources =
    pkg === "cli" ? [join(dir, "src"), join(ROOT, "packages/config-resolver/dist")] : [join(dir, "src")];
  const fresh = existsSync(entry) && Math.max(...sources.map(newestMtime)) <= statSync(entry).mtimeMs;
  // A build restored from a cache that another Node made has a code cache this Node rejects: make it anew.
  if (fresh && (pkg !== "cli" || codeCacheAccepted(`${BUNDLE}resolve.cjs`, `${BUNDLE}resolve.cache`))) return;
  try {
    execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.build.json")], {
      stdio: "pipe",
    });
  } catch {
    // tsc still emits JavaScript on type errors; the tests below show whether what it emitted works.
  }
  if (pkg === "cli") execFileSync(process.execPath, [join(dir, "scripts/bundle.mjs")], { stdio: "pipe" });
}

/**
 * Whether a plain `node` (not this test runner, whose flags may differ) compiles `file` from the code cache
 * `cache` (both below the repository): bin/code-cache.js finds that the cache belongs to the file's build, and
 * V8 accepts it.
 */
function codeCacheAccepted(file: string, cache: string): boolean {
  const check = `
    const { compile } = require(${JSON.stringify(join(ROOT, "packages/cli/bin/code-cache.js"))});
    const file = ${JSON.stringify(join(ROOT, file))};
    const { cached } = compile(file, require("node:fs").readFileSync(file, "utf8"), ${JSON.stringify(join(ROOT, cache))});
    process.exit(cached ? 0 : 3);`;
  return spawnSync(process.execPath, ["-e", check], { env: ENV }).status === 0;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
  }
  return newest;
}

// A clean environment: no NODE_OPTIONS or loaders inherited from the test runner.
const ENV = { PATH: process.env.PATH };

function cli(args: string[], cwd = FIXTURES) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: ENV });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Every file of code the process loads is appended to $ROLL_TRACE_MODULES: start-up cost is counted in
// modules loaded, not in milliseconds (the time is in bench). ES modules through a resolution hook (Node's
// module.register); CommonJS files, the one-file bundles and the V8 code caches they compile from (which
// bin/code-cache.js reads) through fs.readFileSync, which all of them are read with.
const TRACE_HOOKS = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (r.url.startsWith("file:")) appendFileSync(process.env.ROLL_TRACE_MODULES, r.url + "\\n");
  return r;
}`;
const TRACE_READS = `const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const read = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  if (typeof path === "string" && /\\.([cm]?js|cache)$/.test(path))
    fs.appendFileSync(process.env.ROLL_TRACE_MODULES, pathToFileURL(path).href + "\\n");
  return read.call(this, path, ...rest);
};`;
const dataUrl = (code: string) => `data:text/javascript,${encodeURIComponent(code)}`;
const TRACE_IMPORT = dataUrl(
  `import { register } from "node:module"; register(${JSON.stringify(dataUrl(TRACE_HOOKS))});`,
);

const BUNDLE = "packages/cli/dist/bundle/";

/** The files (paths below the repository) one `roll-config ARGS` process loads. */
function filesLoaded(args: string[]): string[] {
  const dir = scratchDir();
  const trace = join(dir, "modules.txt");
  writeFileSync(trace, "");
  writeFileSync(join(dir, "trace-reads.cjs"), TRACE_READS);
  const hooks = ["--require", join(dir, "trace-reads.cjs"), "--import", TRACE_IMPORT];
  const r = spawnSync(process.execPath, [...hooks, BIN, ...args], {
    cwd: FIXTURES,
    encoding: "utf8",
    env: { ...ENV, ROLL_TRACE_MODULES: trace },
  });
  expect(r.status, r.stderr).toBe(0);
  const urls = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  return [...new Set(urls.map((u) => fileURLToPath(u).slice(ROOT.length)))].sort();
}

/**
 * The source files one `roll-config ARGS` process loads: a file of the CLI's bundle stands for the sources
 * bundled into it (scripts/bundle.mjs lists them in inputs.json).
 */
function modulesLoaded(args: string[]): string[] {
  const inputs = JSON.parse(readFileSync(join(ROOT, BUNDLE, "inputs.json"), "utf8")) as Record<
    string,
    string[]
  >;
  const sources = filesLoaded(args).flatMap((f) => {
    if (f.endsWith(".cache")) return [];
    if (!f.startsWith(BUNDLE)) return [f];
    const bundled = inputs[f.slice(BUNDLE.length)];
    expect(bundled, `${f} is not in ${BUNDLE}inputs.json`).toBeDefined();
    return bundled ?? [];
  });
  return [...new Set(sources)].sort();
}

const STACK_LINE = /^\s+at /m;

beforeAll(() => {
  for (const pkg of PACKAGES) buildIfStale(pkg);
});

describe("roll-config as a process", () => {
  it("--version starts fast: it loads the CLI's own few modules and none of the libraries", () => {
    const loaded = modulesLoaded(["--version"]);
    console.log(`--version loads ${loaded.length} modules: ${loaded.join(", ")}`);
    expect(loaded).toContain("packages/cli/bin/roll-config.js");
    // Commands load their libraries lazily; the start-up time itself is `npm run bench` (cold start).
    expect(loaded.filter((f) => !f.startsWith("packages/cli/"))).toEqual([]);
    expect(loaded.filter((f) => f.includes("/commands/"))).toEqual([]);
    expect(8).toBeGreaterThanOrEqual(loaded.length);
  });

  it("resolve loads the resolver but not the validator or the DeepSpeed rules", () => {
    const loaded = modulesLoaded(["resolve", join(HYDRA_CASES, "m15_cli_delete_key/conf/config.yaml")]);
    expect(loaded.some((f) => f.startsWith("packages/config-resolver/"))).toBe(true);
    expect(loaded.filter((f) => /packages\/(config-validator|deepspeed|config-types)\//.test(f))).toEqual([]);
  });

  it("resolve runs from one file of the bundle, compiled from V8's code cache", () => {
    const files = filesLoaded(["resolve", join(HYDRA_CASES, "m15_cli_delete_key/conf/config.yaml")]);
    expect(files).toEqual([
      "packages/cli/bin/code-cache.js",
      "packages/cli/bin/roll-config.js",
      `${BUNDLE}resolve.cache`,
      `${BUNDLE}resolve.cjs`,
    ]);
    expect(codeCacheAccepted(`${BUNDLE}resolve.cjs`, `${BUNDLE}resolve.cache`)).toBe(true);
  });

  it("validate runs from one file of the bundle and one prebuilt validator beside it, each compiled from its code cache", () => {
    const config = join(ROLL_TREES, "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const files = filesLoaded(["validate", config, "--quiet"]);
    expect(files).toEqual([
      "packages/cli/bin/code-cache.js",
      "packages/cli/bin/roll-config.js",
      `${BUNDLE}validate.cache`,
      `${BUNDLE}validate.cjs`,
      `${BUNDLE}validators/roll-0.2/RLVRConfig.cache`,
      `${BUNDLE}validators/roll-0.2/RLVRConfig.cjs`,
    ]);
    expect(codeCacheAccepted(`${BUNDLE}validate.cjs`, `${BUNDLE}validate.cache`)).toBe(true);
    // The build copies and trains every prebuilt validator, not only the one this config needs.
    for (const schema of ["roll-0.2", "roll-0.3"])
      for (const file of readdirSync(join(ROOT, "packages/config-validator/generated/validators", schema))) {
        const copy = `${BUNDLE}validators/${schema}/${file}`;
        expect(readFileSync(join(ROOT, copy), "utf8"), copy).toBe(
          readFileSync(join(ROOT, "packages/config-validator/generated/validators", schema, file), "utf8"),
        );
        expect(codeCacheAccepted(copy, copy.replace(/\.cjs$/, ".cache")), copy).toBe(true);
      }
  });

  it("resolve and validate load the same Node built-ins (node:module would load Node's ES module loader)", () => {
    const dir = scratchDir();
    const builtins = (args: string[]) => {
      const out = join(dir, `${args[0]}.txt`);
      const hook = join(dir, "builtins.cjs");
      writeFileSync(
        hook,
        `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join("\\n")));`,
      );
      const r = spawnSync(process.execPath, ["--require", hook, BIN, ...args], { cwd: FIXTURES, env: ENV });
      expect(r.status, String(r.stderr)).toBe(0);
      return readFileSync(out, "utf8")
        .split("\n")
        .filter((m) => m.startsWith("NativeModule "));
    };
    const config = join(ROLL_TREES, "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const validate = builtins(["validate", config, "--quiet"]);
    expect(validate).not.toContain("NativeModule module");
    // Output to a pipe is not a terminal: node:tty (which loads node:net and the stream modules) stays unloaded;
    // so do node:crypto and Node's streams (4 ms of a cold start once, through a checksum of the code caches).
    for (const heavy of ["tty", "net", "crypto", "stream"])
      expect(validate).not.toContain(`NativeModule ${heavy}`);
    expect(validate).toEqual(builtins(["resolve", config]));
  });

  it("colours its report on a terminal (a pseudo-terminal from util-linux script), not into a pipe", () => {
    const config = join(ROLL_TREES, "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml");
    const command = [process.execPath, BIN, "validate", config].map((a) => `'${a}'`).join(" ");
    const onTerminal = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: ENV });
    expect(onTerminal.status, onTerminal.stderr).toBe(0);
    expect(onTerminal.stdout).toContain("\x1b[36minfo\x1b[0m");
    const piped = spawnSync(process.execPath, [BIN, "validate", config], { encoding: "utf8", env: ENV });
    expect(piped.stdout).toContain(" info ds/auto-dropped");
    expect(piped.stdout).not.toContain("\x1b[");
  });

  it("other commands run from the ES module bundle: no module of a workspace package from its own dist/", () => {
    const files = filesLoaded(["explain", join(HYDRA_CASES, "m15_cli_delete_key/conf/config.yaml"), "a.b"]);
    expect(
      files.filter(
        (f) => !f.startsWith(BUNDLE) && /^packages\/(?!config-types|ds-presets|preset-sync)/.test(f),
      ),
    ).toEqual(["packages/cli/bin/roll-config.js"]);
    expect(files).toContain(`${BUNDLE}commands/explain.js`);
  });

  it("resolves a ROLL config byte for byte as Hydra does", () => {
    const file = "v0.2/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml";
    const expected = readFileSync(
      join(ROLL_TREES, "v0.2/expected/examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml.resolved.json"),
      "utf8",
    );
    const r = cli(["resolve", join(ROLL_TREES, file), "--format", "json", "--now", "2025-01-02T03:04:05"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it("exit 2 and the usage for an unknown command", () => {
    const r = cli(["nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^roll-config: unknown command 'nope'\n\nUsage: roll-config/);
  });

  it("exit 1 with FILE:LINE:COL and no stack trace for a broken YAML file", () => {
    const file = join(HYDRA_CASES, "y03_duplicate_key/conf/config.yaml");
    const r = cli(["resolve", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`${file}:3:`)).toBe(true);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("-o writes the file atomically on success and nothing on failure", () => {
    const dir = scratchDir();
    const ok = cli(
      [
        "resolve",
        join(HYDRA_CASES, "m15_cli_delete_key/conf/config.yaml"),
        "--format",
        "json",
        "-o",
        "out.json",
        "~a.b",
      ],
      dir,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(dir, "out.json"), "utf8")).toBe(
      readFileSync(join(HYDRA_CASES, "m15_cli_delete_key/expected.json"), "utf8"),
    );
    const bad = cli(
      ["resolve", join(HYDRA_CASES, "i09_missing_key/conf/config.yaml"), "-o", "bad.json"],
      dir,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(STACK_LINE);
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });
});
