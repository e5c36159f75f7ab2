// Hydra's own config node, `hydra:`, as Hydra checks it: the HydraConf dataclasses of hydra/conf/__init__.py
// (v1.3.2) with the basic launcher/sweeper plugins' dataclasses, and the key shape of its default logging
// configs. A config's `hydra:` node is merged into that structured config (unknown keys and wrong types are
// OmegaConf's errors); `hydra.*` overrides are then applied to it in struct mode. compose() drops the node.
import { ConfigError } from "../errors.js";
import { getEntry, type Node, type Scalar } from "../model.js";
import { pyNodeRepr, pyRepr } from "../python/format.js";
import { compositionError } from "./errors.js";
import { pyTypeName } from "./omegaconf-load.js";
import type { Override } from "./override-parser.js";

type Field =
  | { t: "str" | "int" | "bool" | "enum"; optional: boolean; missing?: true }
  | { t: "any"; missing?: true }
  | { t: "list"; optional: boolean; missing?: true }
  | { t: "dict"; values: "Any" | "str"; optional: boolean; keys?: Shape }
  | { t: "class"; name: string; optional: boolean };

/** The keys Hydra's default configs put into an open Dict field (which struct mode then closes). */
type Shape = { [key: string]: Shape | null };

const str = (optional = false, missing?: true): Field => ({
  t: "str",
  optional,
  ...(missing ? { missing } : {}),
});
const list = (optional = false, missing?: true): Field => ({
  t: "list",
  optional,
  ...(missing ? { missing } : {}),
});
const cls = (name: string): Field => ({ t: "class", name, optional: false });

const LOGGING_SHAPE = (extra: Shape): Shape => ({
  version: null,
  formatters: { simple: { format: null } },
  handlers: { console: { class: null, formatter: null, stream: null }, ...extra },
  root: { level: null, handlers: null },
  disable_existing_loggers: null,
});

const CLASSES: Record<string, Record<string, Field>> = {
  HydraConf: {
    defaults: list(),
    mode: { t: "enum", optional: true },
    searchpath: list(),
    run: cls("RunDir"),
    sweep: cls("SweepDir"),
    hydra_logging: {
      t: "dict",
      values: "Any",
      optional: false,
      keys: { ...LOGGING_SHAPE({}), loggers: { logging_example: { level: null } } },
    },
    job_logging: {
      t: "dict",
      values: "Any",
      optional: false,
      keys: LOGGING_SHAPE({ file: { class: null, formatter: null, filename: null } }),
    },
    sweeper: cls("BasicSweeperConf"),
    launcher: cls("BasicLauncherConf"),
    callbacks: { t: "dict", values: "Any", optional: false, keys: {} },
    help: cls("HelpConf"),
    hydra_help: cls("HydraHelpConf"),
    output_subdir: str(true),
    overrides: cls("OverridesConf"),
    job: cls("JobConf"),
    runtime: cls("RuntimeConf"),
    verbose: { t: "any" },
  },
  RunDir: { dir: str() },
  SweepDir: { dir: str(), subdir: str() },
  HelpConf: { app_name: str(), header: str(), footer: str(), template: str() },
  HydraHelpConf: { hydra_help: str(), template: str() },
  OverridesConf: { hydra: list(), task: list() },
  JobConf: {
    name: str(false, true),
    chdir: { t: "bool", optional: true },
    override_dirname: str(false, true),
    id: str(false, true),
    num: { t: "int", optional: false, missing: true },
    config_name: str(true, true),
    env_set: { t: "dict", values: "str", optional: false, keys: {} },
    env_copy: list(),
    config: cls("JobConfig"),
  },
  JobConfig: { override_dirname: cls("OverrideDirname") },
  OverrideDirname: { kv_sep: str(), item_sep: str(), exclude_keys: list() },
  RuntimeConf: {
    version: str(false, true),
    version_base: str(false, true),
    cwd: str(false, true),
    config_sources: list(false, true),
    output_dir: str(false, true),
    choices: { t: "dict", values: "Any", optional: false, keys: {} },
  },
  ConfigSourceInfo: { path: str(), schema: str(), provider: str() },
  BasicLauncherConf: { _target_: str() },
  BasicSweeperConf: {
    _target_: str(),
    max_batch_size: { t: "int", optional: true },
    params: { t: "dict", values: "str", optional: true, keys: {} },
  },
};

