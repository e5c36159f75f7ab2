// roll-config deepspeed <subcommand>: tools for plain DeepSpeed configs (HF Trainer, accelerate users).
import { defineGroup } from "../dispatch.js";

export default defineGroup("deepspeed", {
  validate: "check a ds_config.json / .yaml with DeepSpeed's own rules",
});
