// generated/validators/<schema>/<Definition>.cjs (Ajv standalone code, scripts/generate-validators.ts) must
// match the schemas they were compiled from, and must report exactly what Ajv compiling the published schema
// at run time reports: the same error objects (annotations aside, which the prebuilt code leaves out), so
// simplifyErrors and every finding stay the same.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PIPELINE_DEFINITIONS } from "@roll/config-types";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import {
  banner,
  renderValidators,
  schemaText,
  validationSchema,
  validatorFolder,
  validatorPath,
} from "../scripts/generate-validators.js";
import {
  AJV_OPTIONS,
  type NotRequired,
  notRequiredOf,
  STANDALONE_SCHEMAS,
  simplifyErrors,
  validateRoll,
} from "../src/schema-check.js";
import { conformanceCases } from "./helpers/conformance.js";
import { fixturePath, readJsonFixture as readJson } from "./helpers/fixtures.js";

const require = createRequire(import.meta.url);
const definitionsOf = (name: (typeof STANDALONE_SCHEMAS)[number]) =>
  readdirSync(validatorFolder(name)).map((f) => f.replace(/\.cjs$/, ""));

describe("standalone validators", () => {
  it.each(STANDALONE_SCHEMAS)(
    "%s: each banner names the generator, the definition, the schema's sha256 and the Ajv version",
    (name) => {
      for (const definition of definitionsOf(name)) {
        const head = readFileSync(validatorPath(name, definition), "utf8").split("\n").slice(0, 2);
        expect(head).toEqual(banner(name, definition, schemaText(name)));
      }
    },
  );

  it.each(STANDALONE_SCHEMAS)("%s: each file is ASCII (V8 keeps its text as a one-byte string)", (name) => {
    for (const definition of definitionsOf(name)) {
      const text = readFileSync(validatorPath(name, definition), "latin1");
      expect(text.search(/[^\x00-\x7f]/), definition).toBe(-1);
    }
  });

  it("roll-0.3: regenerating gives the committed files byte for byte", () => {
    const files = renderValidators("roll-0.3.schema.json");
    expect([...files.keys()].sort()).toEqual(definitionsOf("roll-0.3.schema.json").sort());
    for (const [definition, code] of files) {
      expect(readFileSync(validatorPath("roll-0.3.schema.json", definition), "utf8"), definition).toBe(code);
    }
  });

  it.each(STANDALONE_SCHEMAS)(
    "%s: every SchemaStore fixture and conformance config gets the error objects Ajv's own compilation gives",
    (name) => {
      const schema = JSON.parse(schemaText(name)) as { $id: string };
      // The published schema, annotations and all: with the same options, and with Ajv's default inlining of
      // references (what earlier releases ran), which changes only schemaPath, never what users see.
      const same = new Ajv(AJV_OPTIONS);
      const inlined = new Ajv({ ...AJV_OPTIONS, inlineRefs: true });
      same.addSchema(schema);
      inlined.addSchema(schema);
      const configs = corpus(name);
      let compared = 0;
      let failing = 0;
      for (const definition of definitionsOf(name)) {
        const ref = `${schema.$id}#/definitions/${definition}`;
        const [compiled, compiledInlined] = [same.getSchema(ref)!, inlined.getSchema(ref)!];
        const prebuilt = require(validatorPath(name, definition)) as Record<string, unknown>;
        const ours = prebuilt[definition] as ValidateFunction;
        // The keys of the `not`s, which the published schema tells at run time and the file carries.
        const notRequired = prebuilt.notRequired as NotRequired;
        expect(notRequired, definition).toEqual(notRequiredOf(schema));
        for (const [label, config] of configs) {
          const valid = ours(config);
          const at = `${label} as ${definition}`;
          expect([valid, ours.errors], at).toEqual([compiled(config), compiled.errors]);
          compiledInlined(config);
          expect(simplifyErrors(ours.errors ?? [], notRequired), at).toEqual(
            simplifyErrors(compiledInlined.errors ?? [], notRequired),
          );
          compared++;
          if (!valid) failing++;
        }
      }
      // Enough cases, most of them with errors (a config checked against another pipeline's definition).
      expect(compared).toBeGreaterThan(50);
      expect(failing).toBeGreaterThan(compared / 2);
    },
  );

  it.each(STANDALONE_SCHEMAS)(
    "%s: 3,000 random mutations of those configs get the error objects Ajv's own compilation gives",
    (name) => {
      const schema = JSON.parse(schemaText(name)) as { $id: string };
      const ajv = new Ajv(AJV_OPTIONS);
      ajv.addSchema(schema);
      const definitions = definitionsOf(name);
      const validators = new Map(
        definitions.map((definition) => {
          const prebuilt = require(validatorPath(name, definition)) as Record<string, unknown>;
          const ref = `${schema.$id}#/definitions/${definition}`;
          return [definition, [prebuilt[definition] as ValidateFunction, ajv.getSchema(ref)!]] as const;
        }),
      );
      const configs = corpus(name).map(([, config]) => config);
      const keys = propertyValuesOf(schema);
      // A fixed seed: a failure names the mutation that differs, and a rerun finds it again.
      const random = mulberry32(name.includes("0.2") ? 2026_12_02 : 2026_12_03);
      let failing = 0;
      for (let run = 0; run < 3000; run++) {
        const config = structuredClone(configs[Math.floor(random() * configs.length)]);
        const edits = mutate(config, keys, random, 1 + Math.floor(random() * 4));
        const definition = definitions[run % 7 === 0 ? Math.floor(random() * definitions.length) : 0]!;
        const pipeline = definitions.includes("RLVRConfig") && run % 7 !== 0 ? "RLVRConfig" : definition;
        const [ours, theirs] = validators.get(pipeline)!;
        const valid = ours(config);
        expect([valid, ours.errors], `run ${run} as ${pipeline}: ${edits.join("; ")}`).toEqual([
          theirs(config),
          theirs.errors,
        ]);
        if (!valid) failing++;
      }
      expect(failing).toBeGreaterThan(1500);
    },
  );

  it("names both keys of a `not` from the prebuilt validator's table, at any worker", () => {
    const zero = { stage: 3, prefetch_bucket_size: 1, stage3_prefetch_bucket_size: 2 };
    const config = {
      actor_train: {
        strategy_args: {
          strategy_name: "deepspeed_train",
          strategy_config: {
            zero_optimization: zero,
            optimizer: { type: "AdamW", params: { max_grad_norm: 1 } },
          },
        },
      },
    };
    const nots = validateRoll(config, { release: "0.2", pipeline: "rlvr" }).errors.filter(
      (e) => e.keyword === "not",
    );
    expect(nots).toEqual([
      {
        path: "/actor_train/strategy_args/strategy_config/optimizer/params",
        keyword: "not",
        message: 'must not set both "max_grad_norm"',
      },
      {
        path: "/actor_train/strategy_args/strategy_config/zero_optimization",
        keyword: "not",
        message: 'must not set both "stage3_prefetch_bucket_size" and "prefetch_bucket_size"',
      },
    ]);
  });

  it("a schemaPath two `not`s share with different keys names none of them", () => {
    const schema = {
      definitions: {
        A: { allOf: [{ not: { required: ["a", "b"] } }] },
        B: { allOf: [{ not: { required: ["c", "d"] } }], properties: { not: { required: ["x"] } } },
      },
    };
    expect(notRequiredOf(schema)).toEqual({
      "#/definitions/A/allOf/0/not": ["a", "b"],
      "#/definitions/B/allOf/0/not": ["c", "d"],
      "#/allOf/0/not": undefined,
    });
  });

  it("has one validator per pipeline definition of the release (no reward_fl at 0.3)", () => {
    expect(definitionsOf("roll-0.2.schema.json").sort()).toEqual(Object.values(PIPELINE_DEFINITIONS).sort());
    expect(definitionsOf("roll-0.3.schema.json").sort()).toEqual(
      Object.values(PIPELINE_DEFINITIONS)
        .filter((d) => d !== "RewardFLConfig")
        .sort(),
    );
    expect(() => validateRoll({}, { release: "0.3", pipeline: "reward_fl" })).toThrow(
      'ROLL 0.3 has no "reward_fl" pipeline.',
    );
  });

  it("leaves the annotations out and keeps every validation keyword", () => {
    const schema = {
      description: "d",
      "x-python": "C@m",
      properties: { description: { type: "string", default: "x", title: "t" } },
      anyOf: [{ not: { required: ["a", "b"] }, "x-since": "0.2" }],
    };
    expect(validationSchema(schema)).toEqual({
      properties: { description: { type: "string" } },
      anyOf: [{ not: { required: ["a", "b"] } }],
    });
  });
});