/** Classes held in a field typed Any (the root's `hydra`, plugins): OmegaConf prints no reference_type. */
const UNTYPED = new Set(["HydraConf", "BasicLauncherConf", "BasicSweeperConf"]);

function where(fullKey: string, cls: string, refType: string | null = UNTYPED.has(cls) ? null : cls): string {
  return `\n    full_key: ${fullKey}\n    ${refType ? `reference_type=${refType}\n    ` : ""}object_type=${cls}`;
}

function fail(type: string, message: string, node?: Node, template?: string): ConfigError {
  return new ConfigError(type, message, {
    ...(node?.pos ? { pos: node.pos } : {}),
    chain: [{ error: type, message }, ...(template ? [{ error: type, message: template }] : [])],
  });
}

function keyError(key: string, fullKey: string, cls: string, node: Node | undefined): ConfigError {
  const message = `Key '${key}' not in '${cls}'${where(fullKey, cls)}`;
  return new ConfigError("ConfigKeyError", message, {
    ...(node?.pos ? { pos: node.pos } : {}),
    chain: [
      { error: "ConfigKeyError", message },
      { error: "ConfigAttributeError", message },
    ],
  });
}

/** Python's type name of a node as OmegaConf reports a value being merged (containers as DictConfig/ListConfig). */
function mergedTypeName(node: Node): string {
  return node.kind === "dict" ? "DictConfig" : node.kind === "list" ? "ListConfig" : pyTypeName(node.value);
}

function str_(value: Scalar): string {
  return typeof value === "string" ? value : pyRepr(value);
}

const VALID_BOOL = /^(?:y|yes|on|true|n|no|off|false)$/i;

/** Checks one scalar against a leaf field; `assigned`: an override (Python values) rather than a merge. */
function checkLeaf(field: Field, node: Node, fullKey: string, cls: string, assigned: boolean): void {
  const at = where(fullKey, cls);
  const isNull = node.kind === "scalar" && node.value === null;
  if (field.t === "any") return;
  if (isNull) {
    if ("optional" in field && field.optional) return;
    if (field.t === "str" && !assigned) {
      const m = "Incompatible value 'None' for field of type 'str'";
      throw fail("ValidationError", m + at, node, m);
    }
    const refType =
      field.t === "dict" ? `Dict[str, ${field.values}]` : field.t === "class" ? field.name : cls;
    const objType = field.t === "dict" ? "dict" : field.t === "class" ? field.name : cls;
    throw fail(
      "ValidationError",
      `field '${fullKey}' is not Optional\n    full_key: ${fullKey}\n    ${
        UNTYPED.has(objType) || (field.t !== "dict" && field.t !== "class" && UNTYPED.has(cls))
          ? ""
          : `reference_type=${refType}\n    `
      }object_type=${objType}`,
      node,
    );
  }
  if (field.t === "str") {
    if (node.kind === "scalar") return;
    const type = assigned ? (node.kind === "dict" ? "dict" : "list") : mergedTypeName(node);
    const m = `Cannot convert '${type}' to string: '${pyNodeRepr(node)}'`;
    throw fail("ValidationError", m + at, node, "Cannot convert '$VALUE_TYPE' to string: '$VALUE'");
  }
  if (field.t === "int") {
    const v = node.kind === "scalar" ? node.value : null;
    const ok = typeof v === "bigint" || (typeof v === "string" && /^\s*[+-]?\d(?:_?\d)*\s*$/.test(v));
    if (ok) return;
    const shown = node.kind === "scalar" ? str_(v) : pyNodeRepr(node);
    const type = node.kind === "scalar" ? pyTypeName(v) : assigned ? node.kind : mergedTypeName(node);
    const m = `Value '${shown}' of type '${type}' could not be converted to Integer`;
    throw fail(
      "ValidationError",
      m + at,
      node,
      "Value '$VALUE' of type '$VALUE_TYPE' could not be converted to Integer",
    );
  }
  if (field.t === "bool") {
    const v = node.kind === "scalar" ? node.value : null;
    if (typeof v === "boolean" || typeof v === "bigint") return;
    if (typeof v === "string" && (VALID_BOOL.test(v) || /^[+-]?\d+$/.test(v))) return;
    const shown = node.kind === "scalar" ? str_(v) : pyNodeRepr(node);
    const m = `Value '${shown}' is not a valid bool (type ${node.kind === "scalar" ? pyTypeName(v) : node.kind})`;
    throw fail("ValidationError", m + at, node, "Value '$VALUE' is not a valid bool (type $VALUE_TYPE)");
  }
  if (field.t === "enum") {
    const v = node.kind === "scalar" ? node.value : null;
    if (typeof v === "bigint" && (v === 1n || v === 2n)) return;
    if (typeof v === "string" && /^(?:RunMode\.)?(?:RUN|MULTIRUN)$/.test(v)) return;
    const shown = node.kind === "scalar" ? str_(v) : pyNodeRepr(node);
    const m = `Invalid value '${shown}', expected one of [RUN, MULTIRUN]`;
    throw fail("ValidationError", m + at, node, "Invalid value '$VALUE', expected one of [RUN, MULTIRUN]");
  }
  if (field.t === "list") {
    if (node.kind === "list") return;
    const type = assigned ? (node.kind === "dict" ? "dict" : pyTypeName(node.value)) : "AnyNode";
    const m = `Invalid value assigned: ${type} is not a ListConfig, list or tuple.`;
    throw fail("ValidationError", m + at, node, m);
  }
}

