// Properties 2-4 (issue 9) over generated valid configs:
//  2. idempotence: resolving a resolved config (written back as YAML, or as the JSON output) changes nothing;
//  3. `resolve: false` (the --no-resolve composed tree) written out and then resolved equals direct
//     resolution — for defaults trees over several files, including failures (same exception type);
//  4. key order and scalar typing: the output keys follow the input order (integer-like keys mixed with
//     strings included) and every literal scalar loads as the YAML 1.1 / OmegaConf 2.2 value it spells.
import { join } from "node:path";
import {
  isConfigError,
  type Key,
  type Node,
  type ResolveResult,
  resolve,
  toPlain,
  toPythonJson,
  toYaml,
} from "@roll/config-resolver";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { logRuns, params, RUNS, Scratch, typedDump } from "./support.js";
import {
  emit,
  fillSlots,
  mergeSpecs,
  PROPERTY_ENV,
  type Spec,
  styleArb,
  topIdentPaths,
  treeArb,
} from "./yaml-gen.js";

const scratch = new Scratch();
afterAll(() => scratch.cleanup());

const validTree = treeArb({ hostile: false, maxDepth: 4, maxKeys: 6 }).map((t) => fillSlots(t));

function resolveText(
  text: string,
  options: { resolve?: boolean; throwOnMissing?: boolean } = {},
): ResolveResult {
  const dir = scratch.write("single", { "main.yaml": text });
  return resolve(join(dir, "main.yaml"), { env: PROPERTY_ENV, ...options });
}

/** Whether json.dumps output is also YAML for the same values (no NaN/inf, no keys that json merges). */
function jsonIsFaithfulYaml(node: Node): boolean {
  if (node.kind === "scalar") {
    if ((node as { pyType?: string }).pyType === "bytes") return false; // {"$bytes": ...} is a dict in YAML
    return typeof node.value !== "number" || Number.isFinite(node.value);
  }
  if (node.kind === "list") return node.items.every(jsonIsFaithfulYaml);
  const seen = new Set<string>();
  for (const e of node.entries.values()) {
    // json.dumps turns every key into a string: 1 and "1" would collide, and non-str keys change type.
    if (typeof e.key !== "string" || seen.has(e.key)) return false;
    seen.add(e.key);
    if (!jsonIsFaithfulYaml(e.node)) return false;
  }
  return true;
}

describe("property 2: resolving a resolved config changes nothing", () => {
  it("toYaml(resolved) resolves to the same config (values, Python types, key order)", () => {
    let viaJson = 0;
    let withMissing = 0;
    fc.assert(
      fc.property(validTree, styleArb, (tree, style) => {
        const first = resolveText(emit(tree, style)); // generated configs are valid: this must not throw
        const json = toPythonJson(first.config);
        const again = resolveText(toYaml(first.config));
        expect(toPythonJson(again.config)).toBe(json);
        expect(typedDump(again.config)).toBe(typedDump(first.config));
        // throw_on_missing=True fails exactly when a "???" is left in the output.
        const strict = attempt(() => resolveText(emit(tree, style), { throwOnMissing: true }));
        if (hasMissingValue(first.config)) {
          expect(strict.error).toBe("MissingMandatoryValue");
          withMissing++;
        } else {
          expect(strict.error).toBeUndefined();
          expect(toPythonJson(strict.value!.config)).toBe(json);
        }
        // A third round is a fixed point of the YAML text too.
        expect(toYaml(again.config)).toBe(toYaml(first.config));
        // The JSON output is valid YAML: where JSON can hold the values, it resolves to the same output.
        if (jsonIsFaithfulYaml(first.config)) {
          viaJson++;
          expect(toPythonJson(resolveText(json).config)).toBe(json);
          // toPlain (the validators' view) holds the same data as the JSON text, "__proto__" keys as own data.
          if (!/\d{16}/.test(json)) expect(toPlain(first.config)).toEqual(JSON.parse(json));
        }
      }),
      params("idempotence"),
    );
    logRuns("idempotence", `${viaJson} also through the JSON output, ${withMissing} with "???" left`);
    expect(viaJson).toBeGreaterThan(0);
  });
});

