/**
 * upgradeCheck on real changes between DeepSpeed releases: the default changes of DeepSpeed's history
 * (commits named in DEFAULT_CHANGES, checked against recorded effective values in defaults.test.ts) and the
 * validity flips recorded by scripts/deepspeed-verdicts (DeepSpeed's own verdicts at each tag).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDeepSpeedJson, upgradeCheck } from "../src/index.js";

interface Fixture {
  deepspeed: Record<string, unknown>;
  cases: {
    id: string;
    config: string;
    world_size?: number;
    verdicts: { tags: string[]; valid: boolean }[];
  }[];
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/deepspeed-verdicts/verdicts.json", import.meta.url), "utf8"),
) as Fixture;
const version = (tag: string) => tag.replace(/^v/, "");

describe("upgradeCheck: defaults that changed", () => {
  it("gradient_clipping 0.0 -> 1.0 in v0.19.3 (442166559, deepspeed/runtime/constants.py)", () => {
    const report = upgradeCheck({ train_batch_size: 8 }, "0.19.2", "0.19.3");
    expect(report.changes).toEqual([
      expect.objectContaining({
        kind: "default",
        path: "gradient_clipping",
        changedIn: "0.19.3",
        source: { tag: "v0.19.3", commit: "442166559", file: "deepspeed/runtime/constants.py" },
      }),
    ]);
    expect(report.changes[0]?.message).toContain("0.0 at 0.19.2, 1.0 at 0.19.3");
    expect(upgradeCheck({ train_batch_size: 8 }, "0.19.3", "0.19.5").changes).toEqual([]);
  });

  it("offload pin_memory False -> True in v0.19.5 only where an offload is configured and pin_memory unset", () => {
    const offload = {
      train_batch_size: 8,
      gradient_clipping: 1.0,
      zero_optimization: {
        stage: 3,
        offload_param: { device: "cpu" },
        offload_optimizer: { device: "nvme", nvme_path: "/n" },
      },
    };
    const paths = upgradeCheck(offload, "0.19.4", "0.19.5").changes.map(
      (c) => `${c.kind} ${c.path} ${c.changedIn}`,
    );
    expect(paths).toEqual([
      "default zero_optimization.offload_param.pin_memory 0.19.5",
      "default zero_optimization.offload_optimizer.pin_memory 0.19.5",
    ]);
    const pinned = structuredClone(offload);
    pinned.zero_optimization.offload_param = { device: "cpu", pin_memory: false } as never;
    pinned.zero_optimization.offload_optimizer = { device: "none" } as never;
    expect(upgradeCheck(pinned, "0.19.4", "0.19.5").changes).toEqual([]);
  });

  it("bf16: check_grad_overflow (v0.19.3); immediate_grad_update flips twice and nets out 0.16.4 -> 0.19.5", () => {
    const bf16 = { train_batch_size: 8, gradient_clipping: 1.0, bf16: { enabled: true } };
    expect(upgradeCheck(bf16, "0.16.4", "0.19.5").changes.map((c) => `${c.path} ${c.changedIn}`)).toEqual([
      "bf16.check_grad_overflow 0.19.3",
    ]);
    expect(upgradeCheck(bf16, "0.16.4", "0.16.9").changes.map((c) => `${c.path} ${c.source.commit}`)).toEqual(
      ["bf16.immediate_grad_update b418cf6c1"],
    );
    // bf16 off: its defaults do not matter.
    expect(upgradeCheck({ train_batch_size: 8, gradient_clipping: 1 }, "0.16.4", "0.19.5").changes).toEqual(
      [],
    );
  });

  it("a key the caller fills (ROLL's gradient_clipping) has no default to change", () => {
    const report = upgradeCheck({ train_batch_size: 8 }, "0.16.4", "0.19.5", {
      filledByCaller: ["gradient_clipping"],
    });
    expect(report.changes).toEqual([]);
  });

  it("downgrades report the same change the other way, at the first release without it", () => {
    const [change] = upgradeCheck({ train_batch_size: 8 }, "0.19.5", "0.16.4").changes;
    expect(change).toMatchObject({ path: "gradient_clipping", changedIn: "0.19.2" });
    expect(change?.message).toContain("1.0 at 0.19.5, 0.0 at 0.16.4");
  });
});

describe("upgradeCheck: validity follows DeepSpeed's recorded verdicts", () => {
  const tags = Object.keys(fixture.deepspeed);
  const flips: [string, string, string, boolean, boolean][] = [];
  for (const c of fixture.cases) {
    const validAt = (tag: string) => c.verdicts.find((v) => v.tags.includes(tag))?.valid as boolean;
    for (let i = 1; i < tags.length; i++) {
      const [a, b] = [tags[i - 1] as string, tags[i] as string];
      if (validAt(a) !== validAt(b)) flips.push([c.id, a, b, validAt(a), validAt(b)]);
    }
  }

  it("the corpus has recorded validity changes between releases", () => {
    expect(flips.length).toBeGreaterThan(50);
  });

  it("every recorded flip is reported: stops-valid going up, becomes-valid going down", () => {
    const problems: string[] = [];
    for (const [id, a, b, before, after] of flips) {
      const c = fixture.cases.find((x) => x.id === id) as Fixture["cases"][number];
      const config = parseDeepSpeedJson(c.config);
      const options = { worldSize: c.world_size ?? 1 };
      const up = upgradeCheck(config, version(a), version(b), options);
      const down = upgradeCheck(config, version(b), version(a), options);
      const ok =
        up.validBefore === before &&
        up.validAfter === after &&
        up.changes.some((x) => x.kind === (after ? "becomes-valid" : "stops-valid")) &&
        down.changes.some((x) => x.kind === (before ? "becomes-valid" : "stops-valid"));
      if (!ok) problems.push(`${id} ${a} -> ${b}`);
    }
    expect(problems).toEqual([]);
  });
});
