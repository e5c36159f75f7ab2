// The compatibility matrix: every DeepSpeed preset × DeepSpeed worker role × ROLL release × model dtype ×
// LoRA × DeepSpeed version, composed by @roll/config-resolver in a temporary ROLL repository and judged by
// @roll/config-validator. Nothing here knows which combination should pass: verdicts are the validator's.
//
// The preset list is read from presets/*.yaml, so a new preset joins automatically. The temporary repository
// holds examples/config/<preset>.yaml exactly as `roll-config presets sync` vendors them (the package's YAML
// with the sync stamp) and one primary config per combination in examples/compat/, built from
// rlvr-template.yaml (modelled on ROLL's rlvr_zero3_sp2.yaml). Everything runs in-process.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ResolveResult, resolve, toPlain } from "@roll/config-resolver";
import { ConfigView, type RollRelease, validateConfig, variablesOf } from "@roll/config-validator";
import { ROLL_DEEPSPEED_VERSION } from "@roll/deepspeed";
import { stampFile, withoutGeneratorBanner } from "@roll/preset-sync";

export const ROOT = join(import.meta.dirname, "..", "..");
export const PRESETS_DIR = join(ROOT, "presets");
/** Where @roll/ds-presets keeps the YAML it ships (`@roll/ds-presets/<name>.yaml`). */
export const PACKAGE_YAML_DIR = join(ROOT, "packages", "ds-presets", "generated", "yaml");
const TEMPLATE = join(import.meta.dirname, "rlvr-template.yaml");

/**
 * The current DeepSpeed release: the latest tag of the DeepSpeed snapshot the field catalogue was read from
 * ("latest tag in snapshot: v0.19.5 (2026-08-09)", `source.version_txt` of
 * packages/deepspeed/src/data/zero-config-fields.json, the reference's catalogue copied verbatim). Its newest `since` (0.19.6) is unreleased master.
 * tests/compatibility/matrix.test.ts checks this constant against that copy.
 */
export const CURRENT_DEEPSPEED_RELEASE = "0.19.5";

/** 0.16.4: ROLL's pin (requirements_torch260_*.txt), then the current release. */
export const DEEPSPEED_VERSIONS = [ROLL_DEEPSPEED_VERSION, CURRENT_DEEPSPEED_RELEASE] as const;
export const ROLL_RELEASES: readonly RollRelease[] = ["0.2", "0.3"];
export const DTYPES = ["bf16", "fp16"] as const;
export const LORA = [false, true] as const;

export type Dtype = (typeof DTYPES)[number];

/** The workers of an RLVR config that can run on DeepSpeed, with the strategy ROLL used for each. */
export const ROLES = [
  { role: "actor_train", strategy: "deepspeed_train" },
  { role: "critic", strategy: "deepspeed_train" },
  { role: "reference", strategy: "deepspeed_infer" },
] as const;
export type Role = (typeof ROLES)[number]["role"];

export interface PresetFile {
  name: string;
  /** The YAML a ROLL repository gets (before the sync stamp). */
  yaml: string;
}

