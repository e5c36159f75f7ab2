import { describe, expect, it } from "vitest";
import type { RollDiagnostic } from "../src/diagnostic.js";
import { mergeRepeats } from "../src/repeats.js";
import { viaSuffix } from "../src/validate-config.js";

const site = (line: number) => ({ file: "/repo/examples/rlvr/rlvr.yaml", line, column: 22 });
const at = (worker: string, line: number): RollDiagnostic => ({
  severity: "info",
  code: "ds/auto-dropped",
  message: `reduce_bucket_size is "auto".${viaSuffix([site(line)])}`,
  path: `${worker}.strategy_args.strategy_config.zero_optimization.reduce_bucket_size`,
  file: "/repo/examples/config/deepspeed_zero3.yaml",
  line: 17,
  column: 25,
  via: [site(line)],
});

describe("mergeRepeats", () => {
  it("one finding per written line, with every path and every interpolation site", () => {
    const merged = mergeRepeats([at("actor_train", 136), at("critic", 150), at("reference", 174)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.paths!.map((p) => p.split(".")[0])).toEqual(["actor_train", "critic", "reference"]);
    expect(merged[0]!.path).toMatch(/^actor_train\./);
    const sites = [136, 150, 174].map((l) =>
      viaSuffix([site(l)]).slice(" (reached through the interpolation at ".length, -1),
    );
    expect(merged[0]!.message).toBe(
      `reduce_bucket_size is "auto". (reached through the interpolation at ${sites.join(", and at ")})`,
    );
  });

  it("different lines, codes or messages stay apart; unplaced findings are never merged", () => {
    const other = { ...at("reference", 174), line: 18 };
    const unplaced: RollDiagnostic = {
      severity: "warning",
      code: "roll/unknown-key",
      message: "m",
      path: "a",
    };
    const merged = mergeRepeats([at("actor_train", 136), other, unplaced, { ...unplaced, path: "b" }]);
    expect(merged.map((d) => d.paths)).toEqual([
      ["actor_train.strategy_args.strategy_config.zero_optimization.reduce_bucket_size"],
      ["reference.strategy_args.strategy_config.zero_optimization.reduce_bucket_size"],
      ["a"],
      ["b"],
    ]);
  });
});
