// roll-config deepspeed validate <ds.json|ds.yaml> [--world-size N] [--deepspeed-version X] [--format text|json]
import { formatJson, formatText, locator, type RollDiagnostic } from "@roll/config-validator";
import {
  CONSUMER_NAMES,
  CONSUMERS,
  NEWEST_DEEPSPEED_RELEASE,
  RECORDED_DEEPSPEED_VERSIONS,
  validateDeepSpeedConfig,
} from "@roll/deepspeed";
import { deepspeedVersionFlag, defineCommand, oneOf } from "../args.js";
import { useColor } from "../color.js";
import { deepspeedFileArgs, deepspeedFileFlags, readDeepSpeedFile } from "../deepspeed-input.js";
import { inputFile } from "../input-file.js";

const FLAGS = {
  ...deepspeedFileFlags("data-parallel world size (checks the batch-size invariant exactly)"),
  "deepspeed-version": {
    type: "string",
    value: "X",
    help: `DeepSpeed release to check against (default ${NEWEST_DEEPSPEED_RELEASE}, the newest; recorded:\n${RECORDED_DEEPSPEED_VERSIONS.join(", ")})`,
  },
  consumer: {
    type: "string",
    choices: CONSUMER_NAMES,
    help: 'who hands the config to DeepSpeed and fills "auto" on the way (default deepspeed:\nnothing is filled)',
  },
} as const;

export default defineCommand({
  name: "deepspeed validate",
  synopsis: "<ds.json|ds.yaml> [options]",
  description: `Check a plain DeepSpeed config (HF Trainer --deepspeed, accelerate, deepspeed.initialize) with DeepSpeed's
own rules, and warn about what DeepSpeed silently ignores. Each finding names the file, line and column.`,
  flags: FLAGS,
  footer: "Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage error.",
  run: async (parsed, io, usage) => {
    const { values } = parsed;
    const { file, worldSize, format } = deepspeedFileArgs(parsed, usage, "<ds.json|ds.yaml>");
    const deepspeedVersion = deepspeedVersionFlag(values["deepspeed-version"], usage);
    const consumer =
      CONSUMERS[oneOf("consumer", values.consumer, FLAGS.consumer.choices, usage) ?? "deepspeed"];
    const path = inputFile(io, file);
    const { tree, config } = readDeepSpeedFile(path);
    const findings = validateDeepSpeedConfig(config, {
      ...(worldSize !== undefined ? { worldSize } : {}),
      deepspeedVersion: deepspeedVersion ?? NEWEST_DEEPSPEED_RELEASE,
      filledByCaller: consumer.fills(config),
    });
    const locate = locator(tree, path);
    const diagnostics: RollDiagnostic[] = findings.map((d) => {
      const { segments, ...finding } = d;
      const where = locate(segments);
      return where ? { ...finding, file: where.file, line: where.line, column: where.column } : finding;
    });
    const result = { diagnostics };
    io.stdout(
      format === "json" ? formatJson(result) : formatText(result, { color: useColor(io), cwd: io.cwd }),
    );
    return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  },
});
