// Composition properties the matrix relies on, checked with the resolver in one temporary ROLL repository:
// - including more presets never changes the chosen one (each preset owns its top-level key);
// - a user's override of a preset key in the primary file deep-merges as Hydra does;
// - the stamped copies `presets sync` vendors compose exactly like the package's own files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readStamp } from "@roll/preset-sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Composition,
  type PrimarySpec,
  plain,
  primaryText,
  ROLES,
  type Role,
  RollTree,
  shippedPresets,
  validateComposed,
} from "../../scripts/compatibility/matrix.js";

type Plain = Record<string, any>;

const presets = shippedPresets();
const names = presets.map((p) => p.name);
let tree: RollTree;
const single = new Map<string, Plain>();

const allOn = (preset: string): Record<Role, string> => ({
  actor_train: preset,
  critic: preset,
  reference: preset,
});
const spec = (defaults: readonly string[], picks: Record<Role, string>, user?: string): PrimarySpec => ({
  defaults,
  picks,
  dtype: "bf16",
  lora: false,
  ...(user ? { user } : {}),
});

function config(composition: Composition): Plain {
  if (!composition.ok) throw composition.error;
  return plain(composition.result.config) as Plain;
}

/** The config without any preset's key and without the workers' strategy_config. */
function withoutPresets(cfg: Plain): Plain {
  const copy = structuredClone(cfg);
  for (const name of names) delete copy[name];
  for (const { role } of ROLES) copy[role].strategy_args.strategy_config = null;
  return copy;
}

/** mulberry32: a small seeded generator, so the sampled subsets are the same on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const popcount = (mask: number) => mask.toString(2).replace(/0/g, "").length;

/**
 * Every subset of `size` presets, as bit masks over `names`. All 2^n - 1 subsets are checked while n is at
 * most EXHAUSTIVE_UP_TO (1023 compositions for today's 10 presets); with more presets, sizes between 4 and
 * n - 1 are sampled (SAMPLED_PER_SIZE each, fixed seed) so the suite stays fast.
 */
const EXHAUSTIVE_UP_TO = 11;
const SAMPLED_PER_SIZE = 40;
function subsetsOfSize(size: number): number[] {
  const n = names.length;
  const masks: number[] = [];
  for (let mask = 1; mask < 2 ** n; mask++) if (popcount(mask) === size) masks.push(mask);
  if (n <= EXHAUSTIVE_UP_TO || size <= 3 || size === n) return masks;
  const random = rng(20261127 + size);
  const sample: number[] = [];
  while (sample.length < SAMPLED_PER_SIZE && masks.length > 0)
    sample.push(masks.splice(Math.floor(random() * masks.length), 1)[0]!);
  return sample;
}

beforeAll(() => {
  tree = new RollTree(presets);
  for (const name of names) single.set(name, config(tree.compose(primaryText(spec([name], allOn(name))))));
});
afterAll(() => tree?.remove());

describe("each preset owns its top-level key", () => {
  const sizes = names.map((_, i) => i + 1);
  let checked = 0;
  afterAll(() =>
    console.log(`subset invariance: ${checked} of ${2 ** names.length - 1} subsets composed and checked`),
  );
  for (const size of sizes) {
    it(`includes any ${size} of the presets, in any order, without changing the chosen one`, () => {
      const baseline = withoutPresets(single.get(names[0]!)!);
      for (const mask of subsetsOfSize(size)) {
        const subset = names.filter((_, i) => mask & (1 << i));
        // Vary the order: rotate by the mask, and reverse every other one.
        const turn = mask % subset.length;
        const rotated = [...subset.slice(turn), ...subset.slice(0, turn)];
        const order = mask % 2 === 1 ? rotated.reverse() : rotated;
        // Each DeepSpeed worker picks a member (round robin), so each member of a small subset is chosen.
        const picks = Object.fromEntries(
          ROLES.map(({ role }, i) => [role, order[i % order.length]!]),
        ) as Record<Role, string>;
        const cfg = config(tree.compose(primaryText(spec(order, picks))));
        const label = order.join(",");
        for (const member of order)
          expect(cfg[member], `${member} in [${label}]`).toEqual(single.get(member)![member]);
        for (const { role } of ROLES) {
          const chosen = single.get(picks[role])!;
          expect(cfg[role].strategy_args.strategy_config, `${role} in [${label}]`).toEqual(
            chosen[role].strategy_args.strategy_config,
          );
        }
        // Nothing else moves, and Hydra keeps first-insertion order: the presets' keys come first, in order.
        expect(withoutPresets(cfg)).toEqual(baseline);
        expect(Object.keys(cfg).slice(0, order.length)).toEqual(order);
        checked++;
      }
    });
  }
});

