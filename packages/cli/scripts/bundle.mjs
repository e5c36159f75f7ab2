#!/usr/bin/env node
import { spawnSync } from "node:child_process";
// Bundles the roll-config command into dist/bundle/ (after tsc has built dist/), so that a cold start loads
// a few files instead of dozens (npm run bench):
//  - bin.js: an ES module for the entry (bin, main, dispatch, argument tables) and one per command, split
//    so that a command loads only the code it runs: `resolve` never loads the validator or DeepSpeed rules;
//  - <command>.cjs for the commands users run most (ONE_FILE): that command alone in one CommonJS file,
//    which bin/roll-config.js compiles from V8's code cache, <command>.cache, made here by one training run.
//    A command that imports an ES-module-only package (EXTERNAL_WORKSPACE) cannot be one CommonJS file on
//    Node 20 (require() cannot load ES modules); it runs from bin.js, and the build says so.
// inputs.json maps each output file to the sources in it, for the test that checks which code a command loads.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PIPELINE_DEFINITIONS } from "@roll/config-types";
import { build } from "esbuild";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
const src = join(pkg, "src");
const out = join(pkg, "dist/bundle");

// Workspace packages bundled in; the others (and every third-party package) are imported from node_modules.
// ds-presets is data that must come from the installed package (a newer release is read without a new CLI),
// and preset-sync is the one reader of its files.
const EXTERNAL_WORKSPACE = new Set(["@roll/ds-presets", "@roll/preset-sync", "@roll/test-fixtures"]);
const packageName = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
const isBuiltin = (specifier) => specifier.startsWith("node:") || builtinModules.includes(specifier);

// `import.meta.url` of a bundled module becomes the URL that module has unbundled, so that its lookups of
// files next to it (../package.json, generated/…) work from the bundle: __rollDistUrl("x.js") is the CLI's
// dist/x.js, __rollPackageUrl(name, "dist/x.js") that file of the installed workspace package `name`.
const URL_HELPERS = {
  esm: [
    'import { createRequire as __rollCreateRequire } from "node:module";',
    'const __rollDistUrl = (file) => new URL(file, import.meta.url.slice(0, import.meta.url.lastIndexOf("/bundle/") + 1)).href;',
    'import { pathToFileURL as __rollPathToFileURL } from "node:url";',
    "const __rollPackageUrl = (name, file) => new URL(file, __rollPathToFileURL(__rollCreateRequire(import.meta.url).resolve(`${name}/package.json`))).href;",
  ].join("\n"),
  cjs: [
    'const __rollDistUrl = (file) => require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", file)).href;',
    // The package's folder is looked up once, in the folders require() searches, without reading its exports
    // map (which loads Node's ES module resolver: 2 ms of a cold `validate`); require.resolve if not found.
    "const __rollPackageDirs = new Map();",
    "const __rollPackageDir = (name) => {",
    '  const { existsSync, realpathSync } = require("node:fs"), { dirname, join } = require("node:path");',
    '  const dir = require.resolve.paths(name).map((d) => join(d, name)).find((d) => existsSync(join(d, "package.json")));',
    "  return dir === undefined ? dirname(require.resolve(`${name}/package.json`)) : realpathSync(dir);",
    "};",
    "const __rollPackageUrl = (name, file) => {",
    "  let dir = __rollPackageDirs.get(name);",
    '  if (dir === undefined) __rollPackageDirs.set(name, (dir = require("node:url").pathToFileURL(`${__rollPackageDir(name)}/`).href));',
    "  return new URL(file, dir).href;",
    "};",
  ].join("\n"),
};

/** The workspace package (name and folder) a file below packages/ belongs to. */
function workspacePackage(file) {
  for (let dir = dirname(file); dir.startsWith(`${root}/packages/`); dir = dirname(dir)) {
    const json = join(dir, "package.json");
    if (existsSync(json)) return { name: JSON.parse(readFileSync(json, "utf8")).name, dir };
  }
  return undefined;
}

