// Flag parsing shared by every command: node:util parseArgs (strict), its errors mapped to UsageError.
// Hydra overrides (`key=v`, `+key=v`, `~key`) do not start with "-", so they arrive as positionals.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./command.js";

const HELP = { help: { type: "boolean", short: "h" } } as const;

export type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

interface CommandParseConfig<T extends OptionsConfig> {
  args: string[];
  options: T & typeof HELP;
  allowPositionals: true;
  strict: true;
}

/** `{ values, positionals }` with each value typed from its option's `type`. */
export type ParsedCommandArgs<T extends OptionsConfig> = ReturnType<typeof parseArgs<CommandParseConfig<T>>>;

/** Parses `args` against `options` plus `-h/--help`; any parse error becomes a UsageError with `usage`. */
export function parseCommandArgs<const T extends OptionsConfig>(
  args: string[],
  options: T,
  usage: string,
): ParsedCommandArgs<T> {
  try {
    const config: CommandParseConfig<T> = {
      args,
      options: { ...options, ...HELP },
      allowPositionals: true,
      strict: true,
    };
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(parseErrorMessage(error), usage);
  }
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