/** The SchemaStore fixtures and resolved conformance configs of a schema's release, with their names. */
function corpus(name: (typeof STANDALONE_SCHEMAS)[number]): (readonly [string, unknown])[] {
  const release = name.includes("0.2") ? "0.2" : "0.3";
  const dir = fixturePath("schemastore", `roll-${release}`);
  return [
    ...["positive", "negative"].flatMap((kind) =>
      readdirSync(join(dir, kind)).map((file) => [`${kind}/${file}`, readJson(dir, kind, file)] as const),
    ),
    ...conformanceCases()
      .filter((c) => c.resolved && c.tree === `v${release}`)
      .map((c) => [c.file, c.resolved] as const),
  ];
}

/**
 * Every property name a schema declares, with the values where its schema's keywords decide: its limits (each,
 * and either side of it) and its enum / const values, found anywhere below it.
 */
function propertyValuesOf(schema: unknown): Map<string, unknown[]> {
  const names = new Map<string, unknown[]>();
  const boundaries = (node: unknown, found: unknown[] = []): unknown[] => {
    if (typeof node !== "object" || node === null) return found;
    for (const [key, value] of Object.entries(node)) {
      if (/^(exclusiveM|m)(in|ax)imum$/.test(key) && typeof value === "number")
        found.push(value, value - 1, value + 1, value - 0.5, value + 0.5);
      else if (key === "enum" && Array.isArray(value)) found.push(...value);
      else if (key === "const") found.push(value);
      else boundaries(value, found);
    }
    return found;
  };
  const visit = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" && typeof value === "object" && value !== null)
        for (const [name, sub] of Object.entries(value))
          names.set(name, [...(names.get(name) ?? []), ...boundaries(sub)]);
      visit(value);
    }
  };
  visit(schema);
  return names;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of every JSON type and the edge cases the keywords treat apart. */
const VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  3,
  1.5,
  1e-8,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "x",
  "auto",
  "cpu",
  "none",
  "bf16",
  "deepspeed_train",
  "IGNORE",
  [],
  [1, 2],
  ["a"],
  [{ a: 1 }],
  {},
  { enabled: true },
  { unknown_key: 1 },
  { stage: 3, offload_param: { device: "cpu" } },
];

/** Applies `count` random edits to `config` in place (set, delete or add a key; replace an item); says which. */
function mutate(
  config: unknown,
  keys: Map<string, unknown[]>,
  random: () => number,
  count: number,
): string[] {
  const edits: string[] = [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  for (let e = 0; e < count; e++) {
    // A random container on a random walk from the root.
    const containers: [unknown, string][] = [];
    const collect = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      containers.push([node, path]);
      for (const [k, v] of Object.entries(node)) collect(v, `${path}/${k}`);
    };
    collect(config, "");
    if (containers.length === 0) return edits;
    const [target, path] = pick(containers);
    const known = [...keys.keys()];
    // A value of every type, or one where the key's own schema decides.
    const valueFor = (key: string) => {
      const own = keys.get(key) ?? [];
      return structuredClone(own.length > 0 && random() < 0.5 ? pick(own) : pick(VALUES));
    };
    let value = structuredClone(pick(VALUES));
    if (Array.isArray(target)) {
      if (target.length === 0 || random() < 0.3) target.push(value);
      else target[Math.floor(random() * target.length)] = value;
      edits.push(`${path}[…] = ${JSON.stringify(value)}`);
      continue;
    }
    const object = target as Record<string, unknown>;
    const existing = Object.keys(object);
    const op = random();
    if (op < 0.45 && existing.length > 0) {
      const key = pick(existing);
      value = valueFor(key);
      object[key] = value;
      edits.push(`${path}/${key} = ${JSON.stringify(value)}`);
    } else if (op < 0.6 && existing.length > 0) {
      const key = pick(existing);
      delete object[key];
      edits.push(`delete ${path}/${key}`);
    } else {
      const key = random() < 0.8 ? pick(known) : `unknown_${Math.floor(random() * 3)}`;
      value = valueFor(key);
      object[key] = value;
      edits.push(`${path}/${key} := ${JSON.stringify(value)}`);
    }
  }
  return edits;
}