/** `oneFile`: everything but Node's own modules is bundled, and an EXTERNAL_WORKSPACE import is an error. */
function layout(oneFile) {
  return {
    name: "roll-layout",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { external: true };
        const name = packageName(args.path);
        if (EXTERNAL_WORKSPACE.has(name)) {
          if (!oneFile) return { external: true };
          return { errors: [{ text: `imports ${args.path} (${relative(root, args.importer)})` }] };
        }
        return name.startsWith("@roll/") || oneFile ? undefined : { external: true };
      });
      b.onLoad({ filter: /\.[jt]s$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        const loader = args.path.endsWith(".ts") ? "ts" : "js";
        let contents;
        if (args.path.startsWith(`${src}/`)) {
          const twin = relative(src, args.path).replace(/\.ts$/, ".js");
          contents = text.replaceAll("import.meta.url", `__rollDistUrl(${JSON.stringify(twin)})`);
        } else {
          const owner = workspacePackage(args.path);
          if (owner === undefined || !text.includes("import.meta")) return undefined;
          const at = JSON.stringify(relative(owner.dir, args.path));
          contents = text.replaceAll(
            "import.meta.url",
            `__rollPackageUrl(${JSON.stringify(owner.name)}, ${at})`,
          );
        }
        if (contents.includes("import.meta"))
          throw new Error(`${relative(root, args.path)}: only import.meta.url can be bundled`);
        return { contents, loader };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  metafile: true,
  legalComments: "none",
  // Less text for V8 to scan on every start; identifiers stay, for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
};

rmSync(out, { recursive: true, force: true });
const commands = readdirSync(join(src, "commands"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(src, "commands", f));
const esm = await build({
  ...common,
  entryPoints: [join(src, "bin.ts"), ...commands],
  outbase: src,
  outdir: out,
  // Chunks sit beside bin.js so that dispatch's `./commands/<name>.js` resolves from whichever file holds it.
  chunkNames: "[name]-[hash]",
  splitting: true,
  format: "esm",
  banner: { js: URL_HELPERS.esm },
  plugins: [layout(false)],
});

// The prebuilt validators (one per ROLL release and pipeline) that `validate` compiles from code caches too,
// copied beside their caches (src/validator-code-cache.ts): each gets a training run of its own, made with
// --roll and --pipeline.
const VALIDATORS = join(root, "packages/config-validator/generated/validators");
const PIPELINE_OF = Object.fromEntries(Object.entries(PIPELINE_DEFINITIONS).map(([p, def]) => [def, p]));
const validators = readdirSync(VALIDATORS).flatMap((schema) => {
  const copies = join(out, "validators", schema);
  mkdirSync(copies, { recursive: true });
  return readdirSync(join(VALIDATORS, schema)).map((file) => {
    copyFileSync(join(VALIDATORS, schema, file), join(copies, file));
    return {
      cache: join(copies, file.replace(/\.cjs$/, ".cache")),
      args: ["--roll", schema.replace(/^roll-/, ""), "--pipeline", PIPELINE_OF[file.replace(/\.cjs$/, "")]],
    };
  });
});

/**
 * Commands built as one file: the function that sets the command up (`setup`, optional), the arguments of their
 * training runs (in the training tree below; the last one is the run whose cache the command keeps), the exit
 * codes those may have and the caches they must write.
 */
const ONE_FILE = {
  // resolve's run must succeed, so the training config is known to compose; validate reports its findings.
  resolve: { runs: [["resolve", "run/main.yaml"]], caches: [join(out, "resolve.cache")], exits: [0] },
  validate: {
    exits: [0, 1],
    setup: { from: "./validator-code-cache.js", call: "useValidatorCodeCache" },
    runs: [...validators.map((v) => ["validate", "run/main.yaml", ...v.args]), ["validate", "run/main.yaml"]],
    caches: [join(out, "validate.cache"), ...validators.map((v) => v.cache)],
  },
};
const oneFile = [];
for (const [name, { setup }] of Object.entries(ONE_FILE)) {
  let result;
  try {
    result = await build({
      ...common,
      stdin: {
        contents: [
          `import command from "./commands/${name}.js"; import { runOneCommand } from "./process.js";`,
          setup ? `import { ${setup.call} } from "${setup.from}"; ${setup.call}();` : "",
          `void runOneCommand(${JSON.stringify(name)}, command);`,
        ].join("\n"),
        resolveDir: src,
        sourcefile: `${name}-one-file.ts`,
        loader: "ts",
      },
      outfile: join(out, `${name}.cjs`),
      format: "cjs",
      write: false,
      logLevel: "silent",
      banner: { js: URL_HELPERS.cjs },
      plugins: [layout(true)],
    });
  } catch (error) {
    console.log(
      `roll-config ${name} runs from the ES module bundle: it ${error.errors?.[0]?.text ?? error.message}`,
    );
    continue;
  }
  // The first line names this build, so that a code cache made from another build is never used.
  const code = result.outputFiles[0].text;
  const id = createHash("sha256").update(code).digest("hex").slice(0, 32);
  writeFileSync(join(out, `${name}.cjs`), `// roll-config ${name} bundle ${id}\n${code}`);
  oneFile.push([name, result.metafile]);
}

const inputs = {};
for (const metafile of [esm.metafile, ...oneFile.map(([, m]) => m)]) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    inputs[relative(out, join(process.cwd(), file))] = Object.keys(output.inputs)
      .map((input) => relative(root, join(process.cwd(), input)))
      .sort();
  }
}
const dispatchIn = Object.keys(inputs).find(
  (file) => file.endsWith(".js") && inputs[file].includes("packages/cli/src/dispatch.ts"),
);
if (dispatchIn?.includes("/")) throw new Error(`dispatch.ts landed in ${dispatchIn}, not beside commands/`);
writeFileSync(join(out, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);

// Training: each one-file command runs, with its default output, on a small ROLL-shaped config that uses what
// ROLL configs use (a DeepSpeed preset placed @_here_ and read by two workers, a group, no `_self_`, hydra
// settings, interpolations, workers with strategies and device mappings, rewards, flow and block collections,
// quoted and typed scalars) and has the findings they have (unknown and misspelt keys, "auto" values, keys
// ROLL rewrites at load).
const training = mkdtempSync(join(tmpdir(), "roll-config-cache-"));
try {
  mkdirSync(join(training, "config"));
  mkdirSync(join(training, "run/opt"), { recursive: true });
  // A DeepSpeed preset as ROLL ships them: "auto" values nothing fills, read by two workers.
  writeFileSync(
    join(training, "config/ds_preset.yaml"),
    [
      "ds_zero3:",
      "  train_batch_size: auto",
      "  gradient_accumulation_steps: auto",
      "  bf16: {enabled: auto}",
      "  zero_optimization:",
      "    stage: 3",
      "    overlap_comm: true",
      "    reduce_bucket_size: auto",
      "    offload_optimizer: {device: cpu, pin_memory: true}",
      "",
    ].join("\n"),
  );
  writeFileSync(join(training, "run/opt/adam.yaml"), "lr: 1.0e-6\nbetas: [0.9, 0.95]\n");
  const main = [
    "defaults:",
    "  - ../config/ds_preset@_here_",
    "  - opt: adam",
    "hydra:",
    "  run: {dir: .}",
    "  output_subdir: null",
    "# a comment",
    'exp_name: "run-${seed}"',
    "seed: 42",
    "num_gpus_per_node: 8",
    "rollout_batch_size: 64",
    "prompt_length: 1024",
    "response_length: 2048",
    "max_steps: 500",
    "norm_mean_type: ~",
    "ratio: 0.5",
    "tags: ['a', b]",
    "validation:",
    "  data_args: {template: qwen2_5, file_name: [data/eval.jsonl]}",
    "  generating_args:",
    "    max_new_tokens: ${response_length}",
    "    top_p: 0.6",
    "    num_return_sequences: 1",
    "actor_train:",
    "  model_args: {dtype: bf16, disable_gradient_checkpointing: false, model_type: ~}",
    "  training_args:",
    "    learning_rate: ${opt.lr}",
    "    per_device_train_batch_size: 1",
    "    gradient_accumulation_steps: 8",
    "    warmup_step: 20",
    "  data_args:",
    "    template: qwen2_5",
    "    file_name:",
    "      - data/train.jsonl",
    "    domain_interleave_probs: {math_rule: 1.0}",
    '    messages: "messages"',
    "  strategy_args:",
    "    strategy_name: deepspeed_train",
    "    strategy_config: ${ds_zero3}",
    "  device_mapping: ${oc.env:ROLL_CONFIG_TRAINING_DEVICES,'list(range(0, 8))'}",
    "actor_infer:",
    "  generating_args: {max_new_tokens: 128, temperature: 0.9, num_return_sequences: 4}",
    "  strategy_args:",
    "    strategy_name: vllm",
    "    strategy_config: {gpu_memory_utilization: 0.6}",
    "  device_mapping: list(range(0, 8))",
    "reference:",
    "  model_args: {dtype: bf16}",
    "  strategy_args:",
    "    strategy_name: deepspeed_infer",
    "    strategy_config: ${ds_zero3}",
    "  device_mapping: list(range(0, 8))",
    "rewards:",
    "  math_rule:",
    "    worker_cls: roll.pipeline.rlvr.rewards.math_rule_reward_worker.MathRuleRewardWorker",
    "    tag_included: [math_rule]",
    "    model_args:",
    "      model_name_or_path: ${reward_pretrain}",
    "    world_size: 8",
    "reward_pretrain: Qwen/Qwen2.5-7B",
    "text: |",
    "  line one",
    "  line two",
  ];
  writeFileSync(join(training, "run/main.yaml"), `${main.join("\n")}\n`);
  for (const [name] of oneFile) {
    for (const args of ONE_FILE[name].runs) {
      const run = spawnSync(process.execPath, [join(pkg, "bin/roll-config.js"), ...args], {
        cwd: training,
        encoding: "utf8",
        env: { ...process.env, ROLL_CONFIG_WRITE_CODE_CACHE: "1" },
      });
      if (!ONE_FILE[name].exits.includes(run.status))
        throw new Error(`training run \`${args.join(" ")}\` failed:\n${run.stderr}`);
    }
    const missing = ONE_FILE[name].caches.filter((file) => !existsSync(file));
    if (missing.length > 0)
      throw new Error(
        `the training runs of ${name} wrote no ${missing.map((f) => relative(out, f)).join(", ")}`,
      );
  }
} finally {
  rmSync(training, { recursive: true, force: true });
}