/** The presets' names, from the files in presets/ (metadata files excluded). */
export function presetNames(dir = PRESETS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && !f.endsWith(".meta.yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** Every preset in presets/, as the package ships it to a ROLL repository (no generator banner). */
export function shippedPresets(): PresetFile[] {
  return presetNames().map((name) => ({
    name,
    yaml: withoutGeneratorBanner(readFileSync(join(PACKAGE_YAML_DIR, `${name}.yaml`), "utf8")),
  }));
}

/** Preset files read as they are from a directory (e.g. a corrupted temporary copy of presets/). */
export function presetsFromDir(dir: string): PresetFile[] {
  return presetNames(dir).map((name) => ({ name, yaml: readFileSync(join(dir, `${name}.yaml`), "utf8") }));
}

export function packageInfo(): { packageName: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, "packages", "ds-presets", "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { packageName: pkg.name, version: pkg.version };
}

/** A preset file as `roll-config presets sync` writes it into examples/config/. */
export function vendored(preset: PresetFile): string {
  return stampFile(preset.yaml, { ...packageInfo(), preset: preset.name });
}

export interface PrimarySpec {
  /** Presets in the defaults list, in order. */
  defaults: readonly string[];
  /** The preset each DeepSpeed worker picks with strategy_config: ${...}. */
  picks: Record<Role, string>;
  dtype: Dtype;
  lora: boolean;
  /** Extra top-level YAML of the user, appended to the primary file. */
  user?: string;
}

const LORA_VARS = "lora_target: o_proj,q_proj,k_proj,v_proj\nlora_rank: 32\nlora_alpha: 32\n";
/** A Hydra interpolation `${key}` (built, so no JS string carries a template-like placeholder). */
const interpolation = (key: string) => `$\{${key}}`;
const LORA_ARGS = ["lora_target", "lora_rank", "lora_alpha"]
  .map((key) => `    ${key}: ${interpolation(key)}`)
  .join("\n");

let templateText: string | undefined;

/** The primary config text for a combination, from rlvr-template.yaml (its header comment dropped). */
export function primaryText(spec: PrimarySpec): string {
  templateText ??= readFileSync(TEMPLATE, "utf8");
  const body = templateText.slice(templateText.indexOf("\ndefaults:") + 1);
  const values: Record<string, string> = {
    defaults: spec.defaults.map((name) => `  - ../config/${name}@_here_`).join("\n"),
    lora_vars: spec.lora ? LORA_VARS : "",
    lora_args: spec.lora ? LORA_ARGS : "",
    dtype: spec.dtype,
    actor_train_preset: spec.picks.actor_train,
    critic_preset: spec.picks.critic,
    reference_preset: spec.picks.reference,
    user: spec.user ?? "",
  };
  return body.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`rlvr-template.yaml: unknown placeholder {{${key}}}`);
    return value;
  });
}

export type Composition = { ok: true; result: ResolveResult; file: string } | { ok: false; error: Error };

/**
 * A temporary ROLL repository: examples/config/ with the vendored presets, and primary configs written
 * into examples/compat/ on demand. Compositions are cached by primary text.
 */
export class RollTree {
  readonly dir: string;
  private readonly cache = new Map<string, Composition>();
  private count = 0;

  constructor(presets: readonly PresetFile[], options: { stamp?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), "roll-compat-"));
    mkdirSync(join(this.dir, "examples", "config"), { recursive: true });
    mkdirSync(join(this.dir, "examples", "compat"), { recursive: true });
    for (const preset of presets) {
      const text = options.stamp === false ? preset.yaml : vendored(preset);
      writeFileSync(join(this.dir, "examples", "config", `${preset.name}.yaml`), text);
    }
  }

  /** Composes and resolves a primary config (cached by its text). */
  compose(text: string): Composition {
    const key = createHash("sha256").update(text).digest("hex");
    const cached = this.cache.get(key);
    if (cached) return cached;
    const file = join(this.dir, "examples", "compat", `c${this.count++}.yaml`);
    writeFileSync(file, text);
    let composition: Composition;
    try {
      composition = { ok: true, file, result: resolve(file, { now: FIXED_NOW }) };
    } catch (error) {
      composition = { ok: false, error: error as Error };
    }
    this.cache.set(key, composition);
    return composition;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Hydra's `now` during composition (the conformance data's fixed time). */
export const FIXED_NOW = new Date("2025-01-02T03:04:05Z");

export interface Finding {
  severity: "error" | "warning";
  code: string;
  message: string;
}

export interface Verdict {
  status: "ok" | "warning" | "error";
  findings: Finding[];
}

export interface Combination {
  preset: string;
  role: Role;
  strategy: string;
  roll: RollRelease;
  dtype: Dtype;
  lora: boolean;
  deepspeed: string;
  verdict: Verdict;
  /** Findings of the same validation outside the DeepSpeed workers (the template's own state). */
  elsewhere: Finding[];
}

export interface MatrixResult {
  presets: string[];
  /** zero_optimization.stage of each preset as composed (JSON text; "?" when absent). */
  stages: Record<string, string>;
  combinations: Combination[];
  compositions: number;
  validations: number;
  ms: number;
}

