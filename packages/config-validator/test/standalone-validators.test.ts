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
      const release = name.includes("0.2") ? "0.2" : "0.3";
      const dir = fixturePath("schemastore", `roll-${release}`);
      const configs = [
        ...["positive", "negative"].flatMap((kind) =>
          readdirSync(join(dir, kind)).map((file) => [`${kind}/${file}`, readJson(dir, kind, file)] as const),
        ),
        ...conformanceCases()
          .filter((c) => c.resolved && c.tree === `v${release}`)
          .map((c) => [c.file, c.resolved] as const),
      ];
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