describe("property 3: --no-resolve then resolve equals direct resolution", () => {
  const fileCount = 4;
  const optionCount = 3;
  // Defaults only point forward (f_i -> f_j, j > i), so the tree is acyclic; packages vary.
  // Group entries only in one file: a group chosen twice in one tree is an error ("Multiple values for g").
  const entryArb = (i: number, groups: boolean) => {
    const later = fc.integer({ min: Math.min(i + 1, fileCount - 1), max: fileCount - 1 });
    const option = fc.integer({ min: 0, max: optionCount - 1 });
    const choices: fc.Arbitrary<string>[] = [fc.constant("_self_")];
    if (groups) {
      choices.push(
        option.map((k) => `g: o${k}`),
        option.map((k) => `g@_here_: o${k}`),
        option.map((k) => `g@pkg.sub: o${k}`),
        option.map((k) => `g@_global_: o${k}`),
        option.map((k) => `optional g: o${k}`),
      );
    }
    if (i + 1 < fileCount) {
      choices.push(
        later.map((j) => `f${j}`),
        later.map((j) => `f${j}@_here_`),
        later.map((j) => `f${j}@pkg`),
      );
    }
    return fc.oneof(...choices);
  };
  const smallTree = treeArb({ hostile: false, maxDepth: 3, maxKeys: 4 });
  const arb = fc.nat(fileCount - 1).chain((groupOwner) =>
    fc.record({
      files: fc.tuple(
        ...Array.from({ length: fileCount }, (_, i) =>
          fc.record({
            defaults: fc.uniqueArray(entryArb(i, i === groupOwner), { maxLength: 3 }),
            body: smallTree,
          }),
        ),
      ),
      options: fc.array(
        fc.record({
          body: smallTree,
          // A package header moves the option; a `hydra:` node goes to Hydra, never into the output.
          header: fc.constantFrom(
            "",
            "",
            "# @package _global_\n",
            "# @package foo.bar\n",
            "# @package _group_\n",
          ),
          hydra: fc.constantFrom("", "", "", "hydra:\n  job:\n    name: x\n"),
        }),
        { minLength: optionCount, maxLength: optionCount },
      ),
      overrides: fc.oneof(
        { arbitrary: fc.constant<string[]>([]), weight: 2 },
        {
          arbitrary: fc.uniqueArray(fc.constantFrom(...OVERRIDES), { minLength: 1, maxLength: 2 }),
          weight: 1,
        },
      ),
    }),
  );

  // Command-line overrides are applied while composing, so the --no-resolve tree already has them.
  const OVERRIDES = [
    "+new_key=5",
    "++lr=0.5",
    "++b=[1,2]",
    "++c={x: 1, y: [2]}",
    "+__proto__.x=1",
    "++a.b=yes",
    "++x_1='${lr}'",
    "g=o1",
    "g=o2",
    "+g@extra=o0",
    "~lr",
  ];

  it("for defaults trees over several files, with overrides (same output, or the same exception type)", () => {
    const tally = { same: 0, sameError: 0 };
    const errors: Record<string, number> = {};
    fc.assert(
      fc.property(arb, ({ files, options, overrides }) => {
        const targets = [...files.map((f) => f.body), ...options.map((o) => o.body)].flatMap(topIdentPaths);
        // A few cross-file targets (they exist or not depending on packages and merge order).
        const fill = (spec: Spec) => {
          const text = emit(fillSlots(spec, targets.slice(0, 3), true));
          return text === "{}\n" ? "" : text;
        };
        const tree: Record<string, string> = {};
        files.forEach((f, i) => {
          const defaults =
            f.defaults.length > 0 ? `defaults:\n${f.defaults.map((e) => `  - ${e}\n`).join("")}` : "";
          tree[`f${i}.yaml`] = defaults + fill(f.body);
        });
        options.forEach((o, k) => {
          tree[`g/o${k}.yaml`] = o.header + o.hydra + fill(o.body);
        });
        const dir = scratch.write("defaults-tree", tree);
        const primary = join(dir, "f0.yaml");

        const direct = attempt(() => resolve(primary, { overrides, env: PROPERTY_ENV }));
        const composed = attempt(() => resolve(primary, { overrides, env: PROPERTY_ENV, resolve: false }));
        if (composed.error !== undefined) {
          // Composition failed: direct resolution must fail the same way.
          expect(direct.error).toBe(composed.error);
          tally.sameError++;
          errors[composed.error] = (errors[composed.error] ?? 0) + 1;
          return;
        }
        const flat = toYaml(composed.value!.config);
        // Composing a file without defaults is the identity on the composed tree.
        expect(toYaml(resolveText(flat, { resolve: false }).config)).toBe(flat);
        const again = attempt(() => resolveText(flat));
        expect(again.error).toBe(direct.error);
        if (direct.error === undefined) {
          expect(toPythonJson(again.value!.config)).toBe(toPythonJson(direct.value!.config));
          expect(typedDump(again.value!.config)).toBe(typedDump(direct.value!.config));
          // Property 2 for composed configs too: the resolved output resolves to itself — unless a string
          // interpolation of a container left "${" text in it (OmegaConf's str() of a DictConfig/ListConfig
          // shows the unresolved interpolations, e.g. "pre [['${a}']] post"; reading it back re-interpolates).
          if (!hasInterpolationText(direct.value!.config)) {
            expect(toPythonJson(resolveText(toYaml(direct.value!.config)).config)).toBe(
              toPythonJson(direct.value!.config),
            );
          }
          tally.same++;
        } else {
          tally.sameError++;
          errors[direct.error] = (errors[direct.error] ?? 0) + 1;
        }
      }),
      params("noResolve"),
    );
    logRuns("noResolve", `${tally.same} resolved, ${tally.sameError} failed alike ${JSON.stringify(errors)}`);
    // The property must mostly compare real outputs, not just matching failures.
    expect(tally.same).toBeGreaterThan(RUNS.noResolve * 0.3);
  });
});

