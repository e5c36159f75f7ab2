// The dispatcher: picks a subcommand, and turns every failure into an exit code and a one-line message.
// Command modules are imported lazily so that `--version` and `--help` stay fast.
import { readFileSync } from "node:fs";
import type { CommandFn, Io } from "./command.js";
import { UsageError } from "./command.js";
import { reportFailure } from "./report.js";

interface CommandEntry {
  summary: string;
  load: () => Promise<CommandFn>;
}

const COMMANDS: Record<string, CommandEntry> = {
  resolve: {
    summary: "compose a ROLL config exactly as Hydra does and print it",
    load: async () => (await import("./commands/resolve.js")).resolveCommand,
  },
  validate: {
    summary: "check a ROLL config against ROLL's and DeepSpeed's rules",
    load: async () => (await import("./commands/validate.js")).validateCommand,
  },
  explain: {
    summary: "show a value and the files and lines that set it",
    load: async () => (await import("./commands/explain.js")).explainCommand,
  },
  deepspeed: {
    summary: "check a plain DeepSpeed config (deepspeed validate)",
    load: async () => (await import("./commands/deepspeed.js")).deepspeedCommand,
  },
  presets: {
    summary: "list and show the DeepSpeed presets",
    load: async () => (await import("./commands/presets.js")).presetsCommand,
  },
  estimate: {
    summary: "estimate ZeRO model-state memory per GPU and per node",
    load: async () => (await import("./commands/estimate.js")).estimateCommand,
  },
  emit: {
    summary: "turn a typed TypeScript config into ROLL YAML",
    load: async () => (await import("./commands/emit.js")).emitCommand,
  },
  lsp: {
    summary: "run the language server for editors (LSP over --stdio)",
    load: async () => (await import("./commands/lsp.js")).lspCommand,
  },
};

export const USAGE = `Usage: roll-config <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, entry]) => `  ${name.padEnd(10)}${entry.summary}`)
  .join("\n")}

Options:
  -h, --help     show this help (also after a command: roll-config resolve --help)
  -v, --version  print the version

Exit codes: 0 success, 1 config error, 2 usage error.`;

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [name, ...rest] = argv;
    // `roll-config help resolve` is `roll-config resolve --help`.
    if (name === "help" && rest.length > 0) return await main([...rest, "--help"], io);
    if (name === "--help" || name === "-h" || name === "help") {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`${readVersion()}\n`);
      return 0;
    }
    if (name === undefined) throw new UsageError("missing command");
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) throw new UsageError(`unknown ${name.startsWith("-") ? "option" : "command"} '${name}'`);
    const command = await entry.load();
    return await command(rest, io);
  } catch (error) {
    return reportFailure(error, io, USAGE);
  }
}

function readVersion(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
