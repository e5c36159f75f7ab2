// The flags resolve, validate and explain share: how to compose the primary file before doing anything.
import { resolve as resolvePath } from "node:path";
import { isoDate, oneOf } from "./args.js";
import type { Io } from "./command.js";

export const COMPOSE_FLAGS = {
  "version-base": { type: "string" },
  now: { type: "string" },
  "allow-outside": { type: "boolean" },
  "config-dir": { type: "string" },
} as const;

export const COMPOSE_FLAGS_USAGE = `  --version-base 1.1|1.3   Hydra compatibility mode (default 1.1, as ROLL runs Hydra)
  --now ISO-8601           fix the clock for \${now:...} (no offset: local time)
  --allow-outside          let defaults entries read files outside the project (as Hydra does); by
                           default a path escaping the repository root is refused
  --config-dir DIR         add DIR to the config search path, after the primary file's directory
                           (Hydra's --config-dir); relative file:// entries of hydra.searchpath are
                           resolved against the working directory, as Hydra does
  overrides                Hydra overrides: key=value, +key=value, ++key=value, ~key, group=option`;

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
    versionBase: oneOf("version-base", values["version-base"], ["1.1", "1.3"] as const, usage) ?? "1.1",
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
