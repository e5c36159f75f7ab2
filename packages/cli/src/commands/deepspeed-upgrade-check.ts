// roll-config deepspeed upgrade-check <ds.json|ds.yaml|ROLL config> --from V1 --to V2 [--format text|json]
import { type Node, resolve, toPlain } from "@roll/config-resolver";
import { type ConfigPath, locator, segmentsOf } from "@roll/config-validator";
import { CONSUMERS, type UpgradeChange, upgradeCheck } from "@roll/deepspeed";
import { deepspeedVersionFlag, defineCommand } from "../args.js";
import { UsageError } from "../command.js";
import { deepspeedFileArgs, deepspeedFileFlags, readDeepSpeedFile } from "../deepspeed-input.js";
import { inputFile } from "../input-file.js";

const FLAGS = {
  from: { type: "string", value: "V1", help: "DeepSpeed version the config runs on today (e.g. 0.16.4)" },
  to: { type: "string", value: "V2", help: "DeepSpeed version to upgrade to (e.g. 0.19.5 or main)" },
  ...deepspeedFileFlags("data-parallel world size (plain DeepSpeed configs)"),
} as const;

interface Target {
  /** Dotted prefix of the DeepSpeed config inside the file ("" for a plain ds_config). */
  prefix: string;
  /** The same prefix as path segments, for placing findings. */
  segments: ConfigPath;
  config: unknown;
  filledByCaller: string[];
  worldSize?: number;
}

interface Located extends UpgradeChange {
  file?: string;
  line?: number;
  column?: number;
}

/** ROLL 0.2 workers on a DeepSpeed strategy: <role>.strategy_args.strategy_config, as ROLL fills it. */
function rollTargets(plain: unknown): Target[] {
  if (typeof plain !== "object" || plain === null) return [];
  const out: Target[] = [];
  for (const [role, worker] of Object.entries(plain as Record<string, unknown>)) {
    const args = (worker as { strategy_args?: { strategy_name?: unknown; strategy_config?: unknown } } | null)
      ?.strategy_args;
    if (!args || typeof args.strategy_name !== "string" || !args.strategy_name.startsWith("deepspeed"))
      continue;
    out.push({
      prefix: `${role}.strategy_args.strategy_config`,
      segments: [role, "strategy_args", "strategy_config"],
      config: args.strategy_config,
      filledByCaller: CONSUMERS["roll-0.2"].fills(args.strategy_config),
    });
  }
  return out;
}

function looksLikeRoll(plain: unknown): boolean {
  return (
    rollTargets(plain).length > 0 || (typeof plain === "object" && plain !== null && "defaults" in plain)
  );
}

export default defineCommand({
  name: "deepspeed upgrade-check",
  synopsis: "<ds.json|ds.yaml|ROLL config> --from V1 --to V2 [options]",
  description: `What upgrading (or downgrading) DeepSpeed does to a config: every key whose validity, meaning or effective
value (explicit or by default) differs between the two versions, with the release and the source in DeepSpeed's
history. A ROLL config is composed as ROLL runs it and each DeepSpeed strategy_config is checked.`,
  flags: FLAGS,
  footer: "Exit codes: 0 no new errors at --to, 1 the config stops being valid at --to, 2 usage error.",
  run: async (parsed, io, usage) => {
    const { values } = parsed;
    const { file, worldSize, format } = deepspeedFileArgs(parsed, usage, "<ds.json|ds.yaml|ROLL config>");
    const from = deepspeedVersionFlag(values.from, usage);
    const to = deepspeedVersionFlag(values.to, usage);
    if (!from || !to) throw new UsageError("upgrade-check needs --from V1 and --to V2", usage);
    const path = inputFile(io, file);

    let tree: Node;
    let targets: Target[];
    const plainFile = readDeepSpeedFile(path);
    if (!path.endsWith(".json") && looksLikeRoll(plainFile.config)) {
      tree = resolve(path).config;
      targets = rollTargets(toPlain(tree));
    } else {
      tree = plainFile.tree;
      targets = [{ prefix: "", segments: [], config: plainFile.config, filledByCaller: [], worldSize }];
    }
    const locate = locator(tree, path);
    const changes: Located[] = [];
    let stopsValid = false;
    const reports = targets.map((t) => {
      const report = upgradeCheck(t.config, from, to, {
        filledByCaller: t.filledByCaller,
        ...(t.worldSize !== undefined ? { worldSize: t.worldSize } : {}),
      });
      if (report.validBefore && !report.validAfter) stopsValid = true;
      if (report.changes.some((c) => c.kind === "stops-valid")) stopsValid = true;
      for (const change of report.changes) {
        const full = [t.prefix, change.path].filter(Boolean).join(".");
        // Placed by segments: a key containing "." is one (the dotted path is for people).
        const where = locate([...t.segments, ...segmentsOf(t.config, change.path)]);
        changes.push({ ...change, path: full, ...(where ?? {}) });
      }
      return { prefix: t.prefix, validBefore: report.validBefore, validAfter: report.validAfter };
    });
    if (format === "json") {
      io.stdout(`${JSON.stringify({ from, to, configs: reports, changes }, null, 2)}\n`);
    } else {
      const lines = changes.map((c) => {
        const where = c.file ? `${c.file}:${c.line}:${c.column}: ` : "";
        const origin = [c.source.tag, c.source.commit, c.source.file].filter(Boolean).join(" ");
        return `${where}${c.kind} ${c.path || "(config)"}: ${c.message} [DeepSpeed ${c.changedIn}: ${origin}]`;
      });
      const verdict = stopsValid ? "the config stops being valid" : "no new errors";
      io.stdout(
        `${lines.join("\n")}${lines.length ? "\n" : ""}DeepSpeed ${from} -> ${to}: ${changes.length} change(s), ${verdict}\n`,
      );
    }
    return stopsValid ? 1 : 0;
  },
});
