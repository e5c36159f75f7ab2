// `roll-config validate <path>...`: a ROLL-layout tree (a ROLL 0.2 checkout with an RLVR, two agentic and an
// SFT config, the presets they include and a broken file) validated as a directory, in every format.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, run } from "./helpers/io.js";
import { rollCheckout, rollTree02, write } from "./helpers/roll-tree.js";
import { scratchDir } from "./helpers/tmp.js";

// ajv-draft-04 is CommonJS whose module.exports is the class.
const Ajv04 = createRequire(import.meta.url)("ajv-draft-04") as typeof import("ajv-draft-04").default;

const PRIMARIES = [
  "examples/broken/broken.yaml",
  "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml",
  "examples/qwen2.5-0.5B-agentic/agentic_val_sokoban_gigpo.yaml",
  "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml",
  "examples/qwen2.5-7B-sft_megatron/sft_config.yaml",
];
const RLVR = "examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml";

interface BatchJson {
  files: {
    file: string;
    roll: string;
    pipeline: string;
    errors: number;
    warnings: number;
    rollSource: { kind: string };
  }[];
  diagnostics: {
    severity: string;
    code: string;
    message: string;
    path: string;
    file: string;
    line: number | null;
    column: number | null;
    paths: string[];
    config: string;
  }[];
}

let tree: string;
beforeAll(() => {
  tree = rollTree02(join(scratchDir(), "ROLL"));
});

const validate = (argv: string[], cwd = tree) => run(["validate", ...argv], { cwd });

async function batchJson(argv: string[]): Promise<BatchJson & { code: number; stderr: string }> {
  const r = await validate([...argv, "--format", "json"]);
  return { ...(JSON.parse(r.stdout) as BatchJson), code: r.code, stderr: r.stderr };
}

