// Findings where they belong (on real files through validateFile): a finding about a key points at the key
// in the file that wrote it, even when its value comes through an interpolation from another file; a
// finding about a value points at where the value was written and names the interpolation that carried it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateFile } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "roll-placement-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
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
  });
});