/** Validates one composed primary for a ROLL release and DeepSpeed version: findings by top-level path. */
export function validateComposed(
  composition: Composition,
  tree: RollTree,
  roll: RollRelease,
  deepspeedVersion: string,
): { byRole: Map<Role, Finding[]>; elsewhere: Finding[] } {
  const byRole = new Map<Role, Finding[]>(ROLES.map(({ role }) => [role, []]));
  const elsewhere: Finding[] = [];
  if (!composition.ok) {
    const finding: Finding = { severity: "error", code: "roll/compose", message: composition.error.message };
    for (const list of byRole.values()) list.push(finding);
    return { byRole, elsewhere };
  }
  const { result, file } = composition;
  // The view validateFile builds: placed on the same nodes, naming the same interpolations.
  const view = new ConfigView(result.config, file, result.composed);
  const { diagnostics } = validateConfig(
    { view, variables: variablesOf(result.composed, file) },
    { roll, pipeline: "rlvr", deepspeedVersion },
  );
  for (const d of diagnostics) {
    if (d.severity !== "error" && d.severity !== "warning") continue;
    const finding = { severity: d.severity, code: d.code, message: normalize(d.message, tree.dir) };
    const head = d.path.split(".")[0] as Role;
    (byRole.get(head) ?? elsewhere).push(finding);
  }
  return { byRole, elsewhere };
}

/** Plain data, as ROLL receives it after to_container (the resolver's own conversion). */
export const plain = toPlain;

/** Messages without the temporary directory (stable across runs). */
function normalize(message: string, dir: string): string {
  return message.split(dir).join("$ROLL");
}

export function verdictOf(findings: Finding[]): Verdict {
  const unique = [...new Map(findings.map((f) => [`${f.severity} ${f.code} ${f.message}`, f])).values()];
  const status = unique.some((f) => f.severity === "error") ? "error" : unique.length > 0 ? "warning" : "ok";
  return { status, findings: unique };
}

export interface MatrixOptions {
  /** Evaluate only these presets (all presets are still in the defaults list). Default: all. */
  only?: readonly string[];
  dtypes?: readonly Dtype[];
  lora?: readonly boolean[];
  rolls?: readonly RollRelease[];
  deepspeedVersions?: readonly string[];
}

/**
 * Runs the matrix. One primary per preset × dtype × LoRA puts all three DeepSpeed workers on that preset
 * (each verdict reads only its own worker's findings); every primary includes every preset in its defaults
 * list, as ROLL's examples do. A composition is validated once per ROLL release × DeepSpeed version.
 */
export function runMatrix(
  presets: readonly PresetFile[] = shippedPresets(),
  options: MatrixOptions = {},
): MatrixResult {
  const started = performance.now();
  const tree = new RollTree(presets);
  const names = presets.map((p) => p.name);
  const evaluated = options.only ? names.filter((n) => options.only!.includes(n)) : names;
  const combinations: Combination[] = [];
  const stages: Record<string, string> = {};
  let compositions = 0;
  let validations = 0;
  try {
    for (const preset of evaluated) {
      for (const dtype of options.dtypes ?? DTYPES) {
        for (const lora of options.lora ?? LORA) {
          const picks = { actor_train: preset, critic: preset, reference: preset };
          const composition = tree.compose(primaryText({ defaults: names, picks, dtype, lora }));
          compositions++;
          stages[preset] ??= stageOf(composition, preset);
          for (const roll of options.rolls ?? ROLL_RELEASES) {
            for (const deepspeed of options.deepspeedVersions ?? DEEPSPEED_VERSIONS) {
              const { byRole, elsewhere } = validateComposed(composition, tree, roll, deepspeed);
              validations++;
              for (const { role, strategy } of ROLES) {
                const verdict = verdictOf(byRole.get(role) ?? []);
                combinations.push({
                  preset,
                  role,
                  strategy,
                  roll,
                  dtype,
                  lora,
                  deepspeed,
                  verdict,
                  elsewhere,
                });
              }
            }
          }
        }
      }
    }
  } finally {
    tree.remove();
  }
  return {
    presets: evaluated,
    stages,
    combinations,
    compositions,
    validations,
    ms: performance.now() - started,
  };
}

/** The resolved top-level value of a preset in a composition, as plain data. */
export function presetValue(composition: Composition, preset: string): unknown {
  if (!composition.ok) return undefined;
  return (plain(composition.result.config) as Record<string, unknown>)[preset];
}

function stageOf(composition: Composition, preset: string): string {
  const value = presetValue(composition, preset) as { zero_optimization?: { stage?: unknown } } | undefined;
  const stage = value?.zero_optimization?.stage;
  return stage === undefined ? "?" : JSON.stringify(stage);
}
