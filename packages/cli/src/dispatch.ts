// The one dispatcher: `roll-config <command>` and `roll-config <group> <subcommand>` walk the same kind of
// table, name to summary; the command itself is the module named after its words.
import { type Command, type FlagTable, flagLabel, helpRows } from "./args.js";
import type { Io } from "./command.js";
import { UsageError } from "./command.js";

/** A table row: the command's name and the summary help lists. */
export type Table = Record<string, string>;

export interface Group {
  kind: "group";
  /** "" for `roll-config` itself, else the group's words ("presets"). */
  name: string;
  usage: string;
  /** Each entry runs the default export of commands/<words joined by "-">.ts (presets list: presets-list). */
  table: Table;
  /** The root's own flags (-h, -v); a group has only -h. */
  flags: FlagTable;
  version?: () => string;
}

function groupUsage(head: string, title: string, table: Table, flags: FlagTable, footer: string): string {
  const entries = helpRows(Object.entries(table));
  const options = helpRows(Object.entries(flags).map(([name, flag]) => [flagLabel(name, flag), flag.help]));
  return `${head}\n\n${title}:\n${entries}\n\nOptions:\n${options}\n\n${footer}`;
}

export function defineGroup(name: string, table: Table): Group {
  const flags = { help: { type: "boolean", short: "h", help: "show this help" } } as const;
  const usage = groupUsage(
    `Usage: roll-config ${name} <subcommand> [options]`,
    "Subcommands",
    table,
    flags,
    `Run 'roll-config ${name} <subcommand> --help' for its options.`,
  );
  return { kind: "group", name, usage, table, flags };
}

export function defineRoot(table: Table, version: () => string): Group {
  const flags = {
    help: {
      type: "boolean",
      short: "h",
      help: "show this help (also after a command: roll-config resolve --help)",
    },
    version: { type: "boolean", short: "v", help: "print the version" },
  } as const;
  const usage = groupUsage(
    "Usage: roll-config <command> [options]",
    "Commands",
    table,
    flags,
    "Exit codes: 0 success, 1 config error, 2 usage error.",
  );
  return { kind: "group", name: "", usage, table, flags, version };
}

/** Runs the entry `args` name (recursing into groups); usage errors carry the usage of the level that failed. */
export async function dispatch(group: Group, args: string[], io: Io): Promise<number> {
  const root = group.name === "";
  const [name, ...rest] = args;
  // `roll-config help presets show` is `roll-config presets show --help`.
  if (root && name === "help" && rest.length > 0) return dispatch(group, [...rest, "--help"], io);
  if (name === "--help" || name === "-h" || (root && name === "help")) {
    io.stdout(`${group.usage}\n`);
    return 0;
  }
  if (group.version && (name === "--version" || name === "-v")) {
    io.stdout(`${group.version()}\n`);
    return 0;
  }
  const prefix = root ? "" : `${group.name}: `;
  if (name === undefined)
    throw new UsageError(`${prefix}missing ${root ? "command" : "subcommand"}`, group.usage);
  if (!Object.hasOwn(group.table, name)) {
    const what = !root ? "subcommand" : name.startsWith("-") ? "option" : "command";
    throw new UsageError(`${prefix}unknown ${what} '${name}'`, group.usage);
  }
  const target = await load([group.name, name].filter(Boolean).join("-"));
  return target.kind === "group" ? dispatch(target, rest, io) : target.run(rest, io);
}

type CommandLoader = (module: string) => Promise<Command | Group>;

/** Imported only when it runs, so that --version and --help load no command module. */
let loadCommand: CommandLoader = async (module) => {
  const specifier = `./commands/${module}.js`;
  // A computed specifier on purpose: the table's names are the module names (vite must not glob it).
  return ((await import(/* @vite-ignore */ specifier)) as { default: Command | Group }).default;
};

/** For a bundle that holds its command itself (process.ts runOneCommand) instead of next to this module. */
export function setCommandLoader(loader: CommandLoader): void {
  loadCommand = loader;
}

export function load(module: string): Promise<Command | Group> {
  return loadCommand(module);
}
