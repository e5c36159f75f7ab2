// Findings where they belong (on real files through validateFile): a finding about a key points at the key
// in the file that wrote it, even when its value comes through an interpolation from another file; a
// finding about a value points at where the value was written and names the interpolation that carried it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { explain, validateFile } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "roll-placement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Validates `lines` (as `<name>.yaml` in `dir`) as a ROLL 0.2 RLVR config; `at(needle)`: where it is written. */
function validateLines(name: string, lines: string[]) {
  const primary = join(dir, `${name}.yaml`);
  writeFileSync(primary, lines.join("\n"));
  const result = validateFile(primary, {}, { roll: "0.2", pipeline: "rlvr", releases: false });
  const at = (needle: string) => {
    const line = lines.findIndex((l) => l.includes(needle)) + 1;
    return { file: primary, line, column: lines[line - 1]!.indexOf(needle) + 1 };
  };
  return { ...result, at };
}
/** An RLVR config whose actor_train runs deepspeed_train at ZeRO-2; a test adds strategy_config keys. */
const DS_TRAIN = [
  "sequence_length: 4096",
  "actor_train:",
  "  strategy_args:",
  "    strategy_name: deepspeed_train",
  "    strategy_config:",
  "      zero_optimization:",
  "        stage: 2",
];
const main = join(dir, "main.yaml");
const vars = join(dir, "vars.yaml");
writeFileSync(vars, "use_fa: fa2\ndtype: float17\n");
writeFileSync(
  main,
  [
    "defaults:",
    "  - vars@_here_",
    "  - _self_",
    "exp_name: placement",
    "sequence_length: 4096",
    "actor_train:",
    "  model_args:",
    "    flash_attn: ${use_fa}", // line 8: the key at column 5, the interpolation at column 17
    "    dtype: ${dtype}", // line 9: the interpolation at column 12
    "",
  ].join("\n"),
);

describe("findings where they belong", () => {
  const { diagnostics } = validateFile(main, {}, { roll: "0.2", pipeline: "rlvr", releases: false });
  const find = (code: string, path: string) => diagnostics.find((d) => d.code === code && d.path === path);

  it("an unknown key whose value is interpolated from another file: at the key, in the file that wrote it", () => {
    expect(find("roll/unknown-key", "actor_train.model_args.flash_attn")).toMatchObject({
      file: main,
      line: 8,
      column: 5,
    });
  });

  it("a wrong value reached through an interpolation: where it was written, naming the interpolation", () => {
    const d = find("roll/schema", "actor_train.model_args.dtype");
    expect(d).toMatchObject({ file: vars, line: 2, column: 8 });
    expect(d!.message).toMatch(/reached through the interpolation at .*main\.yaml:9:12\)$/);
    expect(d!.message).toContain(`\${dtype} in `); // the interpolation's text, as written
  });
});

// Placing a finding the rules made costs no walk from the root: on the repository's example (ROLL's
// rlvr_zero3_sp2.yaml with its presets), dropped keys, ROLL's rewrites and DeepSpeed's findings.
describe("the example's findings", () => {
  const example = fileURLToPath(
    new URL("../../../examples/qwen2.5-7B-rlvr_megatron/rlvr_zero3_sp2.yaml", import.meta.url),
  );
  it("are placed without a path lookup", () => {
    const { diagnostics, view } = validateFile(example, {}, { releases: false });
    const codes = new Set(diagnostics.map((d) => d.code));
    expect(codes).toEqual(new Set(["roll/unknown-key", "roll/rewritten-at-load", "ds/auto-dropped"]));
    expect(diagnostics.every((d) => d.file !== undefined)).toBe(true);
    expect(view!.lookups).toBe(0);
  });

  it("only the JSON Schema's findings (JSON pointers) are placed by a path lookup", () => {
    const { diagnostics, view, at } = validateLines("schema", [
      ...DS_TRAIN,
      "      bf16:",
      "        enabled: maybe",
    ]);
    const bySchema = diagnostics.filter((d) => d.code === "roll/schema");
    expect(bySchema.map((d) => [d.path, d.line])).toEqual([
      ["actor_train.strategy_args.strategy_config.bf16.enabled", at("enabled: maybe").line],
    ]);
    expect(diagnostics.length).toBeGreaterThan(bySchema.length);
    expect(view!.lookups).toBe(bySchema.length);
  });
});