describe("property 3b: without interpolations, resolving changes no value and no Python type", () => {
  // Literals only; bytes are forced in.
  const literalTree = treeArb({
    hostile: false,
    maxDepth: 4,
    maxKeys: 6,
    interpolations: false,
    bytes: true,
  });
  it("resolve() and resolve({resolve: false}) give the same typed tree", () => {
    fc.assert(
      fc.property(literalTree, styleArb, (tree, style) => {
        const text = emit(tree, style);
        const composed = resolveText(text, { resolve: false }).config;
        const resolved = resolveText(text).config;
        expect(typedDump(resolved)).toBe(typedDump(composed));
        expect(toPythonJson(resolved)).toBe(toPythonJson(composed));
        expect(toYaml(resolved)).toBe(toYaml(composed));
      }),
      params("literalIdentity"),
    );
    logRuns("literalIdentity");
  });
});

describe("property 4c: the package a config is composed at does not change its values", () => {
  // Literals only (interpolations would point elsewhere once moved); bytes apart from the known bug.
  const literalTree = treeArb({
    hostile: false,
    maxDepth: 3,
    maxKeys: 5,
    interpolations: false,
    bytes: true,
  });
  it("`- base@pkg.sub` and `- g: o0` hold exactly what composing the file alone gives", () => {
    fc.assert(
      fc.property(literalTree, literalTree, styleArb, (base, option, style) => {
        const dir = scratch.write("packages", {
          "main.yaml": "defaults:\n  - base@pkg.sub\n  - g: o0\n  - _self_\n",
          "base.yaml": emit(base, style),
          "g/o0.yaml": emit(option, style),
        });
        const config = resolve(join(dir, "main.yaml"), { resolve: false }).config;
        const alone = (file: string) => typedDump(resolve(join(dir, file), { resolve: false }).config);
        const at = (node: Node, key: string) =>
          node.kind === "dict" ? node.entries.get(`s:${key}`)?.node : undefined;
        const sub = at(at(config, "pkg") ?? config, "sub");
        const group = at(config, "g");
        expect(sub && typedDump(sub)).toBe(alone("base.yaml"));
        expect(group && typedDump(group)).toBe(alone("g/o0.yaml"));
      }),
      params("packageIdentity"),
    );
    logRuns("packageIdentity");
  });
});

function hasMissingValue(node: Node): boolean {
  if (node.kind === "scalar") return node.value === "???";
  if (node.kind === "list") return node.items.some(hasMissingValue);
  return [...node.entries.values()].some((e) => hasMissingValue(e.node));
}

function hasInterpolationText(node: Node): boolean {
  if (node.kind === "scalar") return typeof node.value === "string" && node.value.includes("${");
  if (node.kind === "list") return node.items.some(hasInterpolationText);
  return [...node.entries.values()].some((e) => hasInterpolationText(e.node));
}

function pyKeyType(key: Key): string {
  if (typeof key === "string") return "str";
  if (typeof key === "bigint") return "int";
  if (typeof key === "number") return "float";
  if (typeof key === "boolean") return "bool";
  return "other";
}

/** json.dumps's key text, written independently of the resolver's own pyJsonKey. */
function pyJsonKey(key: Key): string {
  if (typeof key === "string") return key;
  if (typeof key === "number") return toPythonJson({ kind: "scalar", value: key });
  return String(key);
}

