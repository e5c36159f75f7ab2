// The schemas cover every field of the reference catalogues: a missing or extra property fails here.
import { describe, expect, it } from "vitest";
import { loadSchema, type SchemaName } from "../src/index.js";
import { DEEPSPEED_DATA, readJson, SCHEMA_SOURCES } from "./helpers.js";

interface Definition {
  title?: string;
  properties?: Record<string, Definition & { deprecated?: boolean; "x-since"?: string }>;
  additionalProperties?: unknown;
  "x-python"?: string;
  allOf?: Definition[];
  anyOf?: Definition[];
  $ref?: string;
}

interface RootSchema extends Definition {
  definitions: Record<string, Definition>;
}

interface PythonClass {
  name: string;
  module: string;
  bases: string[];
  fields: { name: string }[];
}

const schema = (name: SchemaName) => loadSchema(name) as unknown as RootSchema;

/** Field names of a dataclass including its bases (dataclass inheritance). */
function flattenedFields(classes: Record<string, PythonClass>, cls: PythonClass): string[] {
  const names: string[] = [];
  for (const base of cls.bases) {
    const baseClass =
      Object.values(classes).find((c) => c.name === base && c.module === cls.module) ??
      Object.values(classes).find((c) => c.name === base)!;
    for (const n of flattenedFields(classes, baseClass)) if (!names.includes(n)) names.push(n);
  }
  for (const f of cls.fields) if (!names.includes(f.name)) names.push(f.name);
  return names;
}

describe.each(["0.2", "0.3"] as const)("ROLL %s schemas", (release) => {
  const classes = readJson<Record<string, PythonClass>>(SCHEMA_SOURCES, `fields-${release}.json`);

  describe.each(["resolved", "authoring"] as const)("%s flavour", (flavour) => {
    const root = schema(
      `roll-${release}${flavour === "authoring" ? ".authoring" : ""}.schema.json` as SchemaName,
    );
    const byPython = new Map(
      Object.values(root.definitions)
        .filter((d) => d["x-python"])
        .map((d) => [d["x-python"]!, d]),
    );

    it("has one definition per dataclass, tagged with x-python", () => {
      expect([...byPython.keys()].sort()).toEqual(Object.keys(classes).sort());
    });

    it.each(Object.keys(classes))("%s has exactly the dataclass fields", (key) => {
      const definition = byPython.get(key)!;
      const properties = Object.keys(definition.properties ?? {}).filter(
        (p) => !(flavour === "authoring" && (p === "defaults" || p === "hydra")),
      );
      expect(properties.sort()).toEqual(flattenedFields(classes, classes[key]!).sort());
    });
  });

  it("offers the pipeline configs of the release at the root", () => {
    const expected = ["RLVRConfig", "AgenticConfig", "SFTConfig", "DPOConfig", "DistillConfig"];
    if (release === "0.2") expected.push("RewardFLConfig");
    expect(schema(`roll-${release}.schema.json`).anyOf!.map((r) => r.$ref!.split("/").pop())).toEqual(
      expected,
    );
  });

  it("rejects unknown keys in the resolved flavour, as dacite drops them", () => {
    for (const definition of Object.values(schema(`roll-${release}.schema.json`).definitions)) {
      if (definition["x-python"]) expect(definition.additionalProperties).toBe(false);
    }
  });
});

describe("DeepSpeed schema", () => {
  const root = schema("deepspeed.schema.json");
  const zero = readJson<{
    fields: { name: string; aliases: string[]; since?: string; deprecated: unknown }[];
  }>(DEEPSPEED_DATA, "zero-config-fields.json").fields;
  const topLevel = readJson<{ fields: { name: string; subfields?: { name: string }[] }[] }>(
    DEEPSPEED_DATA,
    "top-level-fields.json",
  ).fields;

  const sectionProperties = (name: string) => Object.keys(root.definitions[name]!.properties!).sort();

  it("covers every zero_optimization field and its alias", () => {
    const expected = zero.filter((f) => !f.name.includes(".")).flatMap((f) => [f.name, ...f.aliases]);
    expect(sectionProperties("ZeroOptimization")).toEqual(expected.sort());
  });

  it.each([
    ["offload_param", "OffloadParamConfig"],
    ["offload_optimizer", "OffloadOptimizerConfig"],
  ])("covers every %s field", (section, definition) => {
    const expected = zero.filter((f) => f.name.startsWith(`${section}.`)).map((f) => f.name.split(".")[1]!);
    expect(sectionProperties(definition)).toEqual(expected.sort());
  });

  it("covers every top-level key and its sub-fields", () => {
    const properties = root.properties!;
    for (const field of topLevel) {
      expect(properties, field.name).toHaveProperty([field.name]);
    }
    const sections = Object.values(root.definitions);
    for (const field of topLevel.filter((f) => f.subfields?.length)) {
      const names = field.subfields!.map((s) => s.name);
      const definition = sections.find((d) => names.every((n) => d.properties && n in d.properties));
      expect(definition, `${field.name} sub-fields`).toBeDefined();
    }
  });

  it("marks deprecated zero fields and records each field's since version", () => {
    const properties = root.definitions.ZeroOptimization!.properties!;
    for (const field of zero.filter((f) => !f.name.includes("."))) {
      expect(properties[field.name]!.deprecated ?? false, field.name).toBe(Boolean(field.deprecated));
      if (field.since) expect(field.since, field.name).toContain(properties[field.name]!["x-since"]!);
    }
  });

  it("rejects unknown keys in pydantic sections and allows them at the top level", () => {
    expect(root.additionalProperties).toBe(true);
    for (const name of [
      "ZeroOptimization",
      "OffloadParamConfig",
      "OffloadOptimizerConfig",
      "FP16Config",
      "BF16Config",
    ]) {
      expect(root.definitions[name]!.additionalProperties, name).toBe(false);
    }
  });
});
