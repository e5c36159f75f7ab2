// roll-config explain <primary.yaml> <dotted.key> [--format text|json] [--version-base 1.1|1.3] [--now ISO]
//   [overrides…]
import { relative } from "node:path";
import { type Node, resolve, toPythonJson } from "@roll/config-resolver";
import { ConfigView, type ExplainStep, explain, keyPath } from "@roll/config-validator";
import { defineCommand, oneOf, requirePositionals } from "../args.js";
import { inputFile } from "../input-file.js";
import { InputError } from "../report.js";
import { COMPOSE_FLAGS, composeOptions, OVERRIDES_ARGUMENT, printWarnings } from "../resolve-options.js";

const FLAGS = {
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
  ...COMPOSE_FLAGS,
} as const;

/** A step of the chain: a YAML line, or a command-line override (which has no file position). */
type Step = ExplainStep | { action: "set" | "overrode"; origin: "command line"; override: string };

export default defineCommand({
  name: "explain",
  synopsis: "<primary.yaml> <dotted.key> [options] [overrides…]",
  description: `Print the final value at <dotted.key> (e.g. actor_train.strategy_args.strategy_config.zero_optimization.stage)
and the chain of files and lines that set, overrode or interpolated it; a value an override on the command
line set names that override. Values print as Python does (1e9 is 1000000000.0).`,
  arguments: [OVERRIDES_ARGUMENT],
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const [primary, key] = requirePositionals(positionals, ["<primary.yaml>", "<dotted.key>"], usage) as [
      string,
      string,
    ];
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
    const options = composeOptions(values, positionals.slice(2), io, usage);
    const file = inputFile(io, primary);
    const result = resolve(file, options);
    printWarnings(io, result.warnings);
    // One view for the value and its path: a dotted key is read against the keys the config holds.
    const view = new ConfigView(result.config, file);
    const explanation = explain(view, key);
    if (!explanation.found) throw new InputError(`${primary}: '${key}' is not in the resolved config`);
    const node = view.at(keyPath(view, key))!.node;
    const steps: Step[] = [...explanation.steps];
    const override = node.pos ? undefined : commandLineOrigin(options.overrides ?? [], key);
    if (override) {
      // After the file lines it replaced, before the interpolations that carried it.
      const at = steps.findIndex((s) => s.action === "interpolated");
      const setters = at === -1 ? steps.length : at;
      steps.splice(setters, 0, {
        action: setters === 0 ? "set" : "overrode",
        origin: "command line",
        override,
      });
    }
    if (format === "json") {
      // The value as Python's json.dumps writes it (floats keep their ".0"), in an otherwise plain report.
      const placeholder = "\u0000value\u0000";
      const text = JSON.stringify({ key, found: true, value: placeholder, steps }, null, 2);
      io.stdout(`${text.replace(JSON.stringify(placeholder), () => toPythonJson(node))}\n`);
    } else {
      io.stdout(formatText(key, node, steps, io.cwd));
    }
    return 0;
  },
});

/** The last override that set `key` or one of its parents (`a.b=1` sets `a.b`; `a={b: 1}` sets `a.b` too). */
function commandLineOrigin(overrides: readonly string[], key: string): string | undefined {
  for (const override of [...overrides].reverse()) {
    const m = /^(?:\+\+|\+|~)?([^=@~]+?)(?:@[^=]*)?(?:=|$)/.exec(override);
    const target = m?.[1]?.trim();
    if (target && (key === target || key.startsWith(`${target}.`))) return override;
  }
  return undefined;
}

/** One line, Python's json.dumps separators: {"a": 1, "lr": 1e-06, "n": 1000000000.0}. */
function inline(node: Node): string {
  if (node.kind === "scalar") return toPythonJson(node);
  if (node.kind === "list") return `[${node.items.map(inline).join(", ")}]`;
  const entries = [...node.entries.values()].map((e) => {
    const key = toPythonJson({ kind: "scalar", value: typeof e.key === "string" ? e.key : String(e.key) });
    return `${key}: ${inline(e.node)}`;
  });
  return `{${entries.join(", ")}}`;
}

function formatText(key: string, node: Node, steps: Step[], cwd: string): string {
  const where = (file: string) => {
    const rel = relative(cwd, file);
    return rel.startsWith("..") ? file : rel;
  };
  const lines = [`${key} = ${inline(node)}`];
  for (const s of steps) {
    if ("origin" in s) lines.push(`  ${s.action.padEnd(12)} command line  ${s.override}`);
    else
      lines.push(
        `  ${s.action.padEnd(12)} ${where(s.file)}:${s.line}:${s.column}${s.source ? `  ${s.source}` : ""}`,
      );
  }
  if (steps.length === 0) lines.push("  (no source position: set by a resolver)");
  return `${lines.join("\n")}\n`;
}