/** OmegaConf.merge(HydraConf schema, node): throws OmegaConf's error for an unknown key or a wrong type. */
function mergeInto(field: Field, node: Node, fullKey: string, cls: string): void {
  if (field.t === "class") {
    if (node.kind === "scalar" && node.value === null) {
      checkLeaf(field, node, fullKey, cls, false);
      return;
    }
    if (node.kind !== "dict") {
      const type = node.kind === "list" ? "list" : pyTypeName(node.value);
      const shown = node.kind === "list" ? pyNodeRepr(node) : str_(node.value);
      const m = `Merge error: ${type} is not a subclass of ${field.name}. value: ${shown}`;
      throw fail("ValidationError", `${m}\n    full_key: \n    object_type=dict`, node, m);
    }
    mergeClass(node, field.name, fullKey);
    return;
  }
  if (field.t === "dict") {
    if (node.kind === "scalar" && node.value === null && !field.optional) {
      checkLeaf(field, node, fullKey, cls, false);
      return;
    }
    if (node.kind === "scalar") {
      if (node.value === null) return;
      const m = `Cannot assign ${pyTypeName(node.value)} to Dict[str, ${field.values}]`;
      throw fail("ValidationError", m + where(fullKey, cls), node, m);
    }
    if (node.kind === "list") {
      const m = "Cannot merge DictConfig with ListConfig";
      throw new ConfigError("ConfigTypeError", `${m}\n    full_key: \n    object_type=dict`, {
        ...(node.pos ? { pos: node.pos } : {}),
        chain: [
          { error: "ConfigTypeError", message: `${m}\n    full_key: \n    object_type=dict` },
          { error: "TypeError", message: m },
        ],
      });
    }
    for (const e of node.entries.values()) {
      if (typeof e.key !== "string") {
        const k = pyRepr(e.key);
        const m = `Key ${k} (${pyTypeName(e.key)}) is incompatible with (str)`;
        throw fail(
          "KeyValidationError",
          `${m}\n    full_key: ${fullKey}.${String(e.key)}\n    reference_type=Dict[str, ${field.values}]\n    object_type=dict`,
          e.node,
          "Key $KEY ($KEY_TYPE) is incompatible with (str)",
        );
      }
    }
    return;
  }
  if (field.t === "list" && node.kind === "list" && fullKey.endsWith("runtime.config_sources")) {
    // List[ConfigSourceInfo]: OmegaConf loses the path of list items in this message.
    for (const item of node.items) if (item.kind === "dict") mergeClass(item, "ConfigSourceInfo", "", true);
    return;
  }
  checkLeaf(field, node, fullKey, cls, false);
}

