// Every command's --help is generated from the flag table its parser reads: these tests hold the two
// together for every command in the tree (walked from the dispatcher's own table, so a new command is
// covered without editing this file).
import { describe, expect, it } from "vitest";
import { type Command, parseCommandArgs } from "../src/args.js";
import { type Group, load } from "../src/dispatch.js";
import { ROOT } from "../src/main.js";
import { run } from "./helpers/io.js";

interface Found {
  words: string[];
  target: Command | Group;
}

async function walk(group: Group, words: string[] = []): Promise<Found[]> {
  const found: Found[] = [{ words, target: group }];
  for (const name of Object.keys(group.table)) {
    const target = await load([...words, name].join("-"));
    if (target.kind === "group") found.push(...(await walk(target, [...words, name])));
    else found.push({ words: [...words, name], target });
  }
  return found;
}

/** The flags the Options section of a help text lists: long name, and short letter if any. */
function helpFlags(usage: string): Map<string, string | undefined> {
  const section = usage.split(/\n\n/).find((p) => p.startsWith("Options:")) ?? "";
  const flags = new Map<string, string | undefined>();
  for (const line of section.split("\n")) {
    const m = /^ {2}(?:-(\w), )?--([\w-]+)/.exec(line);
    if (m) flags.set(m[2]!, m[1]);
  }
  return flags;
}

const tree = await walk(ROOT);
const commands = tree.filter((f): f is Found & { target: Command } => f.target.kind === "command");

describe("--help and parsing come from one flag table", () => {
  it("walks every command", () => {
    expect(commands.map((c) => c.words.join(" "))).toEqual([
      "resolve",
      "validate",
      "explain",
      "deepspeed validate",
      "deepspeed upgrade-check",
      "presets list",
      "presets show",
      "presets sync",
      "presets check",
      "presets diff",
      "estimate",
      "migrate",
      "emit",
      "schema",
      "lsp",
    ]);
  });

  it.each(tree.map((f) => [f.words.join(" ") || "(root)", f] as const))(
    "%s: --help prints exactly its usage on stdout, exit 0",
    async (_name, f) => {
      const r = await run([...f.words, "--help"]);
      expect(r).toEqual({ code: 0, stdout: `${f.target.usage}\n`, stderr: "" });
    },
  );

  it.each(tree.map((f) => [f.words.join(" ") || "(root)", f] as const))(
    "%s: every flag in the table is in the help, with its short form, and nothing else is",
    (_name, f) => {
      const listed = helpFlags(f.target.usage);
      const table = new Map(Object.entries(f.target.flags).map(([name, spec]) => [name, spec.short]));
      expect(listed).toEqual(table);
      expect(listed.get("help")).toBe("h");
    },
  );

  it.each(commands.map((c) => [c.words.join(" "), c.target] as const))(
    "%s: the parser takes every flag the help lists, and refuses one it does not",
    (_name, command) => {
      for (const [name] of helpFlags(command.usage)) {
        const spec = command.flags[name]!;
        const args = spec.type === "string" ? [`--${name}`, "x"] : [`--${name}`];
        expect(() => parseCommandArgs(args, command.flags, command.usage), name).not.toThrow();
        if (spec.short) {
          const short = spec.type === "string" ? [`-${spec.short}`, "x"] : [`-${spec.short}`];
          expect(parseCommandArgs(short, command.flags, command.usage).values[name], name).toBeDefined();
        }
      }
      expect(() => parseCommandArgs(["--not-a-flag"], command.flags, command.usage)).toThrow(
        "unknown option '--not-a-flag'",
      );
    },
  );

  it("the root's flags answer as its help says", async () => {
    expect(helpFlags(ROOT.usage)).toEqual(
      new Map([
        ["help", "h"],
        ["version", "v"],
      ]),
    );
    for (const flag of ["-h", "--help", "-v", "--version"]) expect((await run([flag])).code, flag).toBe(0);
  });

  it("a group refuses a subcommand it does not list, with its own usage", async () => {
    const r = await run(["presets", "frob"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^roll-config: presets: unknown subcommand 'frob'\n\nUsage: roll-config presets /,
    );
  });
});
