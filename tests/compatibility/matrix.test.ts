// The compatibility matrix (scripts/compatibility/matrix.ts) inside `npm test`: every preset × DeepSpeed
// worker role × ROLL release × dtype × LoRA × DeepSpeed version, composed and validated in-process. The
// assertions are properties taken from the reference (ROLL's strategy asserts, the v0.3.0 removal, DeepSpeed's
// stage rules, the presets' own metadata), never a verdict typed in for one combination.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateFile } from "@roll/config-validator";
import { presets as shipped } from "@roll/ds-presets";
import { planSync } from "@roll/preset-sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Combination,
  CURRENT_DEEPSPEED_RELEASE,
  DEEPSPEED_VERSIONS,
  DTYPES,
  FIXED_NOW,
  LORA,
  type MatrixResult,
  PACKAGE_YAML_DIR,
  PRESETS_DIR,
  packageInfo,
  presetNames,
  primaryText,
  ROLES,
  ROLL_RELEASES,
  RollTree,
  runMatrix,
  shippedPresets,
  validateComposed,
} from "../../scripts/compatibility/matrix.js";
import { renderCompatibility } from "../../scripts/compatibility/render.js";

const ROOT = join(import.meta.dirname, "..", "..");
let result: MatrixResult;

interface Meta {
  stage: number;
  minDeepSpeed: string;
  rollReleases: readonly string[];
  mandatoryPaths: readonly string[];
  config: Record<string, unknown>;
}
const meta = (name: string) => (shipped as unknown as Record<string, Meta>)[name]!;
const codes = (c: Combination, severity?: "error" | "warning") =>
  c.verdict.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code);
const isTrain = (c: Combination) => c.strategy === "deepspeed_train";
const on02 = () => result.combinations.filter((c) => c.roll === "0.2");

