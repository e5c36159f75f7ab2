// Typed authoring: write a ROLL (or DeepSpeed) config in TypeScript, then emit it as ROLL YAML.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { yamlFloat } from "@roll/python-format";
import type { Tags } from "yaml";
import type { DeepSpeedConfig } from "./generated/deepspeed.js";
import type * as Roll02 from "./generated/roll-0.2.js";
import type * as Roll03 from "./generated/roll-0.3.js";
import type { RollPipeline, RollRelease } from "./pipelines.js";

/** The config type of each pipeline, per ROLL release. */
export interface RollPipelineTypes {
  "0.2": {
    rlvr: Roll02.RLVRConfig;
    agentic: Roll02.AgenticConfig;
    sft: Roll02.SFTConfig;
    dpo: Roll02.DPOConfig;
    distill: Roll02.DistillConfig;
    reward_fl: Roll02.RewardFLConfig;
  };
  "0.3": {
    rlvr: Roll03.RLVRConfig;
    agentic: Roll03.AgenticConfig;
    sft: Roll03.SFTConfig;
    dpo: Roll03.DPOConfig;
    distill: Roll03.DistillConfig;
  };
}

export type RollPipelineOf<R extends RollRelease> = keyof RollPipelineTypes[R] & RollPipeline;

/** What defineRollConfig returns: the config plus the release and pipeline it was checked against. */
export interface RollConfigDefinition<
  R extends RollRelease = RollRelease,
  P extends RollPipelineOf<R> = RollPipelineOf<R>,
> {
  kind: "roll-config";
  release: R;
  pipeline: P;
  config: RollPipelineTypes[R][P];
}

/**
 * Declares a ROLL config with completion and compile-time checks: a misspelled key or a wrong type is a
 * TypeScript error. `export default defineRollConfig("0.3", "rlvr", {...})` in a .ts file, then
 * `roll-config emit file.ts` writes the YAML.
 */
export function defineRollConfig<R extends RollRelease, P extends RollPipelineOf<R>>(
  release: R,
  pipeline: P,
  config: RollPipelineTypes[R][P],
): RollConfigDefinition<R, P> {
  return { kind: "roll-config", release, pipeline, config };
}

/** Declares a DeepSpeed config with completion and compile-time checks (identity at run time). */
export function defineDeepSpeedConfig(config: DeepSpeedConfig): DeepSpeedConfig {
  return config;
}

export function isRollConfigDefinition(value: unknown): value is RollConfigDefinition {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "roll-config";
}

/**
 * YAML 1.1 (PyYAML/OmegaConf) reads `1e-06` as a string: a float needs a dot and a signed exponent.
 * Integral numbers print as integers, which dacite accepts for float fields.
 */
export function pythonFloatText(value: number): string {
  return yamlFloat(value, { reader: "pyyaml" });
}

/** Numbers JavaScript prints in exponent form, which YAML 1.1 would read back as strings. */
function needsPythonFloat(value: unknown): value is number {
  return typeof value === "number" && /e/i.test(String(value));
}

/**
 * Renders a config (or a defineRollConfig result) as YAML that PyYAML/OmegaConf read back with the same
 * types: YAML 1.1 quoting (so "yes", "on", "1" stay strings) and Python-compatible floats.
 */
export function renderYaml(config: unknown, options: { header?: string } = {}): string {
  const value = isRollConfigDefinition(config) ? config.config : config;
  // Exponent floats go through placeholders: the yaml package has no hook for their text.
  const floats: string[] = [];
  const nonce = randomBytes(6).toString("hex"); // so no string of the config can look like a placeholder
  const replaced = mapNumbers(value, (n) => {
    floats.push(pythonFloatText(n));
    return `float_${nonce}_${floats.length - 1}`;
  });
  // `yaml` is loaded only when a config is rendered: importing the package (for validation) stays lean.
  const { Document, Scalar, visit } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  const doc = new Document(replaced, { version: "1.1", customTags: withoutMergeTag });
  // A plain `<<` is a merge key to YAML 1.1 readers (PyYAML, OmegaConf): as a string it must be quoted.
  visit(doc, {
    Scalar(_, node) {
      if (node.value === "<<") node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const body = doc
    .toString({ lineWidth: 0 })
    .replace(new RegExp(`float_${nonce}_(\\d+)`, "g"), (_, index: string) => floats[Number(index)]!);
  return options.header ? `${options.header.replace(/\n?$/, "\n")}${body}` : body;
}

/** The writer's schema minus YAML 1.1's merge tag, which would print the string "<<" as a bare merge key. */
function withoutMergeTag(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag !== "object" || tag.tag !== "tag:yaml.org,2002:merge");
}

function mapNumbers(value: unknown, replace: (n: number) => string): unknown {
  if (needsPythonFloat(value)) return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapNumbers(item, replace));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapNumbers(v, replace)]));
  }
  return value;
}
