// roll-config deepspeed validate <ds.json|ds.yaml> [--world-size N] [--deepspeed-version X] [--format text|json]
import { loadYamlFile, toPlain } from "@roll/config-resolver";
import { formatJson, formatText, locator, type RollDiagnostic } from "@roll/config-validator";
import { validateDeepSpeedConfig } from "@roll/deepspeed";
import {
  deepspeedVersionFlag,
  noExtraPositionals,
  oneOf,
  parseCommandArgs,
  positiveInt,
  requirePositionals,
} from "../args.js";
import { useColor } from "../color.js";
import type { Io } from "../command.js";
import { inputFile } from "../input-file.js";

const USAGE = `Usage: roll-config deepspeed validate <ds.json|ds.yaml> [options]

Check a plain DeepSpeed config (HF Trainer --deepspeed, accelerate, deepspeed.initialize) with DeepSpeed's
own rules, and warn about what DeepSpeed silently ignores. Each finding names the file, line and column.

Options:
  --world-size N           data-parallel world size (checks the batch-size invariant exactly)
  --deepspeed-version X    DeepSpeed release to check against (default 0.16.4)
  --format text|json       output format (default text)
  -h, --help               show this help

Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error.`;

const FLAGS = {
  "world-size": { type: "string" },
  "deepspeed-version": { type: "string" },
  format: { type: "string" },
} as const;

export async function deepspeedValidateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS, USAGE);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [file] = requirePositionals(positionals, ["<ds.json|ds.yaml>"], USAGE) as [string];
  noExtraPositionals(positionals, 1, USAGE);
  const worldSize = positiveInt("world-size", values["world-size"], USAGE);
  const deepspeedVersion = deepspeedVersionFlag(values["deepspeed-version"], USAGE);
  const format = oneOf("format", values.format, ["text", "json"] as const, USAGE) ?? "text";

  const path = inputFile(io, file);
  // JSON is read by the YAML loader too: it is a YAML subset, and every node keeps its line and column.
  const tree = loadYamlFile(path);
  const findings = validateDeepSpeedConfig(toPlain(tree), {
    ...(worldSize !== undefined ? { worldSize } : {}),
    ...(deepspeedVersion ? { deepspeedVersion } : {}),
  });
  const locate = locator(tree, path);
  const diagnostics: RollDiagnostic[] = findings.map((d) => {
    const where = locate(d.path === "" ? [] : d.path.split("."));
    return where ? { ...d, file: where.file, line: where.line, column: where.column } : d;
  });
  const result = { diagnostics };
  io.stdout(
    format === "json" ? formatJson(result) : formatText(result, { color: useColor(io), cwd: io.cwd }),
  );
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}