function attempt<T>(fn: () => T): { value?: T; error?: string } {
  try {
    return { value: fn() };
  } catch (e) {
    if (!isConfigError(e)) throw e;
    return { error: e.pythonType };
  }
}

describe("property 4: key order is preserved and scalars keep their YAML 1.1 types", () => {
  let keysChecked = 0;
  let scalarsChecked = 0;
  let interpolationsChecked = 0;
  /**
   * Walks the spec and the output together: same keys (type and text) in the same order, literals typed;
   * with `resolved`, interpolations to literals give the target's value (or its str() inside a string).
   */
  const check = (spec: Spec, node: Node, where: string, resolved = false): void => {
    if (spec.kind === "dict") {
      expect(node.kind, where).toBe("dict");
      if (node.kind !== "dict") return;
      const got = [...node.entries.values()];
      expect(
        got.map((e) => `${pyKeyType(e.key)}:${pyJsonKey(e.key)}`),
        `${where}: keys`,
      ).toEqual(spec.entries.map((e) => `${e.key.type}:${e.key.json}`));
      keysChecked += got.length;
      spec.entries.forEach((e, i) => {
        check(e.node, got[i]!.node, `${where}.${e.key.json}`, resolved);
      });
    } else if (spec.kind === "list") {
      expect(node.kind, where).toBe("list");
      if (node.kind !== "list") return;
      expect(node.items.length, where).toBe(spec.items.length);
      spec.items.forEach((item, i) => {
        check(item, node.items[i]!, `${where}[${i}]`, resolved);
      });
    } else if (spec.kind === "scalar" && spec.atom.json !== undefined) {
      expect(toPythonJson(node), `${where}: ${spec.atom.text}`).toBe(spec.atom.json);
      scalarsChecked++;
    } else if (resolved && spec.kind === "scalar" && spec.atom.resolved !== undefined) {
      expect(toPythonJson(node), `${where}: ${spec.atom.text}`).toBe(spec.atom.resolved);
      interpolationsChecked++;
    }
  };

  it("output keys follow the input order (integer-like keys mixed with strings); literals load typed", () => {
    keysChecked = 0;
    scalarsChecked = 0;
    fc.assert(
      fc.property(validTree, styleArb, (tree, style) => {
        // Layout (indentation, indentless and compact sequences, flow collections, comments, CRLF, document
        // markers, BOM) must not change keys, order or values.
        const result = resolveText(emit(tree, style));
        check(tree, result.config, "<root>", true);
      }),
      params("keyOrder"),
    );
    logRuns(
      "keyOrder",
      `${keysChecked} keys, ${scalarsChecked} literal scalars, ${interpolationsChecked} interpolations checked`,
    );
  });

  it("merging two files (either _self_ order) keeps the first one's key order and key objects (1 / 1.0 / True)", () => {
    keysChecked = 0;
    scalarsChecked = 0;
    let mergeErrors = 0;
    const arb = fc.record({
      base: validTree,
      over: validTree,
      entry: fc.constantFrom("base", "base@_here_"),
      selfFirst: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ base, over, entry, selfFirst }) => {
        // --no-resolve: the merged tree itself, so interpolations broken by the merge do not matter.
        const list = selfFirst ? ["_self_", entry] : [entry, "_self_"];
        const dir = scratch.write("merge", {
          "main.yaml": `defaults:\n${list.map((e) => `  - ${e}\n`).join("")}${emit(over)}`.replace(
            "\n{}\n",
            "\n",
          ),
          "base.yaml": emit(base),
        });
        // In defaults-list order: with _self_ first the primary's own keys come first and base overrides them.
        const expected = selfFirst ? mergeSpecs(over, base) : mergeSpecs(base, over);
        if (expected === "error") {
          // A dict merged with a list: OmegaConf's ConfigTypeError, wrapped by Hydra.
          expect(attempt(() => resolve(join(dir, "main.yaml"), { resolve: false })).error).toBe(
            "ConfigCompositionException",
          );
          mergeErrors++;
          return;
        }
        if (expected === "unknown") {
          attempt(() => resolve(join(dir, "main.yaml"), { resolve: false })); // only: no crash
          return;
        }
        check(expected, resolve(join(dir, "main.yaml"), { resolve: false }).config, "<root>");
      }),
      params("mergeKeyOrder"),
    );
    logRuns(
      "mergeKeyOrder",
      `${keysChecked} keys and ${scalarsChecked} literal scalars checked, ${mergeErrors} dict/list clashes`,
    );
  });
});
