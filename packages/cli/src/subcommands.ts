// Commands with subcommands (`presets list`, `deepspeed validate`) dispatch through a table like main's,
// so adding one is adding one line.
import type { CommandFn, Io } from "./command.js";
import { UsageError } from "./command.js";

export interface SubcommandEntry {
  summary: string;
  /** Imported lazily: only the subcommand that runs is loaded. */
  load: () => Promise<CommandFn>;
}

export type SubcommandTable = Record<string, SubcommandEntry>;

export function groupUsage(group: string, table: SubcommandTable): string {
  const lines = Object.entries(table).map(([name, entry]) => `  ${name.padEnd(10)}${entry.summary}`);
  return `Usage: roll-config ${group} <subcommand> [options]\n\nSubcommands:\n${lines.join("\n")}\n\nRun 'roll-config ${group} <subcommand> --help' for its options.`;
}

export async function dispatchSubcommand(
  group: string,
  table: SubcommandTable,
  args: string[],
  io: Io,
): Promise<number> {
  const usage = groupUsage(group, table);
  const [name, ...rest] = args;
  if (name === "--help" || name === "-h") {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (name === undefined) throw new UsageError(`${group}: missing subcommand`, usage);
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry) throw new UsageError(`${group}: unknown subcommand '${name}'`, usage);
  return (await entry.load())(rest, io);
}