describe("the verdict", () => {
  it("does not depend on which other presets the defaults list includes", () => {
    const strip = (findings: { severity: string; code: string; message: string }[]) =>
      findings
        .map((f) => `${f.severity} ${f.code} ${f.message.replace(/ \(reached through [^)]*\)$/, "")}`)
        .sort();
    for (const name of names) {
      for (const roll of ["0.2", "0.3"] as const) {
        const alone = validateComposed(
          tree.compose(primaryText(spec([name], allOn(name)))),
          tree,
          roll,
          "0.16.4",
        );
        const reversed = [...names].reverse();
        const among = validateComposed(
          tree.compose(primaryText(spec(reversed, allOn(name)))),
          tree,
          roll,
          "0.16.4",
        );
        for (const { role } of ROLES)
          expect(strip(among.byRole.get(role)!), `${name} ${role} on ${roll}`).toEqual(
            strip(alone.byRole.get(role)!),
          );
        expect(strip(among.elsewhere)).toEqual(strip(alone.elsewhere));
      }
    }
  });
});

/** Every leaf path of a plain value, with its value. */
function leaves(value: unknown, path: string[] = []): [string[], unknown][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, value]];
}

function changed(value: unknown): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  return "changed_by_user";
}

function setPath(target: Plain, path: string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path.at(-1)!] = value;
}

/** The YAML a user writes in the primary file to set one nested key. */
function userYaml(path: string[], value: unknown): string {
  return `${path.map((key, depth) => `${"  ".repeat(depth)}${key}:`).join("\n")} ${JSON.stringify(value)}\n`;
}

describe("a user's override of a preset key in the primary file", () => {
  // Hydra merges the primary file last (_self_ appended after the defaults) with OmegaConf's merge: dicts
  // merge key by key, scalars replace (hydra-omegaconf.md, config-format.md §c). So exactly one leaf changes.
  it("deep-merges: the overridden key changes, its siblings and other presets stay", () => {
    for (const name of names) {
      const own = single.get(name)![name] as Plain;
      const paths = leaves(own).map(([path]) => path);
      const stagePath = ["zero_optimization", "stage"];
      // The stage, and the deepest other leaf (a nested key under a nested section).
      const deepest = paths
        .filter((p) => p.join(".") !== stagePath.join("."))
        .sort((a, b) => b.length - a.length)[0]!;
      for (const path of [stagePath, deepest]) {
        const oldValue = leaves(own).find(([p]) => p.join(".") === path.join("."))?.[1];
        const value = path === stagePath ? ((oldValue as number) + 1) % 4 : changed(oldValue);
        const user = userYaml([name, ...path], value);
        const cfg = config(tree.compose(primaryText(spec(names, allOn(name), user))));
        const expected = structuredClone(own);
        setPath(expected, path, value);
        expect(cfg[name], `${name}.${path.join(".")}`).toEqual(expected);
        expect(cfg.actor_train.strategy_args.strategy_config).toEqual(expected);
        for (const other of names.filter((n) => n !== name))
          expect(cfg[other]).toEqual(single.get(other)![other]);
      }
    }
  });

  it("is what the validator judges: ZeRO-3 overridden to stage 2 fails deepspeed_infer", () => {
    const zero3 = names.filter((n) => single.get(n)![n].zero_optimization?.stage === 3);
    expect(zero3.length).toBeGreaterThan(0);
    for (const name of zero3) {
      const plainVerdict = validateComposed(
        tree.compose(primaryText(spec(names, allOn(name)))),
        tree,
        "0.2",
        "0.19.5",
      );
      const overridden = validateComposed(
        tree.compose(
          primaryText(spec(names, allOn(name), userYaml([name, "zero_optimization", "stage"], 2))),
        ),
        tree,
        "0.2",
        "0.19.5",
      );
      const codesOf = (r: typeof plainVerdict) => r.byRole.get("reference")!.map((f) => f.code);
      expect(codesOf(plainVerdict)).not.toContain("roll/deepspeed-infer-stage");
      expect(codesOf(overridden)).toContain("roll/deepspeed-infer-stage");
    }
  });
});

describe("vendored copies", () => {
  it("compose exactly like the package's own unstamped files", () => {
    const unstamped = new RollTree(presets, { stamp: false });
    try {
      for (const file of presets) {
        expect(readStamp(file.yaml).stamp).toBeNull();
        const vendored = readFileSync(join(tree.dir, "examples", "config", `${file.name}.yaml`), "utf8");
        expect(readStamp(vendored)).toEqual({
          stamp: expect.objectContaining({ preset: file.name }),
          body: file.yaml,
        });
      }
      const primaries = [
        ...names.map((name) => spec([name], allOn(name))),
        ...names.map((name) => spec(names, allOn(name))),
        spec([...names].reverse(), allOn(names[0]!)),
      ];
      for (const primary of primaries) {
        for (const lora of [false, true]) {
          const text = primaryText({ ...primary, lora });
          expect(config(tree.compose(text))).toEqual(config(unstamped.compose(text)));
        }
      }
    } finally {
      unstamped.remove();
    }
  });
});