// Keys that contain "." are one segment all the way: from the rules (dacite's walk, the JSON Schema,
// @roll/deepspeed's dotted paths) to the line the finding is printed at. Positions are found in the text.
describe("keys containing a dot", () => {
  const dotted = mkdtempSync(join(tmpdir(), "roll-dotted-"));
  afterAll(() => rmSync(dotted, { recursive: true, force: true }));
  const primary = join(dotted, "main.yaml");
  const variables = join(dotted, "vars.yaml");
  const files: Record<string, string> = {
    [variables]: "base_dtype: float17\ndtype: ${base_dtype}\n",
    [primary]: [
      "defaults:",
      "  - vars@_here_",
      "  - _self_",
      "exp_name: dotted-keys",
      "sequence_length: 4096",
      "actor_train:",
      "  model_args:",
      "    dtype: ${dtype}",
      "    rope.scaling: 2",
      "  system_envs:",
      "    a.b: [1, 2]",
      "    1.0: [3]",
      "  strategy_args:",
      "    strategy_name: deepspeed_train",
      "    strategy_config:",
      "      zero_optimization:",
      "        stage: 2",
      "        offload.param: 1",
      "      bogus.key: 1",
      "      zero_optimization.stage: 3",
      "actor_infer:",
      "  generating_args:",
      "    num_return_sequences: 1",
      "    top.k: 5",
      "",
    ].join("\n"),
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  /** 1-based line and column of `needle` in `file`. */
  const where = (file: string, needle: string) => {
    const lines = files[file]!.split("\n");
    const line = lines.findIndex((l) => l.includes(needle));
    return { file, line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
  };
  const { diagnostics, resolved } = validateFile(
    primary,
    {},
    { roll: "0.2", pipeline: "rlvr", releases: false },
  );
  const find = (code: string, path: string) => diagnostics.find((d) => d.code === code && d.path === path);
  const SC = "actor_train.strategy_args.strategy_config";

  it("a dropped dataclass key: at the key", () => {
    expect(find("roll/unknown-key", "actor_train.model_args.rope.scaling")).toMatchObject(
      where(primary, "rope.scaling"),
    );
  });

  it("a dropped key under generating_args: at the key", () => {
    expect(find("roll/unknown-key", "actor_infer.generating_args.top.k")).toMatchObject(
      where(primary, "top.k"),
    );
  });

  it("a wrong value under a free-form dict key: at the value's key line", () => {
    expect(find("roll/schema", "actor_train.system_envs.a.b")).toMatchObject(where(primary, "a.b:"));
    // A float key: the plain config spells it as json.dumps does ("1.0"), and so does the view.
    expect(find("roll/schema", "actor_train.system_envs.1.0")).toMatchObject(where(primary, "1.0:"));
  });

  it("DeepSpeed's findings (dotted paths) on dotted keys of the strategy config: at each key", () => {
    expect(find("ds/unknown-top-level-key", `${SC}.bogus.key`)).toMatchObject(where(primary, "bogus.key"));
    expect(find("ds/unknown-key", `${SC}.zero_optimization.offload.param`)).toMatchObject(
      where(primary, "offload.param"),
    );
    // Both readings exist (a key "zero_optimization.stage" and zero_optimization → stage): an unknown
    // top-level key is the one key, not the nested `stage: 2`.
    expect(find("ds/unknown-top-level-key", `${SC}.zero_optimization.stage`)).toMatchObject(
      where(primary, "zero_optimization.stage"),
    );
  });

  it("a wrong value through two interpolations: where it was written, naming both", () => {
    const d = find("roll/schema", "actor_train.model_args.dtype")!;
    expect(d).toMatchObject(where(variables, "float17"));
    const first = where(primary, "${dtype}");
    const second = where(variables, "${base_dtype}");
    expect(d.via).toEqual([
      { ...first, expression: "${dtype}" },
      { ...second, expression: "${base_dtype}" },
    ]);
    expect(d.message).toContain(
      `(reached through the interpolation at \${dtype} in ${first.file}:${first.line}:${first.column}, then \${base_dtype} in ${second.file}:${second.line}:${second.column})`,
    );
  });

  it("explain reads a dotted key against the keys the config holds", () => {
    const explained = explain(resolved!, "actor_train.system_envs.a.b");
    expect(explained).toMatchObject({ found: true, value: [1, 2] });
    expect(explained.steps).toMatchObject([{ action: "set", ...where(primary, "a.b:") }]);
    // The plain split wins where both readings exist.
    expect(explain(resolved!, `${SC}.zero_optimization.stage`)).toMatchObject({ found: true, value: 2 });
    expect(explain(resolved!, [...SC.split("."), "zero_optimization.stage"])).toMatchObject({ value: 3 });
  });
});

describe("a finding about a mapping an interpolation produced", () => {
  const tmp = mkdtempSync(join(tmpdir(), "roll-mapping-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const primary = join(tmp, "main.yaml");
  const variables = join(tmp, "vars.yaml");
  writeFileSync(variables, "ds_plain:\n  bf16:\n    enabled: true\n");
  const primaryLines = [
    "defaults:",
    "  - vars@_here_",
    "  - _self_",
    "exp_name: mapping",
    "sequence_length: 4096",
    "reference:",
    "  strategy_args:",
    "    strategy_name: deepspeed_infer",
    "    strategy_config: ${ds_plain}",
    "",
  ];
  writeFileSync(primary, primaryLines.join("\n"));

  it("is placed where the mapping was written (its first key), naming the interpolation that read it", () => {
    const { diagnostics } = validateFile(primary, {}, { roll: "0.2", pipeline: "rlvr", releases: false });
    // No zero_optimization: stage 0, which deepspeed_infer rejects; the mapping lives in vars.yaml.
    const d = diagnostics.find((x) => x.code === "roll/deepspeed-infer-stage")!;
    expect(d).toMatchObject({ file: variables, line: 2, column: 3 });
    const line = primaryLines.findIndex((l) => l.includes("${ds_plain}")) + 1;
    const column = primaryLines[line - 1]!.indexOf("${ds_plain}") + 1;
    expect(d.via).toEqual([{ file: primary, line, column, expression: "${ds_plain}" }]);
    expect(d.message).toContain(
      `(reached through the interpolation at \${ds_plain} in ${primary}:${line}:${column})`,
    );
  });
});

// The rules walk the resolver's nodes, so two keys that json.dumps spells alike (the int 1 and the string
// "1", both kept by OmegaConf and both dropped by dacite) are two findings, each at its own key; the plain
// value, which holds one "1", made one finding at the later key.
describe("keys json.dumps spells alike", () => {
  it("are each reported as dropped, at their own line", () => {
    const { diagnostics, at } = validateLines("alike", [
      "exp_name: alike",
      "sequence_length: 4096",
      "actor_train:",
      "  model_args:",
      "    1: a",
      '    "1": b',
    ]);
    const dropped = diagnostics.filter(
      (d) => d.code === "roll/unknown-key" && d.path === "actor_train.model_args.1",
    );
    expect(dropped.map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      at("1: a"),
      at('"1": b'),
    ]);
  });
});

// @roll/deepspeed names each finding's keys (segments), so nothing is guessed from its dotted path: a
// key "bf16.enabled" beside a real bf16 → enabled is the key the finding is about, not the nested one the
// dotted path also reads as.
describe("a DeepSpeed finding on a dotted key that also reads as a nested one", () => {
  it("is placed at the dotted key's line, about its key or its value", () => {
    const { diagnostics, at } = validateLines("ds-dotted", [
      ...DS_TRAIN,
      "      bf16:",
      "        enabled: true",
      "      bf16.enabled: auto",
    ]);
    const found = diagnostics.filter(
      (d) => d.path === "actor_train.strategy_args.strategy_config.bf16.enabled",
    );
    const key = at("bf16.enabled: auto");
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([
      ["ds/unknown-top-level-key", key.line, key.column],
      ["ds/auto-unfilled", key.line, at("auto").column],
    ]);
  });
});

describe("findings in several files", () => {
  it("are ordered by file in code-unit order, whatever the locale (Z before a, '.' before '_')", () => {
    const sub = mkdtempSync(join(dir, "order-"));
    // localeCompare (en or any ICU locale) would put a.yaml before Zeta.yaml and main_extra before main.
    writeFileSync(join(sub, "Zeta.yaml"), "actor_train:\n  model_args:\n    zeta_typo: 1\n");
    writeFileSync(join(sub, "main_extra.yaml"), "actor_train:\n  model_args:\n    extra_typo: 1\n");
    writeFileSync(join(sub, "a.yaml"), "actor_train:\n  model_args:\n    a_typo: 1\n");
    const primary = join(sub, "main.yaml");
    writeFileSync(
      primary,
      [
        "defaults:",
        "  - Zeta@_here_",
        "  - main_extra@_here_",
        "  - a@_here_",
        "  - _self_",
        "actor_train:",
        "  model_args:",
        "    main_typo: 1",
        "",
      ].join("\n"),
    );
    const { diagnostics } = validateFile(primary, {}, { roll: "0.2", pipeline: "rlvr", releases: false });
    const files = diagnostics
      .filter((d) => d.code === "roll/unknown-key")
      .map((d) => d.file?.slice(sub.length + 1));
    expect(files).toEqual(["Zeta.yaml", "a.yaml", "main.yaml", "main_extra.yaml"]);
  });
});
