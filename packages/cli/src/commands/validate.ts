// roll-config validate <path>... [--roll 0.2|0.3] [--pipeline …] [--format text|json|sarif|github] [--quiet]
//   [--deepspeed-version X] [--version-base 1.1|1.3] [--now ISO] [overrides…]
// One file: the report it always printed. Several paths or a directory: one process for all of them.
import { readFileSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import {
  type BatchResult,
  formatBatchJson,
  formatBatchText,
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  MissingPathError,
  ReleaseFinder,
  relativeMessages,
  totals,
  validateFile,
  validatePaths,
  withoutInfo,
} from "@roll/config-validator";
import { deepspeedVersionFlag, defineCommand, oneOf } from "../args.js";
import { useColor } from "../color.js";
import type { Io } from "../command.js";
import { UsageError } from "../command.js";
import { inputFile } from "../input-file.js";
import { InputError } from "../report.js";
import { COMPOSE_FLAGS, composeOptions, OVERRIDES_ARGUMENT, printWarnings } from "../resolve-options.js";

const FLAGS = {
  roll: {
    type: "string",
    choices: ["0.2", "0.3"],
    help: "ROLL release (default: pinned in .roll-config.json or pyproject.toml\n[tool.roll-config], else the enclosing ROLL checkout, else detected from\nthe config: a deepspeed_* strategy means 0.2)",
  },
  pipeline: {
    type: "string",
    value: "NAME",
    choices: ["rlvr", "agentic", "sft", "dpo", "distill", "reward_fl"],
    help: "rlvr|agentic|sft|dpo|distill|reward_fl (default: detected from its keys)",
  },
  "deepspeed-version": {
    type: "string",
    value: "X",
    help: "DeepSpeed release for the DeepSpeed rules (default 0.16.4, as ROLL 0.2 pins)",
  },
  format: {
    type: "string",
    choices: ["text", "json", "sarif", "github"],
    help: "output format (default text); sarif: SARIF 2.1.0 for code scanning;\ngithub: ::error/::warning annotations for GitHub Actions",
  },
  quiet: { type: "boolean", help: "no info findings, no Hydra notices; text lists only files with findings" },
  ...COMPOSE_FLAGS,
} as const;

/** Hydra's override grammar: `key=value`, `+key=v`, `++key=v`, `~key`. Anything else is a path. */
const isOverride = (arg: string) => arg.includes("=") || /^(\+|~)/.test(arg);

export default defineCommand({
  name: "validate",
  synopsis: "<path>... [options] [overrides…]",
  description: `Resolve each config as ROLL does, then check it against the ROLL release's dataclasses and load-time
checks and DeepSpeed's rules. Each finding names the YAML line that set the value. A path is a primary
config file or a directory, searched for primary configs (files that compose as a ROLL pipeline config;
presets reached only through defaults lists are not validated on their own). Arguments with '=' (or a
leading +, ++, ~) are overrides, applied to every file.`,
  arguments: [OVERRIDES_ARGUMENT],
  flags: FLAGS,
  footer: "Exit codes: 0 no file has an error (warnings allowed), 1 errors, 2 usage error.",
  async run({ values, positionals }, io, usage) {
    const paths = positionals.filter((a) => !isOverride(a));
    const overrides = positionals.filter(isOverride);
    if (paths.length === 0)
      throw new UsageError("missing <primary.yaml> (a config file or directory)", usage);
    const roll = oneOf("roll", values.roll, FLAGS.roll.choices, usage);
    const pipeline = oneOf("pipeline", values.pipeline, FLAGS.pipeline.choices, usage);
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
    const deepspeedVersion = deepspeedVersionFlag(values["deepspeed-version"], usage);
    const quiet = values.quiet === true;
    const options = composeOptions(values, overrides, io, usage);
    const validateOptions = {
      ...(roll ? { roll } : {}),
      ...(pipeline ? { pipeline } : {}),
      ...(deepspeedVersion ? { deepspeedVersion } : {}),
    };

    // One file in text or json: the single-file report (its shape is a published contract).
    if (paths.length === 1 && (format === "text" || format === "json") && !isDirectory(io, paths[0]!)) {
      const result = validateFile(inputFile(io, paths[0]!), options, validateOptions);
      if (result.resolved && !quiet) printWarnings(io, result.resolved.warnings);
      const shown = quiet
        ? { ...result, diagnostics: result.diagnostics.filter((d) => d.severity !== "info") }
        : result;
      io.stdout(
        format === "json" ? formatJson(shown) : formatText(shown, { color: useColor(io), cwd: io.cwd }),
      );
      return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
    }
    return validateBatch(paths, format, quiet, { ...validateOptions, resolve: options }, io);
  },
});

async function validateBatch(
  paths: string[],
  format: "text" | "json" | "sarif" | "github",
  quiet: boolean,
  options: Parameters<typeof validatePaths>[1],
  io: Io,
): Promise<number> {
  let batch: BatchResult;
  try {
    batch = validatePaths(
      paths.map((p) => resolvePath(io.cwd, p)),
      { ...options, releases: new ReleaseFinder() },
    );
  } catch (error) {
    if (error instanceof MissingPathError) throw new InputError(relativeMessage(error.message, io.cwd));
    throw error;
  }
  if (batch.files.length === 0) throw new InputError(`${paths.join(", ")}: no ROLL pipeline configs found`);
  if (!quiet) {
    for (const notice of batch.notices) {
      const others = notice.configs.length - 1;
      io.stderr(`${notice.text}${others ? ` (and ${others} more config${others === 1 ? "" : "s"})` : ""}\n`);
    }
  }
  const cwd = io.cwd;
  const shown = relativeMessages(quiet ? withoutInfo(batch) : batch, cwd);
  switch (format) {
    case "json":
      io.stdout(formatBatchJson(shown, { cwd }));
      break;
    case "sarif":
      io.stdout(formatSarif(shown, { cwd, toolVersion: cliVersion() }));
      break;
    case "github":
      io.stdout(formatGithub(shown, { cwd }));
      break;
    default:
      io.stdout(formatBatchText(shown, { color: useColor(io), cwd, onlyWithFindings: quiet }));
  }
  return totals(batch.files).error > 0 ? 1 : 0;
}

function isDirectory(io: Io, path: string): boolean {
  try {
    return statSync(resolvePath(io.cwd, path)).isDirectory();
  } catch {
    return false;
  }
}

function relativeMessage(message: string, cwd: string): string {
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

function cliVersion(): string {
  // src/ and dist/ both sit two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
