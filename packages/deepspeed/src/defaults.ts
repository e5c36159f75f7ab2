/** What DeepSpeed uses for a key a config leaves out, for `roll-config presets diff`. */
import { topLevelFieldByKey, zeroFieldByKey } from "./catalog.js";
import { atLeast, parseVersion } from "./version.js";

export interface DeepSpeedDefault {
  /** Python str() of the default (True, None, 1.0, 500000000, cpu), comparable with a YAML value printed by Python. */
  value: string;
  /** First release with the current default, when it changed between releases (reference §0.7, §b.5). */
  changedIn?: string;
}

/** JSON default + catalogue type -> Python str(); undefined for containers and dynamic defaults. */
function pythonStr(type: string, defaultText: string): string | undefined {
  if (defaultText === "sys.maxsize") return "9223372036854775807";
  const value: unknown = JSON.parse(defaultText);
  if (value === null) return type.includes("null") ? "None" : undefined;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    // JSON loses int vs float; the catalogue type says which one Python holds.
    const isFloat = type.split("|").includes("number");
    return isFloat && Number.isInteger(value) ? `${value}.0` : String(value);
  }
  return undefined;
}

function specFor(path: string): { type: string; defaultText: string } | undefined {
  if (path.startsWith("zero_optimization.")) {
    const spec = zeroFieldByKey.get(path.slice("zero_optimization.".length));
    // overlap_comm's null means "stage == 3": no single default to report.
    return spec && spec.name !== "overlap_comm" ? spec : undefined;
  }
  const [section, sub, ...rest] = path.split(".");
  const spec = topLevelFieldByKey.get(section as string);
  if (!spec || rest.length > 0) return undefined;
  return sub === undefined ? spec : spec.subfields.find((field) => field.name === sub);
}

/** DeepSpeed's default for a dotted key, or undefined when the catalogue has no scalar default for it. */
export function defaultFor(path: string): DeepSpeedDefault | undefined {
  const spec = specFor(path);
  if (!spec) return undefined;
  const value = pythonStr(spec.type, spec.defaultText);
  if (value === undefined) return undefined;
  const changedIn = DEFAULT_CHANGES.filter((c) => c.path === path).at(-1)?.version;
  return changedIn ? { value, changedIn } : { value };
}

/**
 * Defaults that changed between DeepSpeed releases, each with the commit and file that changed it
 * (found with `git log -S/-G` in deepspeedai/DeepSpeed; checked against the effective values the recorder reads
 * from DeepSpeedConfig at every recorded tag, test/defaults.test.ts). Python str() of each value.
 */
export interface DefaultChange {
  path: string;
  /** First release with `to`. */
  version: string;
  from: string;
  to: string;
  commit: string;
  subject: string;
  file: string;
}

export const DEFAULT_CHANGES: readonly DefaultChange[] = [
  {
    path: "bf16.immediate_grad_update",
    version: "0.16.5",
    from: "False",
    to: "True",
    commit: "b418cf6c1",
    subject: "Training multiple models (#7018)",
    file: "deepspeed/runtime/constants.py",
  },
  {
    path: "bf16.immediate_grad_update",
    version: "0.17.1",
    from: "True",
    to: "False",
    commit: "e440506be",
    subject: "Improve overflow handling in ZeRO (#6976): bf16 became DeepSpeedBF16Config",
    file: "deepspeed/runtime/precision_config.py",
  },
  {
    path: "gradient_clipping",
    version: "0.19.3",
    from: "0.0",
    to: "1.0",
    commit: "442166559",
    subject: "Default gradient_clipping to 1.0 (#8068)",
    file: "deepspeed/runtime/constants.py",
  },
  {
    path: "bf16.check_grad_overflow",
    version: "0.19.3",
    from: "False",
    to: "True",
    commit: "f0253c866",
    subject: "Enable bf16 check_grad_overflow by default (matching fp16) (#8035)",
    file: "deepspeed/runtime/precision_config.py",
  },
  ...["offload_param", "offload_optimizer"].map((block) => ({
    path: `zero_optimization.${block}.pin_memory`,
    version: "0.19.5",
    from: "False",
    to: "True",
    commit: "7dfa67aea",
    subject: "fix(zero3): async grad offload + pinned offload buffers by default (#8207)",
    file: "deepspeed/runtime/zero/offload_config.py",
  })),
];

/** DeepSpeed's default for a dotted key at one release ("main" or "0.19.3"). */
export function defaultAt(path: string, version: string): DeepSpeedDefault | undefined {
  const current = defaultFor(path);
  if (!current) return undefined;
  const target = parseVersion(version);
  const changes = DEFAULT_CHANGES.filter((c) => c.path === path);
  if (changes.length === 0) return current;
  // The value before the first change, then each change in release order.
  let value = (changes[0] as DefaultChange).from;
  for (const change of changes) if (atLeast(target, change.version)) value = change.to;
  return { value, changedIn: (changes[changes.length - 1] as DefaultChange).version };
}
