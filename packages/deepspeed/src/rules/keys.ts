/** Key-level rules: unknown, misplaced, too new, deprecated, alias clashes. */
import {
  EXTRA_STRICT_KEYS,
  LOOSE_SECTIONS_WITH_KNOWN_KEYS,
  SUBFIELD_SINCE,
  topLevelFieldByKey,
  zeroChildKeys,
  zeroDirectKeys,
  zeroFieldByKey,
} from "../catalog.js";
import type { TopLevelFieldSpec } from "../catalog-types.js";
import { precisionIsStrict, type RuleContext } from "../context.js";
import { didYouMean, isPlainObject, joinPath, show } from "../values.js";
import { atLeast } from "../version.js";

const EXTRA_FORBIDDEN = 'DeepSpeed\'s pydantic model raises "Extra inputs are not permitted"';

/** Misplaced or documented-but-rejected keys (config-reference.md §b.3 "Documented but rejected"). */
const ZERO_KEY_HINTS: Record<string, string> = {
  aio: " aio is a top-level key, not part of zero_optimization (DeepSpeed#2721).",
  grad_hooks: " grad_hooks is still documented in config-json.md but is not a field.",
  cpu_offload_params: " This is the pre-v0.7.0 spelling; use offload_param.",
};

function tooNewMessage(key: string, since: string, ctx: RuleContext, consequence: string): string {
  return `"${key}" needs DeepSpeed >= ${since}, but the config targets ${ctx.versionText}: ${consequence}`;
}

export function checkTopLevelKeys(ctx: RuleContext): void {
  const known = [...topLevelFieldByKey.keys()];
  for (const key of Object.keys(ctx.config)) {
    const spec = topLevelFieldByKey.get(key);
    if (!spec) {
      const inZero = zeroFieldByKey.has(key) ? ` "${key}" is a zero_optimization key.` : "";
      ctx.report(
        "warning",
        "ds/unknown-top-level-key",
        key,
        `Unknown top-level key "${key}": DeepSpeed reads top-level keys with dict.get and silently ignores it.${inZero || didYouMean(key, known)}`,
        [key],
      );
      continue;
    }
    checkTopLevelVersion(ctx, key, spec);
  }
}

function checkTopLevelVersion(ctx: RuleContext, key: string, spec: TopLevelFieldSpec): void {
  if (key === "seq_parallel_comm_data_type" && atLeast(ctx.version, "0.16.5")) {
    ctx.report(
      "warning",
      "ds/deprecated",
      key,
      `"seq_parallel_comm_data_type" was renamed to "seq_parallel_communication_data_type" in DeepSpeed 0.16.5; ${ctx.versionText} ignores the old name.`,
    );
  } else if (key === "seq_parallel_communication_data_type" && !atLeast(ctx.version, "0.16.5")) {
    ctx.report(
      "warning",
      "ds/field-too-new",
      key,
      tooNewMessage(key, "0.16.5", ctx, 'it is ignored; older releases read "seq_parallel_comm_data_type".'),
    );
  } else if (spec.since && !atLeast(ctx.version, spec.since)) {
    ctx.report(
      "warning",
      "ds/field-too-new",
      key,
      tooNewMessage(key, spec.since, ctx, "older releases do not read it, so it is silently ignored."),
    );
  }
  if (spec.deprecated) {
    ctx.report("warning", "ds/deprecated", key, `"${key}" is deprecated: ${spec.deprecated}.`);
  }
  if (key === "bfloat16") {
    const ignored = ctx.config.bf16 !== undefined ? ' and is ignored because "bf16" is also present' : "";
    ctx.report("warning", "ds/deprecated", key, `"bfloat16" is the legacy name of "bf16"${ignored}.`);
  }
}

/** Strictness of a top-level section at the target version. */
function sectionIsStrict(ctx: RuleContext, spec: TopLevelFieldSpec): boolean {
  if (spec.name === "fp16" || spec.name === "bf16") return precisionIsStrict(ctx);
  return spec.strict;
}

export function checkSectionKeys(ctx: RuleContext): void {
  for (const [key, value] of Object.entries(ctx.config)) {
    const spec = topLevelFieldByKey.get(key);
    if (!spec || !isPlainObject(value) || key === "zero_optimization") continue;
    const strict = sectionIsStrict(ctx, spec);
    const knownKeys = spec.subfields.map((field) => field.name);
    const extra = EXTRA_STRICT_KEYS[key];
    if (extra) knownKeys.push(...extra);
    if (knownKeys.length === 0) continue;
    if (!strict && !LOOSE_SECTIONS_WITH_KNOWN_KEYS.includes(spec.name)) continue;
    checkObjectKeys(ctx, key, value, knownKeys, strict, spec.name);
  }
}

function checkObjectKeys(
  ctx: RuleContext,
  path: string,
  value: Record<string, unknown>,
  knownKeys: string[],
  strict: boolean,
  section: string,
): void {
  for (const subkey of Object.keys(value)) {
    const subpath = joinPath(path, subkey);
    // `path` is DeepSpeed's own field names; `subkey` is the config's (it may contain ".").
    const segments = [...path.split("."), subkey];
    if (!knownKeys.includes(subkey)) {
      let hint = didYouMean(subkey, knownKeys);
      if (section === "bf16" && topLevelFieldByKey.get("fp16")?.subfields.some((f) => f.name === subkey)) {
        hint = ` "${subkey}" is an fp16-only (loss scaling) key.`;
      }
      if (subpath === "aio.thread_count") {
        hint = ' The docs call it thread_count, but DeepSpeed reads "intra_op_parallelism".';
      }
      if (strict) {
        ctx.report(
          "error",
          "ds/unknown-key",
          subpath,
          `Unknown key "${subkey}" in ${path}: ${EXTRA_FORBIDDEN}.${hint}`,
          segments,
        );
      } else {
        ctx.report(
          "warning",
          "ds/ignored-key",
          subpath,
          `Unknown key "${subkey}" in ${path}: DeepSpeed reads this section with dict.get and silently ignores it.${hint}`,
          segments,
        );
      }
      continue;
    }
    const since = SUBFIELD_SINCE[subpath];
    if (since && !atLeast(ctx.version, since)) {
      const consequence = strict ? `${EXTRA_FORBIDDEN}.` : "older releases silently ignore it.";
      ctx.report(
        strict ? "error" : "warning",
        "ds/field-too-new",
        subpath,
        tooNewMessage(subpath, since, ctx, consequence),
      );
    }
    const nested = EXTRA_STRICT_KEYS[subpath];
    const child = value[subkey];
    if (nested && isPlainObject(child)) checkObjectKeys(ctx, subpath, child, nested, strict, section);
  }
}

