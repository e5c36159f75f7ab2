// The emit command's input: a config module (.ts/.mts/.cts through tsx, .js/.mjs/.cjs natively) and the
// config definition it exports by default, whatever the user's package type.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isRollConfigDefinition } from "@roll/config-types/authoring";

/** Imports a config module and returns its config definition; errors name the file. */
export async function loadConfigModule(path: string): Promise<unknown> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new Error(`${path}: config module not found`);
  const url = pathToFileURL(absolute).href;
  let module: Record<string, unknown>;
  try {
    if (/\.[cm]?ts$/.test(absolute)) {
      const { tsImport } = await import("tsx/esm/api");
      module = await tsImport(url, import.meta.url);
    } else {
      module = await import(url);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // esbuild puts the location (file:line:column) on the second line of "Transform failed".
    const detail = message.replace(/^Transform failed with \d+ errors?:\n/, "").split("\n")[0];
    throw new Error(`${path}: cannot load config module: ${detail}`);
  }
  return configOf(module, path);
}

/**
 * The module's default export. In a CommonJS package (no `"type": "module"`, or a .cts/.cjs file) Node
 * gives `module.exports` as the default, and TypeScript put the real default export at `exports.default`:
 * that wrapper is unwrapped. Anything but a config definition (defineRollConfig's result, or a plain
 * mapping of YAML values such as defineDeepSpeedConfig's) is refused.
 */
export function configOf(module: Record<string, unknown>, path: string): unknown {
  let value = module.default;
  if (isCommonJsWrapper(value)) value = value.default;
  if (value === undefined) {
    throw new Error(`${path}: no default export; write \`export default defineRollConfig(...)\``);
  }
  const problem = isRollConfigDefinition(value) ? notYaml(value.config, "config") : rootProblem(value);
  if (problem) {
    throw new Error(
      `${path}: the default export is not a config definition (${problem}); write \`export default defineRollConfig(...)\``,
    );
  }
  return value;
}

function isCommonJsWrapper(value: unknown): value is { default: unknown } {
  if (!isPlainObject(value) || !("default" in value) || isRollConfigDefinition(value)) return false;
  return value.__esModule === true || Object.keys(value).every((k) => k === "default" || k === "__esModule");
}

function rootProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `it is ${describe(value)}`;
  return notYaml(value, "");
}

/** Why `value` cannot be written as YAML (a function, undefined, a class instance, ...), or undefined. */
function notYaml(value: unknown, at: string): string | undefined {
  if (value === null || ["string", "number", "boolean", "bigint"].includes(typeof value)) return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = notYaml(item, `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = notYaml(item, at ? `${at}.${key}` : key);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${at || "the value"} is ${describe(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `a ${value.constructor?.name ?? "object"} instance`;
  return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
}