function versionAtLeast(version: string, since: string): boolean {
  const parse = (v: string) => v.replace(/^v/, "").split(".").map(Number);
  const [a, b] = [parse(version), parse(since)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

beforeAll(() => {
  result = runMatrix();
  console.log(
    `compatibility matrix: ${result.combinations.length} combinations (${result.presets.length} presets, ${result.compositions} compositions, ${result.validations} validations) in ${(result.ms / 1000).toFixed(1)} s`,
  );
});

describe("the compatibility matrix", () => {
  it("enumerates every preset of presets/ and gives every combination a verdict", () => {
    expect(result.presets).toEqual(presetNames());
    expect(result.presets.length).toBeGreaterThan(0);
    // The package exports the same presets (a preset added to presets/ but not generated would differ).
    expect(Object.keys(shipped).sort()).toEqual(result.presets);
    const expected =
      result.presets.length *
      ROLES.length *
      ROLL_RELEASES.length *
      DTYPES.length *
      LORA.length *
      DEEPSPEED_VERSIONS.length;
    expect(result.combinations).toHaveLength(expected);
    const seen = new Set(
      result.combinations.map((c) => [c.preset, c.role, c.roll, c.dtype, c.lora, c.deepspeed].join("|")),
    );
    expect(seen.size).toBe(expected);
    for (const c of result.combinations) {
      expect(["ok", "warning", "error"]).toContain(c.verdict.status);
      expect(c.verdict.status === "ok").toBe(c.verdict.findings.length === 0);
      expect(codes(c)).not.toContain("roll/compose");
    }
  });

  it("stays cheap enough for npm test: one composition per preset × dtype × LoRA, one validation per release × DeepSpeed version", () => {
    // Counted work, not time (the time is in the log line above): every combination of a composition
    // reuses it, so the matrix grows with the presets, not with their product with the versions.
    expect(result.compositions).toBe(result.presets.length * DTYPES.length * LORA.length);
    expect(result.validations).toBe(result.compositions * ROLL_RELEASES.length * DEEPSPEED_VERSIONS.length);
  });

  it("uses a valid primary config: nothing outside the DeepSpeed workers is an error", () => {
    const errors = result.combinations.flatMap((c) =>
      c.elsewhere.filter((f) => f.severity === "error").map((f) => `${c.roll}: ${f.code} ${f.message}`),
    );
    expect([...new Set(errors)]).toEqual([]);
  });

  it("composes each preset with the ZeRO stage its metadata records", () => {
    for (const name of result.presets) expect(result.stages[name]).toBe(String(meta(name).stage));
  });

  it("rejects every DeepSpeed combination on ROLL 0.3 (DeepSpeed removed in v0.3.0)", () => {
    const on03 = result.combinations.filter((c) => c.roll === "0.3");
    expect(on03.length).toBeGreaterThan(0);
    for (const c of on03) {
      expect(c.verdict.status).toBe("error");
      expect(codes(c, "error")).toContain("roll/deepspeed-removed-in-0.3");
    }
  });

  it("rejects ZeRO stage 0 for deepspeed_train (ROLL asserts zero > 0)", () => {
    for (const c of on02().filter(isTrain)) {
      const stage0 = meta(c.preset).stage === 0;
      expect(codes(c, "error").includes("roll/deepspeed-train-stage0"), `${c.preset} ${c.role}`).toBe(stage0);
      if (stage0) expect(c.verdict.status).toBe("error");
    }
    // ROLL's deepspeed_zero is such a preset: unusable with both DeepSpeed strategies.
    const stage0 = result.presets.filter((p) => meta(p).stage === 0);
    expect(stage0).toContain("deepspeed_zero");
    for (const c of on02().filter((c) => stage0.includes(c.preset))) expect(c.verdict.status).toBe("error");
  });

  it("rejects every stage below 3 for deepspeed_infer (ROLL asserts zero = 3)", () => {
    const infer = on02().filter((c) => c.strategy === "deepspeed_infer");
    expect(infer.length).toBeGreaterThan(0);
    for (const c of infer) {
      const below3 = meta(c.preset).stage < 3;
      expect(codes(c, "error").includes("roll/deepspeed-infer-stage"), `${c.preset}`).toBe(below3);
      if (below3) expect(c.verdict.status).toBe("error");
    }
  });

  it("warns about offload_param below stage 3 (DeepSpeed ignores it), e.g. deepspeed_zero2_cpuoffload", () => {
    const hasDeadOffloadParam = (name: string) => {
      const zero = meta(name).config.zero_optimization as Record<string, any> | undefined;
      const device = zero?.offload_param?.device;
      return meta(name).stage < 3 && device !== undefined && device !== "none";
    };
    expect(result.presets.filter(hasDeadOffloadParam)).toContain("deepspeed_zero2_cpuoffload");
    for (const c of on02()) {
      expect(codes(c, "warning").includes("ds/offload-param-below-stage3"), c.preset).toBe(
        hasDeadOffloadParam(c.preset),
      );
    }
  });

  it("flags LoRA on ZeRO-3 training with gradient checkpointing on (the template keeps it on)", () => {
    for (const c of on02().filter(isTrain)) {
      const expected = c.lora && meta(c.preset).stage === 3;
      expect(codes(c, "error").includes("roll/lora-zero3-gradient-checkpointing"), c.preset).toBe(expected);
    }
  });

  it("reports keys newer than the DeepSpeed version exactly for presets whose minDeepSpeed is newer", () => {
    for (const c of on02()) {
      const tooNew = !versionAtLeast(c.deepspeed, meta(c.preset).minDeepSpeed);
      expect(codes(c).includes("ds/field-too-new"), `${c.preset} on ${c.deepspeed}`).toBe(tooNew);
    }
  });

  it("rejects, on ROLL 0.2, every preset that still has a value the user must set (???)", () => {
    const mandatory = result.presets.filter((p) => meta(p).mandatoryPaths.length > 0);
    for (const c of on02().filter((c) => mandatory.includes(c.preset))) {
      expect(codes(c), `${c.preset} ${c.role}`).toContain("ds/missing-value");
    }
  });

  it("accepts ROLL's own presets with stage > 0 for training on the DeepSpeed ROLL pinned", () => {
    // Presets with "???" values are complete only once the user sets them (see the test above).
    const originals = result.presets.filter(
      (p) => meta(p).rollReleases.includes("0.2") && meta(p).stage > 0 && meta(p).mandatoryPaths.length === 0,
    );
    expect(originals.length).toBeGreaterThan(0);
    for (const c of on02().filter((c) => isTrain(c) && !c.lora && originals.includes(c.preset))) {
      if (c.deepspeed !== DEEPSPEED_VERSIONS[0]) continue;
      expect(c.verdict.status, `${c.preset} ${c.role}`).not.toBe("error");
    }
  });

  it("takes the current DeepSpeed release from the catalogue the DeepSpeed rules were built from", () => {
    const catalogue = JSON.parse(
      readFileSync(join(ROOT, "packages/deepspeed/src/data/zero-config-fields.json"), "utf8"),
    ) as { source: { version_txt: string } };
    expect(catalogue.source.version_txt).toContain(`latest tag in snapshot: v${CURRENT_DEEPSPEED_RELEASE} `);
    expect(DEEPSPEED_VERSIONS).toEqual(["0.16.4", CURRENT_DEEPSPEED_RELEASE]);
  });
});

describe("the vendored presets", () => {
  it("are presets/ unchanged: the package's files without their generator banner line", () => {
    for (const { name, yaml } of shippedPresets()) {
      expect(yaml, name).toBe(readFileSync(join(PRESETS_DIR, `${name}.yaml`), "utf8"));
      const packaged = readFileSync(join(PACKAGE_YAML_DIR, `${name}.yaml`), "utf8");
      expect(packaged, name).toBe(`${packaged.split("\n")[0]}\n${yaml}`);
    }
  });

  it("are exactly what `presets sync` writes (planSync sees them as current)", () => {
    const presets = shippedPresets();
    const tree = new RollTree(presets);
    try {
      const plan = planSync(
        join(tree.dir, "examples", "config"),
        presets.map((p) => ({ name: p.name, yaml: p.yaml })),
        packageInfo(),
      );
      expect(plan.map((item) => [item.preset, item.state])).toEqual(presets.map((p) => [p.name, "current"]));
    } finally {
      tree.remove();
    }
  });
});

describe("the in-process validation", () => {
  it("matches validateFile (the validator's own compose + validate) on the same files", () => {
    const presets = shippedPresets();
    const tree = new RollTree(presets);
    const names = presets.map((p) => p.name);
    try {
      for (const name of names) {
        const text = primaryText({
          defaults: names,
          picks: { actor_train: name, critic: name, reference: name },
          dtype: "fp16",
          lora: true,
        });
        const composition = tree.compose(text);
        if (!composition.ok) throw composition.error;
        for (const roll of ROLL_RELEASES) {
          const options = { roll, pipeline: "rlvr" as const, deepspeedVersion: DEEPSPEED_VERSIONS[0] };
          const ours = validateComposed(composition, tree, roll, DEEPSPEED_VERSIONS[0]);
          const theirs = validateFile(composition.file, { now: FIXED_NOW }, options);
          const flat = (findings: { severity: string; code: string; message: string }[]) =>
            findings.map((f) => `${f.severity} ${f.code} ${f.message.split(tree.dir).join("$ROLL")}`).sort();
          expect(flat([...ours.byRole.values()].flat().concat(ours.elsewhere)), `${name} on ${roll}`).toEqual(
            flat(theirs.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning")),
          );
        }
      }
    } finally {
      tree.remove();
    }
  });
});

describe("COMPATIBILITY.md", () => {
  it("is generated from the matrix and committed unchanged (npx tsx scripts/compatibility/generate.ts)", () => {
    const committed = readFileSync(join(ROOT, "COMPATIBILITY.md"), "utf8");
    expect(committed.split("\n")[0]).toContain("Generated by scripts/compatibility/generate.ts");
    expect(committed).toBe(renderCompatibility(result));
  });
});