describe("validate a directory", () => {
  it("finds the primary configs, not the presets they include; ROLL 0.2 from the checkout for every file", async () => {
    const r = await batchJson(["."]);
    expect(r.files.map((f) => f.file)).toEqual(PRIMARIES);
    expect(r.files.every((f) => f.roll === "0.2")).toBe(true);
    expect(Object.fromEntries(r.files.map((f) => [f.file, f.pipeline]))).toMatchObject({
      "examples/qwen2.5-0.5B-agentic/agent_val_frozen_lake.yaml": "agentic",
      "examples/qwen2.5-0.5B-agentic/agentic_val_sokoban_gigpo.yaml": "agentic",
      [RLVR]: "rlvr",
      "examples/qwen2.5-7B-sft_megatron/sft_config.yaml": "sft",
    });
    for (const f of r.files) {
      expect(Object.keys(f).slice(0, 5)).toEqual(["file", "roll", "pipeline", "errors", "warnings"]);
    }
  });

  it("text: findings grouped per file, then `N files, N errors, N warnings`; exit 1 for the broken file", async () => {
    const r = await validate(["."]);
    expect(r.code).toBe(1);
    const groups = r.stdout.trimEnd().split("\n\n");
    expect(groups.map((g) => g.split(": ROLL")[0])).toEqual([...PRIMARIES, expect.any(String)]);
    expect(groups[0]).toContain(
      "examples/broken/broken.yaml: ROLL 0.2 (ROLL checkout .: it has deepspeed_strategy.py), pipeline rlvr (detected)",
    );
    // PyYAML reports the unclosed flow sequence at the end of the stream (line 4), as Hydra would.
    expect(groups[0]).toMatch(/^examples\/broken\/broken\.yaml:4:1: error roll\/compose: ParserError/m);
    // Paths in messages are relative to the working directory.
    expect(r.stdout).not.toContain(tree);
    const json = await batchJson(["."]);
    const sum = (k: "errors" | "warnings") => json.files.reduce((s, f) => s + f[k], 0);
    expect(groups.at(-1)).toBe(
      `5 files, ${sum("errors")} error${sum("errors") === 1 ? "" : "s"}, ${sum("warnings")} warnings`,
    );
  });

  it("a preset line reached from actor_train and reference is one finding with both paths", async () => {
    const r = await batchJson(["."]);
    const at = r.diagnostics.filter(
      (d) =>
        d.file === "examples/config/deepspeed_zero3.yaml" &&
        d.code === "ds/auto-dropped" &&
        d.config === RLVR,
    );
    // deepspeed_zero3.yaml:17-19 hold the three "auto" bucket sizes; each is reported once.
    expect(at.map((d) => d.line)).toEqual([17, 18, 19]);
    for (const d of at) {
      expect(d.paths.map((p) => p.split(".")[0])).toEqual(["actor_train", "reference"]);
      // Both interpolation sites (rlvr_zero3_sp2.yaml:136 actor_train, :174 reference) are named.
      expect(d.message).toContain(`${RLVR}:136:22`);
      expect(d.message).toContain(`${RLVR}:174:22`);
    }
    const text = (await validate(["."])).stdout;
    expect(
      text.split("\n").filter((l) => l.startsWith("examples/config/deepspeed_zero3.yaml:17:25:")),
    ).toHaveLength(1);
  });

  it("Hydra's missing-_self_ notice is printed once per run; --quiet hides it and the info findings", async () => {
    const r = await validate(["."]);
    const notices = r.stderr.split("\n").filter((l) => l.includes("Defaults list is missing `_self_`"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("(and 2 more configs)");
    const quiet = await validate([".", "--quiet"]);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).not.toContain(" info ");
    // Files without findings are left out of the quiet text report; the summary still counts every file.
    expect(quiet.stdout).not.toContain("sft_config.yaml");
    expect(quiet.stdout.trimEnd().split("\n").at(-1)).toMatch(/^5 files, /);
  });

  it("json: every diagnostic carries the existing fields, a relative file, its paths and its config", async () => {
    const r = await batchJson(["."]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(Object.keys(d)).toEqual([
        "severity",
        "code",
        "message",
        "path",
        "file",
        "line",
        "column",
        "paths",
        "config",
      ]);
      expect(d.file.startsWith("/")).toBe(false);
      expect(PRIMARIES).toContain(d.config);
    }
    for (const f of r.files) {
      const mine = r.diagnostics.filter((d) => d.config === f.file);
      expect(f.errors).toBe(mine.filter((d) => d.severity === "error").length);
      expect(f.warnings).toBe(mine.filter((d) => d.severity === "warning").length);
    }
  });

  it("sarif: valid SARIF 2.1.0; tool roll-config, one rule per code with help, results located relative to cwd", async () => {
    const r = await validate([".", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    // The schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept.
    const schema = JSON.parse(readFileSync(join(FIXTURES, "sarif/sarif-2.1.0-rtm.5.json"), "utf8"));
    const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.version).toBe("2.1.0");
    const [runEntry] = sarif.runs;
    expect(runEntry.tool.driver.name).toBe("roll-config");
    const ids = runEntry.tool.driver.rules.map((rule: { id: string }) => rule.id);
    const json = await batchJson(["."]);
    expect(ids).toEqual([...new Set(json.diagnostics.map((d) => d.code))].sort());
    for (const rule of runEntry.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(10);
    expect(runEntry.results).toHaveLength(json.diagnostics.length);
    for (const result of runEntry.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(["error", "warning", "note"]).toContain(result.level);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(artifactLocation.uri).toMatch(/^examples\//);
      expect(region.startLine).toBeGreaterThan(0);
      expect(region.startColumn).toBeGreaterThan(0);
    }
    const broken = runEntry.results.find((x: { ruleId: string }) => x.ruleId === "roll/compose");
    expect(broken.locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: "examples/broken/broken.yaml" },
      region: { startLine: 4, startColumn: 1 },
    });
  });

  it("github: one ::error/::warning/::notice line per finding, file relative, title the code", async () => {
    const r = await validate([".", "--format", "github"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const json = await batchJson(["."]);
    expect(lines).toHaveLength(json.diagnostics.length);
    for (const line of lines) {
      expect(line).toMatch(
        /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=(roll|ds)\/[a-z0-9-]+::\S/,
      );
      // A workflow command is one line: newlines in messages are escaped.
      expect(line).not.toContain("\r");
    }
    expect(lines).toContain(
      lines.find((l) =>
        l.startsWith("::error file=examples/broken/broken.yaml,line=4,col=1,title=roll/compose::ParserError"),
      ),
    );
    expect(lines.find((l) => l.includes("title=roll/compose"))).toContain("%0A");
  });

  it("overrides (key=value, +key=value) apply to every file; other arguments are paths", async () => {
    const r = await batchJson([".", "+not_a_roll_field=1"]);
    const flagged = r.diagnostics.filter(
      (d) => d.code === "roll/unknown-key" && d.path === "not_a_roll_field",
    );
    // Every file that composes (all but the broken one) gets the added key.
    expect(flagged.map((d) => d.config).sort()).toEqual(PRIMARIES.filter((p) => !p.includes("broken")));
  });

  it("several paths: files and directories; a file named twice is validated once; exit 0 without errors", async () => {
    const r = await batchJson([
      "examples/qwen2.5-7B-rlvr_megatron",
      RLVR,
      "examples/qwen2.5-7B-sft_megatron",
    ]);
    expect(r.code).toBe(0);
    expect(r.files.map((f) => f.file).sort()).toEqual([
      RLVR,
      "examples/qwen2.5-7B-sft_megatron/sft_config.yaml",
    ]);
  });

  it("one file with --format sarif or github goes through the batch report too", async () => {
    const r = await validate([RLVR, "--format", "github"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^::warning file=examples\/qwen2\.5-7B-rlvr_megatron\/rlvr_zero3_sp2\.yaml,line=130,/m,
    );
  });

  it("a missing path is an error naming it (exit 1); a directory without ROLL configs too", async () => {
    const missing = await validate(["examples/nope", RLVR]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("examples/nope: no such file or directory");
    // One path alone keeps the single-file message.
    expect((await validate(["examples/nope"])).stderr).toBe("examples/nope: no such file\n");
    const empty = await validate(["roll"]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("roll: no ROLL pipeline configs found");
  });

  it("a ROLL 0.3 checkout (setup.py version 0.3.0) is ROLL 0.3 for every file; --roll overrides it", async () => {
    const root = rollCheckout(join(scratchDir(), "ROLL-0.3"), "0.3");
    write(
      root,
      "examples/sft/sft.yaml",
      readFileSync(join(tree, "examples/qwen2.5-7B-sft_megatron/sft_config.yaml"), "utf8"),
    );
    const r = await run(["validate", ".", "--format", "json"], { cwd: root });
    const parsed = JSON.parse(r.stdout) as BatchJson;
    expect(parsed.files.map((f) => [f.file, f.roll, f.rollSource.kind])).toEqual([
      ["examples/sft/sft.yaml", "0.3", "checkout"],
    ]);
    const text = await run(["validate", "."], { cwd: root });
    expect(text.stdout).toContain("ROLL 0.3 (ROLL checkout .: setup.py version 0.3)");
    const flagged = await run(["validate", ".", "--roll", "0.2"], { cwd: root });
    expect(flagged.stdout).toContain("examples/sft/sft.yaml: ROLL 0.2, pipeline sft (detected)");
  });
});
