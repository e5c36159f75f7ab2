/**
 * Differential test: our verdict on every recorded case equals DeepSpeed's own, at every recorded tag.
 * The fixture is written by scripts/deepspeed-verdicts/record.py, which runs DeepSpeed's config models and
 * engine start-up checks (torch stubbed) from the deepspeedai/DeepSpeed mirror; nothing here runs Python.
 *   valid ⇔ no error finding; for a refusal, one of our errors sits on the key DeepSpeed's error names
 *   (the pydantic location, or the case's `blame` for errors whose text names the key);
 *   a `silent` case (DeepSpeed accepts and ignores or reinterprets the key) must get a warning on that key.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Diagnostic, parseDeepSpeedJson, validateDeepSpeedConfig } from "../src/index.js";

interface Verdict {
  tags: string[];
  valid: boolean;
  type?: string;
  message?: string;
  loc?: string;
  stage?: string;
  warnings?: string[];
}
interface RecordedCase {
  id: string;
  section: string;
  config: string;
  world_size?: number;
  blame?: string[];
  silent?: { path: string; reason: string };
  verdicts: Verdict[];
}
interface Fixture {
  deepspeed: Record<string, { commit: string; version: string }>;
  cases: RecordedCase[];
}

const FIXTURE = new URL("./fixtures/deepspeed-verdicts/verdicts.json", import.meta.url);
const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as Fixture;

/** Our error is on DeepSpeed's key: the same key, a key inside it, or the key one level up (pydantic union members). */
function onKey(path: string, blamed: string): boolean {
  if (path === blamed || path.startsWith(`${blamed}.`)) return true;
  return blamed.startsWith(`${path}.`) && blamed.split(".").length - path.split(".").length === 1;
}

/**
 * Cases where we knowingly disagree, each with the reason. Keep this list tiny.
 */
const SKIP: Record<string, string> = {};

