// Each command's flag table, and the two things made from it: the strict parse (node:util parseArgs, its
// errors mapped to UsageError) and the Options section of its --help, so that the two cannot disagree.
// Hydra overrides (`key=v`, `+key=v`, `~key`) do not start with "-", so they arrive as positionals.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type CommandFn, type Io, UsageError } from "./command.js";

/** One flag: how parseArgs reads it, and how --help shows it. */
export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
  default?: string | boolean;
  /** The value's placeholder in help (`N`, `FILE`); defaults to the choices joined by "|". */
  value?: string;
  /** The accepted values of a string flag, checked with oneOf() by the command. */
  choices?: readonly string[];
  /** One line of help; "\n" continues it on an aligned line below. */
  help: string;
}

export type FlagTable = Record<string, FlagSpec>;

/** A positional argument as --help lists it. */
export interface ArgumentSpec {
  name: string;
  help: string;
}

const HELP = { help: { type: "boolean", short: "h", help: "show this help" } } as const;

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

interface CommandParseConfig<T extends FlagTable> {
  args: string[];
  options: T & typeof HELP;
  allowPositionals: true;
  strict: true;
}

/** `{ values, positionals }` with each value typed from its flag's `type`. */
export type ParsedCommandArgs<T extends FlagTable> = ReturnType<typeof parseArgs<CommandParseConfig<T>>>;

/** Parses `args` against `flags` plus `-h/--help`; any parse error becomes a UsageError with `usage`. */
export function parseCommandArgs<const T extends FlagTable>(
  args: string[],
  flags: T,
  usage: string,
): ParsedCommandArgs<T> {
  const options: OptionsConfig = {};
  const all: FlagTable = { ...flags, ...HELP };
  for (const [name, flag] of Object.entries(all)) {
    options[name] = {
      type: flag.type,
      ...(flag.short !== undefined ? { short: flag.short } : {}),
      ...(flag.default !== undefined ? { default: flag.default } : {}),
    } as OptionsConfig[string];
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedCommandArgs<T>;
  } catch (error) {
    throw new UsageError(parseErrorMessage(error), usage);
  }
}

/** A command as its module declares it: the flag table, the help around it, and what it does. */
export interface CommandSpec<F extends FlagTable> {
  /** The words after `roll-config`, e.g. "presets show". */
  name: string;
  /** What follows the name on the usage line, e.g. "<primary.yaml> [options] [overrides…]". */
  synopsis: string;
  description?: string;
  arguments?: readonly ArgumentSpec[];
  flags: F;
  /** Closing paragraph (exit codes, notes). */
  footer?: string;
  /** Runs with the parsed flags; `usage` is this command's help, for UsageErrors. */
  run: (parsed: ParsedCommandArgs<F>, io: Io, usage: string) => Promise<number>;
}

/** A command the dispatcher can run, with the table its help and parser were made from. */
export interface Command {
  kind: "command";
  name: string;
  usage: string;
  /** The flag table including -h/--help. */
  flags: FlagTable;
  run: CommandFn;
}

export function defineCommand<const F extends FlagTable>(spec: CommandSpec<F>): Command {
  const usage = commandHelp(spec);
  return {
    kind: "command",
    name: spec.name,
    usage,
    flags: { ...spec.flags, ...HELP },
    run: async (args, io) => {
      const parsed = parseCommandArgs(args, spec.flags, usage);
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout(`${usage}\n`);
        return 0;
      }
      return spec.run(parsed, io, usage);
    },
  };
}

/** `-o, --output FILE` or `--format text|json`: a flag as the help lists it. */
export function flagLabel(name: string, flag: FlagSpec): string {
  const value = flag.type === "string" ? (flag.value ?? flag.choices?.join("|")) : undefined;
  return `${flag.short ? `-${flag.short}, ` : ""}--${name}${value ? ` ${value}` : ""}`;
}

/** Two-column rows, the second column aligned; "\n" in a description continues under it. */
export function helpRows(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 3;
  return rows
    .map(([label, text]) =>
      `  ${label.padEnd(width)}${text.split("\n").join(`\n  ${" ".repeat(width)}`)}`.trimEnd(),
    )
    .join("\n");
}

function commandHelp(spec: Omit<CommandSpec<FlagTable>, "run">): string {
  const parts = [`Usage: roll-config ${spec.name} ${spec.synopsis}`];
  if (spec.description) parts.push(spec.description);
  if (spec.arguments?.length) {
    parts.push(`Arguments:\n${helpRows(spec.arguments.map((a): [string, string] => [a.name, a.help]))}`);
  }
  const flags = Object.entries<FlagSpec>({ ...spec.flags, ...HELP });
  parts.push(
    `Options:\n${helpRows(flags.map(([name, flag]): [string, string] => [flagLabel(name, flag), flag.help]))}`,
  );
  if (spec.footer) parts.push(spec.footer);
  return parts.join("\n\n");
}

function parseErrorMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's text for an unknown option goes on about '--'; the option name is what matters.
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const name = /'([^']+)'/.exec(message)?.[1];
    if (name) return `unknown option '${name}'`;
  }
  return message;
}

/** Checks that a flag value is one of `choices` (undefined passes through: the caller has a default). */
export function oneOf<C extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly C[],
  usage: string,
): C | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as C;
  throw new UsageError(`--${flag} must be one of ${choices.join(", ")} (got '${value}')`, usage);
}

/** A positive integer flag such as --world-size 8. */
export function positiveInt(flag: string, value: string | undefined, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value))
    throw new UsageError(`--${flag} must be a positive integer (got '${value}')`, usage);
  return Number(value);
}

/** A finite number flag, scientific notation allowed (--params 7e9, --lr 1e-5). */
export function finiteNumber(flag: string, value: string | undefined, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number (got '${value}')`, usage);
  return n;
}

/**
 * --now: an ISO-8601 date-time. Without an offset it is local wall-clock time, as Hydra's `now` resolver
 * formats datetime.now(): `--now 2025-01-02T03:04:05` gives `${now:%H%M%S}` = 030405 in every time zone.
 */
export function isoDate(flag: string, value: string | undefined, usage: string): Date | undefined {
  if (value === undefined) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  // JS reads a bare date as UTC midnight but a date-time without offset as local: make both local.
  const date = match ? new Date(match[1] ? value : `${value}T00:00:00`) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--${flag} must be an ISO-8601 date-time such as 2025-01-02T03:04:05 (got '${value}')`,
      usage,
    );
  }
  return date;
}

/** Exactly `count` leading positionals are required; `names` label them in the error. */
export function requirePositionals(positionals: string[], names: string[], usage: string): string[] {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(" and ")}`, usage);
  }
  return positionals.slice(0, names.length);
}

/** For commands that take no extra positionals. */
export function noExtraPositionals(positionals: string[], allowed: number, usage: string): void {
  if (positionals.length > allowed)
    throw new UsageError(`unexpected argument '${positionals[allowed]}'`, usage);
}

/** A DeepSpeed release such as 0.16.4 (checked here so a typo is a usage error, not a finding). */
export function deepspeedVersionFlag(value: string | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^v?\d+\.\d+(\.\d+)?$/.test(value)) {
    throw new UsageError(`--deepspeed-version must look like 0.16.4 (got '${value}')`, usage);
  }
  return value;
}
