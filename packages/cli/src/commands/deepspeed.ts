// roll-config deepspeed <subcommand>: tools for plain DeepSpeed configs (HF Trainer, accelerate users).
import type { Io } from "../command.js";
import { dispatchSubcommand, type SubcommandTable } from "../subcommands.js";

const DEEPSPEED_SUBCOMMANDS: SubcommandTable = {
  validate: {
    summary: "check a ds_config.json / .yaml with DeepSpeed's own rules",
    load: async () => (await import("./deepspeed-validate.js")).deepspeedValidateCommand,
  },
};

export function deepspeedCommand(args: string[], io: Io): Promise<number> {
  return dispatchSubcommand("deepspeed", DEEPSPEED_SUBCOMMANDS, args, io);
}