export function checkZeroKeys(ctx: RuleContext): void {
  const zero = ctx.config.zero_optimization;
  if (typeof zero === "boolean") {
    ctx.report(
      "warning",
      "ds/deprecated",
      "zero_optimization",
      `"zero_optimization": ${zero} is the deprecated boolean form (DeepSpeed: "this format of ZeRO optimization setup is deprecated"); it means stage ${zero ? 1 : 0}. Write {"stage": ${zero ? 1 : 0}}.`,
    );
    return;
  }
  if (!isPlainObject(zero)) return;
  for (const key of Object.keys(zero)) {
    const path = `zero_optimization.${key}`;
    const spec = zeroFieldByKey.get(key);
    if (!spec) {
      const hint = ZERO_KEY_HINTS[key] ?? didYouMean(key, zeroDirectKeys);
      ctx.report(
        "error",
        "ds/unknown-key",
        path,
        `Unknown key "${key}" in zero_optimization: ${EXTRA_FORBIDDEN}.${hint}`,
        ["zero_optimization", key],
      );
      continue;
    }
    checkZeroFieldVersion(ctx, path, spec.name, spec.since, spec.sinceNote);
    const child = zero[key];
    if ((key === "offload_param" || key === "offload_optimizer") && isPlainObject(child)) {
      checkOffloadKeys(ctx, key, child);
    }
    const nested = EXTRA_STRICT_KEYS[path];
    if (nested && isPlainObject(child)) checkObjectKeys(ctx, path, child, nested, true, "zero_optimization");
  }
  checkAliasConflicts(ctx, zero);
  checkDeprecatedZeroKeys(ctx, zero);
}

function checkZeroFieldVersion(
  ctx: RuleContext,
  path: string,
  name: string,
  since: string,
  note?: string,
): void {
  if (atLeast(ctx.version, since)) return;
  const detail = note?.startsWith("master") ? ` (${note})` : "";
  ctx.report(
    "error",
    "ds/field-too-new",
    path,
    tooNewMessage(name, since, ctx, `${EXTRA_FORBIDDEN}${detail}.`),
  );
}

function checkOffloadKeys(ctx: RuleContext, parent: string, block: Record<string, unknown>): void {
  const known = zeroChildKeys(parent);
  for (const key of Object.keys(block)) {
    const path = `zero_optimization.${parent}.${key}`;
    const spec = zeroFieldByKey.get(`${parent}.${key}`);
    if (!spec) {
      ctx.report(
        "error",
        "ds/unknown-key",
        path,
        `Unknown key "${key}" in zero_optimization.${parent}: ${EXTRA_FORBIDDEN}.${didYouMean(key, known)}`,
        ["zero_optimization", parent, key],
      );
      continue;
    }
    checkZeroFieldVersion(ctx, path, spec.name, spec.since, spec.sinceNote);
  }
}

/** A stage3_* alias and its internal name in one dict: pydantic reports the second as an extra input. */
function checkAliasConflicts(ctx: RuleContext, zero: Record<string, unknown>): void {
  for (const key of Object.keys(zero)) {
    const spec = zeroFieldByKey.get(key);
    if (!spec?.internalName || key !== spec.name || !(spec.internalName in zero)) continue;
    ctx.report(
      "error",
      "ds/alias-conflict",
      `zero_optimization.${spec.internalName}`,
      `"${spec.name}" and its internal name "${spec.internalName}" are both set: DeepSpeed accepts either spelling but not both (the second raises "Extra inputs are not permitted"). Keep "${spec.name}".`,
    );
  }
}

/** Deprecated ZeRO keys (config_utils.py deprecated-field migration). */
function checkDeprecatedZeroKeys(ctx: RuleContext, zero: Record<string, unknown>): void {
  for (const key of Object.keys(zero)) {
    const spec = zeroFieldByKey.get(key);
    const replacement = spec?.deprecated?.replacement;
    if (!spec || !replacement) continue;
    const path = `zero_optimization.${key}`;
    const replacementSpec = zeroFieldByKey.get(replacement);
    const replacementKeys = replacementSpec
      ? [replacementSpec.name, replacementSpec.internalName].filter((k): k is string => !!k)
      : [];
    const given = replacementKeys.find((k) => k in zero);
    if (given) {
      // DeepSpeed names the internal field in this assertion.
      const internal = replacementSpec?.internalName ?? replacementSpec?.name ?? replacement;
      ctx.report(
        "error",
        "ds/deprecated-conflict",
        path,
        `Cannot provide deprecated parameter '${key}' and replacing parameter '${internal}' together (DeepSpeed AssertionError).`,
      );
    } else {
      ctx.report(
        "warning",
        "ds/deprecated",
        path,
        `Config parameter ${key} is deprecated use ${replacement} instead (${spec.deprecated?.note}). Value: ${show(zero[key])}.`,
      );
    }
  }
}
