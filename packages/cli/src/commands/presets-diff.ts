// `roll-config presets diff <name> [--from VERSION] [--to VERSION] [--dir DIR] [--format text|json]`:
// what changes in a preset's DeepSpeed settings between two versions (default: the vendored copy's stamp
// against the installed package), which changes alter runtime behaviour, and the changelog entries.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve as resolvePath } from "node:path";
import {
  changelogBetween,
  checkedIn,
  compareVersions,
  type DefaultLookup,
  diffPresetVersions,
  historyWithInstalled,
  presetAt,
  readStamp,
  releasesWith,
  withoutGeneratorBanner,
} from "@roll/preset-sync";
import { defineCommand, oneOf } from "../args.js";
import { UsageError } from "../command.js";
import { InputError } from "../report.js";

const require = createRequire(import.meta.url);

function readChangelog(): string {
  try {
    return readFileSync(require.resolve("@roll/ds-presets/CHANGELOG.md"), "utf8");
  } catch {
    return "";
  }
}

async function deepspeedDefaults(): Promise<DefaultLookup> {
  try {
    const ds = (await import("@roll/deepspeed")) as { defaultFor?: DefaultLookup };
    if (typeof ds.defaultFor === "function") return ds.defaultFor;
  } catch {
    // Without the catalogue every change counts as a runtime change: the safe reading.
  }
  return () => undefined;
}

const FLAGS = {
  from: {
    type: "string",
    value: "VERSION",
    help: "default: the version stamped on DIR/<name>.yaml (presets sync writes the stamp), or\nthe newest release an unstamped copy equals",
  },
  to: { type: "string", value: "VERSION", help: "default: the installed @roll/ds-presets" },
  dir: { type: "string", value: "DIR", help: "where the vendored presets live (default: examples/config)" },
  format: { type: "string", choices: ["text", "json"], help: "output format (default text)" },
} as const;

export default defineCommand({
  name: "presets diff",
  synopsis: "<name> [--from VERSION] [--to VERSION] [--dir DIR] [--format text|json]",
  description: `Each change is marked: runtime (DeepSpeed behaves differently), none (ignored or equal to DeepSpeed's
default), or depends-on-deepspeed (the default changed between DeepSpeed releases).`,
  flags: FLAGS,
  async run({ values, positionals }, io, usage) {
    const format = oneOf("format", values.format, FLAGS.format.choices, usage) ?? "text";
    if (positionals.length !== 1) throw new UsageError("presets diff: expected one preset name", usage);
    const name = positionals[0]!;
    const { history, installed } = await historyWithInstalled();
    if (
      presetAt(history, name, installed) === undefined &&
      !Object.values(history.versions).some((v) => name in v)
    )
      throw new UsageError(`unknown preset '${name}' (see 'roll-config presets list')`, usage);

    let from = values.from;
    let note = "";
    if (from === undefined) {
      const file = join(resolvePath(io.cwd, values.dir ?? "examples/config"), `${name}.yaml`);
      if (!existsSync(file))
        throw new UsageError(`no vendored copy at ${file}: pass --from VERSION or --dir`, usage);
      const { stamp, body } = readStamp(checkedIn(readFileSync(file, "utf8")));
      if (stamp) {
        from = stamp.version;
        note = ` (stamp of ${file})`;
      } else {
        // An unstamped copy of a release (ROLL's originals): compare from the newest release it equals.
        const matches = releasesWith(history, name, withoutGeneratorBanner(body));
        if (matches.length === 0)
          throw new InputError(
            `${file}:1:1: not stamped by 'roll-config presets sync', and no release has this content: pass --from VERSION`,
          );
        from = matches.at(-1)!;
        note = ` (unstamped ${file}: matches ${matches.join(", ")})`;
      }
    }
    const to = values.to ?? installed;
    const known = Object.keys(history.versions).sort(compareVersions);
    const before = presetAt(history, name, from);
    const after = presetAt(history, name, to);
    if (before === undefined)
      throw new InputError(`${name} has no recorded content at version ${from} (known: ${known.join(", ")})`);
    if (after === undefined)
      throw new InputError(`${name} has no recorded content at version ${to} (known: ${known.join(", ")})`);

    const changes = diffPresetVersions(before, after, await deepspeedDefaults());
    const changelog = changelogBetween(readChangelog(), from, to);
    if (format === "json") {
      io.stdout(`${JSON.stringify({ preset: name, from, to, changes, changelog }, null, 2)}\n`);
      return 0;
    }
    io.stdout(`${name}: ${from}${note} -> ${to}\n`);
    if (changes.length === 0) io.stdout("  no change in the DeepSpeed settings\n");
    const sign = { added: "+", removed: "-", changed: "~" } as const;
    for (const c of changes) {
      const value =
        c.kind === "added" ? c.after : c.kind === "removed" ? c.before : `${c.before} -> ${c.after}`;
      io.stdout(`  ${sign[c.kind]} ${c.path}: ${value}\n      ${c.effect}: ${c.reason}\n`);
    }
    const runtime = changes.filter((c) => c.effect !== "none").length;
    if (changes.length) io.stdout(`${runtime} of ${changes.length} change(s) may alter runtime behaviour\n`);
    if (changelog.length) io.stdout(`\nChangelog:\n${changelog.join("\n\n")}\n`);
    return 0;
  },
});
