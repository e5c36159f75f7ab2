// The JSON Schemas shipped in this package (generated/schemas/, written by scripts/config-types/codegen.ts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SCHEMA_NAMES = [
  "deepspeed.schema.json",
  "roll-0.2.schema.json",
  "roll-0.3.schema.json",
  "roll-0.2.authoring.schema.json",
  "roll-0.3.authoring.schema.json",
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

export type JsonSchema = Record<string, unknown>;

const cache = new Map<SchemaName, JsonSchema>();

/** Reads a shipped schema. Works from src/ (tests) and dist/ (published), both one level below the package. */
export function loadSchema(name: SchemaName): JsonSchema {
  if (!SCHEMA_NAMES.includes(name)) {
    throw new Error(`Unknown schema "${name}". Known schemas: ${SCHEMA_NAMES.join(", ")}.`);
  }
  let schema = cache.get(name);
  if (!schema) {
    const url = new URL(`../generated/schemas/${name}`, import.meta.url);
    schema = JSON.parse(readFileSync(url, "utf8")) as JsonSchema;
    cache.set(name, schema);
  }
  return schema;
}

/** Absolute file path of a shipped schema, e.g. for a `# yaml-language-server: $schema=...` line. */
export function schemaPath(name: SchemaName): string {
  return fileURLToPath(new URL(`../generated/schemas/${name}`, import.meta.url));
}
