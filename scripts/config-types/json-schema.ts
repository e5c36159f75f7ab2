// Minimal JSON Schema (draft-07) shape used by the generators, plus the project's custom keywords.
export interface Schema {
  $schema?: string;
  $id?: string;
  $comment?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  deprecated?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  pattern?: string;
  definitions?: Record<string, Schema>;
  tsType?: string;
  "x-since"?: string;
  "x-python"?: string;
  "x-auto"?: string;
  "x-deepspeed-parsing"?: "pydantic" | "dict";
  [keyword: `x-${string}`]: unknown;
}

/** Stable text form of a generated JSON file: two-space indent and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