function mergeClass(node: Node, cls: string, fullKey: string, bareKeys = false): void {
  if (node.kind !== "dict") return;
  const fields = CLASSES[cls] ?? {};
  for (const entry of node.entries.values()) {
    const key = String(entry.key);
    const childKey = bareKeys ? key : `${fullKey}.${key}`;
    const field = typeof entry.key === "string" ? fields[key] : undefined;
    if (!field) {
      const err = keyError(key, childKey, cls, entry.node);
      if (entry.keyPos)
        throw new ConfigError(err.pythonType, err.message, { pos: entry.keyPos, chain: err.chain });
      throw err;
    }
    mergeInto(field, entry.node, childKey, cls);
  }
}

/** A `hydra:` node of a config, merged into HydraConf. */
export function validateHydraNode(node: Node): void {
  if (node.kind === "scalar" && node.value === null) {
    // Hydra itself crashes here (it sets flags on the node it expects).
    throw new ConfigError(
      "AttributeError",
      "'NoneType' object has no attribute '_set_flag'",
      node.pos ? { pos: node.pos } : {},
    );
  }
  mergeInto(cls("HydraConf"), node, "hydra", "dict");
}

type Step = { field: Field; cls: string } | { shape: Shape | null; dict: Field & { t: "dict" } };

/** One key down the schema: a dataclass field, a key of a default logging config, or anything below Any. */
function child(step: Step, part: string): Step | undefined {
  if ("shape" in step) {
    if (step.shape === null) return { field: { t: "any" }, cls: "dict" };
    return part in step.shape ? { shape: step.shape[part] ?? null, dict: step.dict } : undefined;
  }
  const { field } = step;
  if (field.t === "class") {
    const f = CLASSES[field.name]?.[part];
    return f ? { field: f, cls: field.name } : undefined;
  }
  if (field.t === "dict") {
    return field.keys && part in field.keys ? { shape: field.keys[part] ?? null, dict: field } : undefined;
  }
  return { field: { t: "any" }, cls: "dict" };
}

/** The schema position of a dotted `hydra.` key, or where OmegaConf finds no such key. */
function walk(parts: string[]): { last: Step; fullKey: string; missingAt?: { key: string; step: Step } } {
  let step: Step = { field: cls("HydraConf"), cls: "dict" };
  let fullKey = "hydra";
  for (const part of parts) {
    const next = child(step, part);
    if (next === undefined)
      return { last: step, fullKey: `${fullKey}.${part}`, missingAt: { key: part, step } };
    step = next;
    fullKey = `${fullKey}.${part}`;
  }
  return { last: step, fullKey };
}

const HYDRA_GROUP_OPTIONS: Record<string, string[]> = {
  env: ["default"],
  help: ["default"],
  hydra_help: ["default"],
  hydra_logging: ["default", "disabled", "hydra_debug", "none"],
  job_logging: ["default", "disabled", "none", "stdout"],
  output: ["default"],
  launcher: ["basic"],
  sweeper: ["basic"],
  callbacks: [],
};

/** A `hydra/<group>=<option>` override: the option must be one Hydra ships (its own configs are not read). */
export function checkHydraGroupOverride(o: Override, searchPathText: string): void {
  const group = o.keyOrGroup.slice("hydra/".length);
  const options = HYDRA_GROUP_OPTIONS[group];
  const value = o.value;
  if (!options || o.type === "del" || value?.kind !== "scalar" || typeof value.value !== "string") return;
  if (options.includes(value.value)) return;
  throw new ConfigError(
    "MissingConfigException",
    `In 'hydra/config': Could not find '${o.keyOrGroup}/${value.value}'\n\n` +
      `Available options in '${o.keyOrGroup}':\n${options.map((x) => `\t${x}`).join("\n")}\n` +
      `Config search path:\n${searchPathText}`,
  );
}

