// generated/validators/*.cjs (Ajv standalone code, scripts/generate-validators.ts) must match
// the schemas they were compiled from, and must report exactly what Ajv compiling the schema at run time
// reports: the same error objects, so simplifyErrors and every finding stay the same.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PIPELINE_DEFINITIONS } from "@roll/config-types";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { banner, renderValidators, schemaText, validatorPath } from "../scripts/generate-validators.js";
import { AJV_OPTIONS, STANDALONE_SCHEMAS, validateRoll } from "../src/schema-check.js";
import { fixturePath, readJsonFixture as readJson } from "./helpers/fixtures.js";

const require = createRequire(import.meta.url);

describe("standalone validators", () => {
  it.each(STANDALONE_SCHEMAS)(
    "%s: the banner names the generator, the schema's sha256 and the Ajv version",
    (name) => {
      const head = readFileSync(validatorPath(name), "utf8").split("\n").slice(0, 2);
      expect(head).toEqual(banner(name, schemaText(name)));
    },
  );

  it("roll-0.3: regenerating gives the committed file byte for byte", () => {
    expect(readFileSync(validatorPath("roll-0.3.schema.json"), "utf8")).toBe(
      renderValidators("roll-0.3.schema.json"),
    );
  });

  it("roll-0.3: every SchemaStore fixture gets the error objects Ajv's own compilation gives", () => {
    const name = "roll-0.3.schema.json";
    const schema = JSON.parse(schemaText(name)) as { $id: string };
    const ajv = new Ajv(AJV_OPTIONS);
    ajv.addSchema(schema);
    const prebuilt = require(validatorPath(name)) as Record<string, ValidateFunction>;
    const dir = fixturePath("schemastore", "roll-0.3");
    let compared = 0;
    for (const kind of ["positive", "negative"]) {
      for (const file of readdirSync(join(dir, kind))) {
        const config = readJson(join(dir, kind, file));
        for (const definition of ["RLVRConfig", "AgenticConfig"]) {
          const compiled = ajv.getSchema(`${schema.$id}#/definitions/${definition}`)!;
          const ours = prebuilt[definition]!;
          expect([ours(config), ours.errors], `${kind}/${file} as ${definition}`).toEqual([
            compiled(config),
            compiled.errors,
          ]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("exports one validator per pipeline definition of the release (no reward_fl at 0.3)", () => {
    const v02 = require(validatorPath("roll-0.2.schema.json")) as Record<string, unknown>;
    const v03 = require(validatorPath("roll-0.3.schema.json")) as Record<string, unknown>;
    expect(Object.keys(v02).sort()).toEqual(Object.values(PIPELINE_DEFINITIONS).sort());
    expect(Object.keys(v03).sort()).toEqual(
      Object.values(PIPELINE_DEFINITIONS)
        .filter((d) => d !== "RewardFLConfig")
        .sort(),
    );
    expect(() => validateRoll({}, { release: "0.3", pipeline: "reward_fl" })).toThrow(
      'ROLL 0.3 has no "reward_fl" pipeline.',
    );
  });
});
