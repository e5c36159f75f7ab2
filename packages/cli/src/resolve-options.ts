// The flags resolve, validate and explain share: how to compose the primary file before doing anything.
import { resolve as resolvePath } from "node:path";
import { isoDate, oneOf } from "./args.js";
import type { Io } from "./command.js";

export const COMPOSE_FLAGS = {
  "version-base": {
    type: "string",
    choices: ["1.1", "1.3"],
    help: "Hydra compatibility mode (default 1.1, as ROLL runs Hydra)",
  },
  now: { type: "string", value: "ISO-8601", help: "fix the clock for ${now:...} (no offset: local time)" },
  "allow-outside": {
    type: "boolean",
    help: "let defaults entries read files outside the project (as Hydra does); by\ndefault a path escaping the repository root is refused",
  },
  "config-dir": {
    type: "string",
    value: "DIR",
    help: "add DIR to the config search path, after the primary file's directory\n(Hydra's --config-dir); relative file:// entries of hydra.searchpath are\nresolved against the working directory, as Hydra does",
  },
} as const;

/** The positional arguments after the primary file. */
export const OVERRIDES_ARGUMENT = {
  name: "overrides",
  help: "Hydra overrides: key=value, +key=value, ++key=value, ~key, group=option",
} as const;

/** The options `resolve()` of @roll/config-resolver takes, minus `resolve` itself. */
export interface ComposeOptions {
  overrides: string[];
  versionBase: "1.1" | "1.3";
  env: Record<string, string | undefined>;
  now?: Date;
  /** false: no sandbox (--allow-outside). */
  projectRoot?: false;
  /** --config-dir, absolute. */
  configDir?: string;
  /** The working directory hydra.searchpath's relative entries name. */
  cwd: string;
}

export function composeOptions(
  values: {
    "version-base"?: string | undefined;
    now?: string | undefined;
    "allow-outside"?: boolean | undefined;
    "config-dir"?: string | undefined;
  },
  overrides: string[],
  io: Io,
  usage: string,
): ComposeOptions {
  const now = isoDate("now", values.now, usage);
  return {
    overrides,
    versionBase:
      oneOf("version-base", values["version-base"], COMPOSE_FLAGS["version-base"].choices, usage) ?? "1.1",
    env: io.env,
    ...(now ? { now } : {}),
    ...(values["allow-outside"] ? { projectRoot: false as const } : {}),
    ...(values["config-dir"] !== undefined ? { configDir: resolvePath(io.cwd, values["config-dir"]) } : {}),
    cwd: io.cwd,
  };
}

/** Hydra's warnings (missing _self_, version_base) go to stderr, as Hydra prints them. */
export function printWarnings(io: Io, warnings: readonly string[]): void {
  for (const warning of warnings) io.stderr(`${warning}\n`);
}
