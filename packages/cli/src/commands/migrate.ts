// roll-config migrate <path>... --to 0.3 [--write] [--format diff|yaml] [--version-base 1.1|1.3] [--allow-outside]
// The logic is @roll/config-migration's; this command validates each result for ROLL 0.3 and writes it.
import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type MigrationResult, migrateFile } from "@roll/config-migration";
import { formatDiagnostic, type RollDiagnostic, validateFile } from "@roll/config-validator";
import { unifiedDiff } from "@roll/preset-sync";
import { defineCommand, oneOf, type ParsedCommandArgs } from "../args.js";
import { writeFileAtomic } from "../atomic-write.js";
import { useColor } from "../color.js";
import { type Io, UsageError } from "../command.js";
import { inputFile } from "../input-file.js";
import { isFormattableError } from "../report.js";
import { COMPOSE_FLAGS, composeOptions } from "../resolve-options.js";

const FLAGS = {
  to: { type: "string", choices: ["0.3"], help: "the ROLL release to migrate to (required)" },
  write: { type: "boolean", help: "write the migrated files (atomically); without it nothing is written" },
  format: {
    type: "string",
    choices: ["diff", "yaml"],
    help: "print a unified diff (default) or the migrated file",
  },
  "version-base": COMPOSE_FLAGS["version-base"],
  "allow-outside": COMPOSE_FLAGS["allow-outside"],
} as const;

export default defineCommand({
  name: "migrate",
  synopsis: "<path>... --to 0.3 [--write] [--format diff|yaml]",
  description: `Rewrite ROLL 0.2 configs for ROLL 0.3, which removed DeepSpeed: deepspeed_train becomes fsdp2_train,
deepspeed_infer becomes fsdp2_infer where ZeRO-3 sharded the model and hf_infer where nothing was sharded,
with the FSDP2 settings derived from the DeepSpeed config each worker used (stage, offload, precision).
Defaults entries that only pulled in DeepSpeed presets are removed; everything else stays byte for byte.
A DeepSpeed setting with no FSDP2 counterpart is a warning naming its line. The mapping, and the ROLL 0.3
code each row follows: @roll/config-migration/generated/roll-0.2-to-0.3.md.

Each result is checked as \`validate --roll 0.3\` would before anything is written.`,
  arguments: [{ name: "<path>...", help: "ROLL 0.2 config files (each read as a primary config)" }],
  flags: FLAGS,
  footer: `Exit codes: 0 migrated (or nothing to migrate), 1 a file cannot be read or its result fails validation
(then it is not written), 2 usage error.`,
  run: migrate,
});

async function migrate(
  { values, positionals }: ParsedCommandArgs<typeof FLAGS>,
  io: Io,
  usage: string,
): Promise<number> {
  if (positionals.length === 0) throw new UsageError("missing <path>", usage);
  if (values.to === undefined)
    throw new UsageError("missing --to (the ROLL release to migrate to: 0.3)", usage);
  const to = oneOf("to", values.to, FLAGS.to.choices, usage)!;
  const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "diff";
  const compose = composeOptions(values, [], io, usage);
  const paths = positionals.map((p) => inputFile(io, p));
  const color = useColor(io);
  const show = (d: RollDiagnostic) => io.stderr(`${formatDiagnostic(d, { color, cwd: io.cwd })}\n`);

  let failed = false;
  for (const path of paths) {
    const rel = relative(io.cwd, path) || basename(path);
    let result: MigrationResult;
    try {
      result = migrateFile(path, {
        to,
        resolve: {
          versionBase: compose.versionBase,
          env: compose.env,
          ...(compose.projectRoot === false ? { projectRoot: false as const } : {}),
        },
      });
    } catch (error) {
      if (!isFormattableError(error)) throw error;
      io.stderr(`${error.format()}\n`);
      failed = true;
      continue;
    }
    for (const f of result.findings) show({ ...f, path: "" });
    if (result.migrated === result.original) {
      io.stderr(`${rel}: nothing to migrate (no DeepSpeed strategy or DeepSpeed-only defaults entry)\n`);
      continue;
    }
    const errors = checkMigrated(result, compose, show);
    if (format === "yaml") {
      io.stdout(paths.length > 1 ? `--- # ${rel}\n${result.migrated}` : result.migrated);
    } else {
      io.stdout(unifiedDiff(result.original, result.migrated, `a/${rel}`, `b/${rel}`));
    }
    if (errors > 0) {
      io.stderr(
        `${rel}: the migrated config fails validate --roll 0.3 (${errors} error${errors === 1 ? "" : "s"}); not written\n`,
      );
      failed = true;
      continue;
    }
    const summary = result.workers.map((w) => `${w.path} ${w.from} -> ${w.to}`).join(", ");
    const removed = result.removedDefaults.length;
    const what = [
      summary,
      removed > 0 ? `${removed} DeepSpeed defaults entr${removed === 1 ? "y" : "ies"} removed` : "",
    ]
      .filter(Boolean)
      .join("; ");
    if (values.write) {
      writeFileAtomic(path, result.migrated);
      io.stderr(`${rel}: migrated to ROLL ${to} (${what})\n`);
    } else {
      io.stderr(`${rel}: would migrate to ROLL ${to} (${what}); pass --write to apply\n`);
    }
  }
  return failed ? 1 : 0;
}

/**
 * Validates the migrated text for ROLL 0.3 as its own file would be: written next to the original (so its
 * defaults entries resolve the same way) under a hidden temporary name, then removed. Prints the errors and
 * warnings with the original file's name; returns the number of errors.
 */
function checkMigrated(
  result: MigrationResult,
  compose: ReturnType<typeof composeOptions>,
  show: (d: RollDiagnostic) => void,
): number {
  const stem = basename(result.file).replace(/\.ya?ml$/, "");
  const unique = `${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
  const tmp = join(dirname(result.file), `.${stem}.migrate-${unique}.yaml`);
  const fd = openSync(tmp, "wx");
  try {
    writeSync(fd, result.migrated);
  } finally {
    closeSync(fd);
  }
  try {
    const validation = validateFile(tmp, compose, { roll: "0.3" });
    const shown = validation.diagnostics.filter((d) => d.severity !== "info");
    // Findings in the migrated text are reported at the original file's lines.
    for (const d of shown)
      show(d.file === tmp ? { ...d, file: result.file, line: result.originalLine(d.line ?? 1) } : d);
    return shown.filter((d) => d.severity === "error").length;
  } finally {
    unlinkSync(tmp);
  }
}