/**
 * A `hydra.*` value override, as ConfigLoaderImpl._apply_overrides_to_config applies it to the struct-mode
 * hydra node: unknown keys, wrong types and deletions fail as there; the node itself is not kept.
 */
export function checkHydraOverride(o: Override): void {
  const parts = o.keyOrGroup.split(".").slice(1);
  const { last, fullKey, missingAt } = walk(parts);
  if (o.type === "add" || o.type === "force_add") return; // force_add opens the struct; Hydra accepts it
  if (missingAt) {
    const step = missingAt.step;
    let cause: ConfigError;
    if ("field" in step && step.field.t === "class") {
      const m = `Key '${missingAt.key}' not in '${step.field.name}'${where(fullKey, step.field.name)}`;
      cause = fail("ConfigAttributeError", m);
    } else {
      const dict = "dict" in step ? step.dict : (step.field as Field & { t: "dict" });
      const m = `Key '${missingAt.key}' is not in struct\n    full_key: ${fullKey}\n    reference_type=Dict[str, ${dict.values}]\n    object_type=dict`;
      cause = fail("ConfigAttributeError", m);
    }
    if (o.type === "del")
      throw compositionError(`Could not delete from config. '${o.keyOrGroup}' does not exist.`);
    throw wrap(`Could not override '${o.keyOrGroup}'.\nTo append to your config use +${o.inputLine}`, cause);
  }
  if (!("field" in last)) return; // inside an open logging dict: any value
  const { field, cls: owner } = last;
  if (o.type === "del") {
    if ("missing" in field && field.missing) {
      throw compositionError(`Could not delete from config. '${o.keyOrGroup}' does not exist.`);
    }
    const m = `${owner === "dict" ? "HydraConf" : owner} (DictConfig) does not support deletion`;
    throw wrap(
      `Error merging override ${o.inputLine}`,
      fail("ConfigTypeError", `${m}${where(fullKey, owner === "dict" ? "HydraConf" : owner, null)}`),
    );
  }
  const value = o.value;
  if (value === null) return;
  try {
    if (field.t === "class") {
      if (value.kind === "dict") {
        try {
          mergeClass(value, field.name, fullKey);
        } catch (e) {
          if (e instanceof ConfigError && e.pythonType === "ConfigKeyError") {
            throw wrap(
              `Could not override '${o.keyOrGroup}'.\nTo append to your config use +${o.inputLine}`,
              e,
            );
          }
          throw e;
        }
        return;
      }
      if (!(value.kind === "scalar" && value.value === null)) {
        const type = value.kind === "list" ? "list" : pyTypeName(value.value);
        const shown = value.kind === "list" ? pyNodeRepr(value) : str_(value.value);
        const m = `Invalid type assigned: ${type} is not a subclass of ${field.name}. value: ${shown}`;
        throw fail("ValidationError", m + where(fullKey, owner, null), value, m);
      }
    }
    if (field.t === "dict" && value.kind === "scalar" && value.value !== null) {
      const m = `Cannot assign ${pyTypeName(value.value)} to Dict[str, ${field.values}]`;
      throw fail("ValidationError", m + where(fullKey, owner), value, m);
    }
    if (field.t !== "dict" && field.t !== "class") checkLeaf(field, value, fullKey, owner, true);
    else if (value.kind === "scalar" && value.value === null) checkLeaf(field, value, fullKey, owner, true);
  } catch (e) {
    if (e instanceof ConfigError && e.pythonType !== "ConfigCompositionException") {
      throw wrap(`Error merging override ${o.inputLine}`, e);
    }
    throw e;
  }
}

function wrap(message: string, cause: ConfigError): ConfigError {
  return new ConfigError("ConfigCompositionException", message, {
    chain: [{ error: "ConfigCompositionException", message }, ...cause.chain],
  });
}

/** The node `hydra.searchpath` of a primary config (null/absent: none). */
export function hydraChild(node: Node | null, key: string): Node | undefined {
  const hydra = node?.kind === "dict" ? getEntry(node, "hydra")?.node : undefined;
  return hydra?.kind === "dict" ? getEntry(hydra, key)?.node : undefined;
}