function disagreement(c: RecordedCase, tag: string, verdict: Verdict): string | undefined {
  const config = parseDeepSpeedJson(c.config);
  const findings: Diagnostic[] = validateDeepSpeedConfig(config, {
    deepspeedVersion: tag,
    worldSize: c.world_size ?? 1,
  });
  const errors = findings.filter((d) => d.severity === "error");
  const show = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.path}`).join(", ") || "none";
  if (verdict.valid && errors.length > 0) return `DeepSpeed accepts; we refuse: ${show(errors)}`;
  if (!verdict.valid) {
    if (errors.length === 0) return `DeepSpeed refuses (${verdict.type}: ${verdict.message}); we accept`;
    const blamed = [...(verdict.loc ? [verdict.loc] : []), ...(c.blame ?? [])];
    if (blamed.length > 0 && !errors.some((d) => blamed.some((b) => onKey(d.path, b)))) {
      return `DeepSpeed refuses ${blamed.join("|")} (${verdict.message}); our errors: ${show(errors)}`;
    }
  }
  if (verdict.valid && c.silent) {
    const warned = findings.some((d) => d.severity === "warning" && onKey(d.path, c.silent!.path));
    if (!warned) return `DeepSpeed silently ignores ${c.silent.path} (${c.silent.reason}); we do not warn`;
  }
  return undefined;
}

/** The DeepSpeed code each family of cases exercises (and the rule module that mirrors it). */
const SECTION_SOURCES: Record<string, string> = {
  shapes: "every section reader in runtime/config.py _initialize_params; rules/shapes.ts",
  legacy:
    "runtime/zero/config.py read_zero_config_deprecated, get_bfloat16_config; rules/keys.ts, field-values.ts",
  fp16: "runtime/config.py get_fp16_enabled (< 0.17.1), runtime/precision_config.py DeepSpeedFP16Config; rules/fp16.ts",
  bf16: "runtime/precision_config.py DeepSpeedBF16Config, runtime/config.py _do_error_check; rules/precision.ts",
  precision: "runtime/config.py _initialize_params (fp16 and bf16 together); rules/precision.ts",
  data_types:
    "runtime/engine.py get_data_types, _do_optimizer_sanity_check, _assert_valid_mixed_precision_config; rules/data-types.ts",
  torch_autocast:
    "runtime/config.py get_torch_autocast_dtype, get_lower_precision_safe_modules; rules/data-types.ts",
  gradient_allreduce_op: "runtime/config.py get_gradient_allreduce_op, _do_error_check; rules/reduction.ts",
  managed_gradient_accumulation: "runtime/engine.py _do_sanity_check; rules/reduction.ts",
  prescale_gradients:
    "runtime/zero/stage_1_and_2.py, stage3.py optimizer constructors (reduce_scatter); rules/zero.ts",
  gradient_clipping: "runtime/engine.py _take_model_step; rules/field-values.ts",
  communication_data_type: "runtime/config.py get_communication_data_type; rules/field-values.ts",
  checkpoint:
    "runtime/config.py get_checkpoint_tag_validation_mode, get_checkpoint_parallel_write_pipeline; rules/checkpoint.ts",
  optimizer:
    "runtime/engine.py _do_sanity_check, _configure_basic_optimizer, _do_optimizer_sanity_check; rules/optimizer.ts",
  scheduler: "runtime/engine.py _scheduler_from_config, runtime/lr_schedules.py; rules/scheduler.ts",
  zero_sizes: "runtime/zero/config.py DeepSpeedZeroConfig (Field ge=0, int); rules/field-values.ts",
  zero_stage: "runtime/zero/config.py ZeroStageEnum; rules/field-values.ts",
  zero_fields:
    "runtime/zero/config.py DeepSpeedZeroConfig, stage3.py, utils/groups.py; rules/keys.ts, zero.ts",
  elastic_checkpoint: "runtime/zero/config.py elastic_checkpoint_deprecated; rules/zero.ts",
  leaf_module: "runtime/zero/leaf_module_config.py DeepSpeedZeroLeafModuleConfig; rules/leaf-module.ts",
  offload: "runtime/zero/offload_config.py, stage3.py swappers; rules/zero.ts, field-values.ts",
  zenflow:
    "runtime/zenflow/zenflow_config.py ZenFlowConfig, zenflow/engine.py configure_zenflow; rules/zenflow.ts",
  batch: "runtime/config.py _set_batch_related_parameters, _batch_assertion; rules/batch.ts",
  elasticity: "elasticity/elasticity.py elasticity_enabled; rules/shapes.ts",
  sections:
    "compile/config.py CompileConfig, monitor/config.py, comm/config.py, …; rules/model-sections.ts, keys.ts",
  top_level: "runtime/config.py get_* readers, engine.py _take_model_step; rules/field-values.ts",
  defaults: "runtime/config.py DeepSpeedConfig defaults; defaults.ts",
};

describe("DeepSpeed's recorded verdicts", () => {
  const tags = Object.keys(fixture.deepspeed);

  it("cover at least 600 cases at 0.16.4, a 0.17.x, a 0.18.x, 0.19.5 and main", () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(600);
    expect(tags).toEqual(expect.arrayContaining(["v0.16.4", "v0.19.5", "main"]));
    expect(tags.some((t) => t.startsWith("v0.17."))).toBe(true);
    expect(tags.some((t) => t.startsWith("v0.18."))).toBe(true);
    for (const c of fixture.cases) {
      expect(c.verdicts.flatMap((v) => v.tags).sort()).toEqual([...tags].sort());
    }
  });

  it("skip list names only recorded cases", () => {
    const ids = new Set(fixture.cases.map((c) => c.id));
    for (const id of Object.keys(SKIP)) expect(ids.has(id), id).toBe(true);
  });

  const sections = [...new Set(fixture.cases.map((c) => c.section))];
  it("every family names the DeepSpeed code it exercises", () => {
    expect(sections.filter((s) => !SECTION_SOURCES[s])).toEqual([]);
  });
  for (const section of sections) {
    it(`agree with DeepSpeed on every ${section} case at every tag (${SECTION_SOURCES[section]})`, () => {
      const problems: string[] = [];
      for (const c of fixture.cases.filter((x) => x.section === section)) {
        if (SKIP[c.id]) continue;
        const byProblem = new Map<string, string[]>();
        for (const verdict of c.verdicts) {
          for (const tag of verdict.tags) {
            const problem = disagreement(c, tag, verdict);
            if (problem) byProblem.set(problem, [...(byProblem.get(problem) ?? []), tag]);
          }
        }
        for (const [problem, at] of byProblem) problems.push(`${c.id} @ ${at.join(",")}: ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
