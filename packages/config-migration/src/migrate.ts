// Rewrites one ROLL 0.2 config for ROLL 0.3: each DeepSpeed worker gets the strategy and FSDP2 settings the
// mapping (mapping.ts) derives from the DeepSpeed config it actually ran with (resolved through its presets),
// and defaults entries that only pulled in DeepSpeed presets go. The YAML is edited as text ranges located
// through the `yaml` Document, so everything else stays byte for byte.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import {
  ConfigError,
  type DictNode,
  getEntry,
  type Key,
  loadYamlFile,
  type Node,
  type ResolveOptions,
  resolve,
  type SourcePos,
  toPlain,
} from "@roll/config-resolver";
import { parseDeviceMapping } from "@roll/config-validator";
import {
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type ParsedNode,
  parseDocument,
  visit,
} from "yaml";
import {
  type Fsdp2Config,
  fsdp2Settings,
  keyRow,
  leaves,
  optimizerOnlyOffload,
  type Plain,
  strategyRow,
  zeroStage,
} from "./derive.js";
import type { KeyFate, TargetStrategy } from "./mapping.js";
import {
  applyEdits,
  isBlank,
  lineEnd,
  lineStart,
  nextLine,
  originalLineOf,
  type ParsedPair,
  pairOf,
  sameStyle,
  type TextEdit,
} from "./text-edits.js";

export type MigrationTarget = "0.3";

export interface MigrationFinding {
  severity: "warning" | "info";
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface WorkerMigration {
  /** Dotted path of the worker config, e.g. "actor_train" or "rewards.math". */
  path: string;
  from: string;
  to: TargetStrategy;
  /** The preset the worker's strategy_config interpolated (`${deepspeed_zero3}`), if any. */
  preset?: string;
  /** The FSDP2 strategy_config written; null for `strategy_config: ~`. */
  settings: Fsdp2Config | null;
}

export interface MigrationResult {
  /** Absolute path of the file. */
  file: string;
  original: string;
  /** The rewritten text; equal to `original` when there was nothing to migrate. */
  migrated: string;
  workers: WorkerMigration[];
  /** Defaults entries removed, as written. */
  removedDefaults: string[];
  findings: MigrationFinding[];
  /** The line of `original` a line of `migrated` came from (for reporting findings on the result). */
  originalLine(line: number): number;
}

export interface MigrateOptions {
  to: MigrationTarget;
  /** How to compose the file to learn each worker's DeepSpeed config (Hydra mode, sandbox, env). */
  resolve?: Pick<ResolveOptions, "versionBase" | "projectRoot" | "env" | "now">;
}

/** A file migrate cannot read as YAML; `format()` gives `FILE:LINE:COL: message`. */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    message: string,
    readonly pos?: SourcePos,
  ) {
    super(message);
  }
  format(): string {
    return this.pos ? `${this.pos.file}:${this.pos.line}:${this.pos.column}: ${this.message}` : this.message;
  }
}

const DEEPSPEED = new Set(["deepspeed_train", "deepspeed_infer", "diffusion_deepspeed_train"]);

export function migrateFile(path: string, options: MigrateOptions): MigrationResult {
  const file = resolvePath(path);
  const original = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(original, { lineCounter, version: "1.1", uniqueKeys: false });
  const posAt = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const firstError = doc.errors[0];
  if (firstError) throw new MigrationError(firstError.message.split("\n")[0]!, posAt(firstError.pos[0]));

  const resolved = resolve(file, { ...options.resolve });
  const primary = realpathSync(file);
  const eol = original.includes("\r\n") ? "\r\n" : "\n";
  const findings: MigrationFinding[] = [];
  const finding = (severity: MigrationFinding["severity"], code: string, pos: SourcePos, message: string) =>
    findings.push({
      severity,
      code: `migrate/${code}`,
      message,
      file: pos.file,
      line: pos.line,
      column: pos.column,
    });

  const edits: TextEdit[] = [];
  const workers: WorkerMigration[] = [];
  for (const { path: workerPath, worker } of workersIn(resolved.config, [])) {
    const name = scalarText(entryNode(entryNode(worker, "strategy_args"), "strategy_name"));
    if (!name || !DEEPSPEED.has(name)) continue;
    const label = workerPath.join(".");
    const argsPath = [...workerPath, "strategy_args"];
    const composedName = nodeAt(resolved.composed, [...argsPath, "strategy_name"]);
    const namePos = composedName?.pos ?? worker.pos ?? { file, line: 1, column: 1 };
    if (namePos.file !== primary) {
      finding(
        "warning",
        "written-elsewhere",
        namePos,
        `${label}: "${name}" is set in another file; migrate that file.`,
      );
      continue;
    }
    if (name === "diffusion_deepspeed_train") {
      finding(
        "warning",
        "no-counterpart",
        namePos,
        `${label}: ROLL 0.3 removed diffusion_deepspeed_train with the reward-FL pipeline; no counterpart, left as is.`,
      );
      continue;
    }
    const args = docMapAt(doc.contents, argsPath);
    const namePair = pairOf(args, "strategy_name");
    if (
      !args ||
      !namePair ||
      !isScalar(namePair.value) ||
      posAt(namePair.value.range[0]).line !== namePos.line
    ) {
      finding(
        "warning",
        "not-located",
        namePos,
        `${label}: cannot locate strategy_name in the file; left as is.`,
      );
      continue;
    }

    const configNode = entryNode(entryNode(worker, "strategy_args"), "strategy_config");
    const plain = configNode ? toPlain(configNode) : null;
    const ds: Plain = isPlainObject(plain) ? plain : {};
    const stage = zeroStage(ds);
    const configPair = pairOf(args, "strategy_config");
    const configPos = configPair ? posAt(configPair.key.range[0]) : namePos;
    if (stage === undefined) {
      finding("warning", "bad-stage", configPos, `${label}: zero_optimization.stage is not 0-3; left as is.`);
      continue;
    }
    const row = strategyRow(name as "deepspeed_train" | "deepspeed_infer", stage);
    const preset = interpolatedRoot(nodeAt(resolved.composed, [...argsPath, "strategy_config"]));
    const via = preset ? ` (${preset})` : "";
    if (name === "deepspeed_train" && stage === 0) {
      finding(
        "warning",
        "zero0-train",
        configPos,
        `${label}: ROLL 0.2's deepspeed_train refused ZeRO stage 0${via}; migrated like stage 1-2 (reshard_after_forward: false).`,
      );
    }
    if (row.to === "hf_infer") {
      finding(
        "warning",
        "unsharded-infer",
        configPos,
        `${label}: deepspeed_infer with ZeRO stage ${stage}${via} shards nothing (ROLL 0.2 refused it); migrated to hf_infer.`,
      );
    }

    let settings: Fsdp2Config | null = null;
    if (row.config === "fsdp2") {
      const worldSize = worldSizeOf(worker);
      settings = fsdp2Settings(ds, stage, worldSize);
      if (worldSize === undefined) {
        const ulysses = scalarNumber(entryNode(entryNode(worker, "model_args"), "ulysses_size"));
        finding(
          ulysses !== undefined && ulysses > 1 ? "warning" : "info",
          "fsdp-size",
          configPos,
          `${label}: world size unknown (device_mapping not readable), fsdp_size not written` +
            (ulysses !== undefined && ulysses > 1
              ? `; ROLL asserts fsdp_size >= ulysses_size (${ulysses}).`
              : "."),
        );
      }
      if (settings.offload_policy && optimizerOnlyOffload(ds, stage)) {
        finding(
          "info",
          "offload-widens",
          configPos,
          `${label}: the preset${via} offloaded only the optimizer; FSDP2's offload_policy also offloads parameters and gradients.`,
        );
      }
    }

    // What happens to every DeepSpeed key: warnings for the dropped behaviour, one note for the rest.
    const dropped: Partial<Record<KeyFate, string[]>> = {};
    for (const { key, value } of leaves(ds)) {
      const fate = keyRow(key, value, ds, stage);
      if (fate.fate === "mapped") continue;
      if (fate.fate === "no-counterpart") {
        const at = nodeAt(configNode, key.split("."))?.pos ?? configPos;
        finding(
          "warning",
          "no-counterpart",
          at,
          `${label}: ${key}: ${JSON.stringify(value)} has no counterpart in ROLL 0.3's ${row.to}; dropped.`,
        );
      } else {
        dropped[fate.fate] = [...(dropped[fate.fate] ?? []), key];
      }
    }
    const noted = (Object.entries(dropped) as [KeyFate, string[]][]).map(
      ([fate, keys]) => `${FATE_TEXT[fate]}: ${keys.join(", ")}`,
    );
    if (noted.length > 0) finding("info", "dropped", configPos, `${label}: dropped ${noted.join("; ")}.`);

    edits.push({
      start: namePair.value.range[0],
      end: namePair.value.range[1],
      text: sameStyle(namePair.value, row.to),
    });
    const configEdits = strategyConfigEdits(original, args, namePair, configPair, settings, eol);
    if (!configEdits) {
      finding(
        "warning",
        "not-located",
        configPos,
        `${label}: strategy_config is neither a value nor a mapping; left as is.`,
      );
      edits.pop();
      continue;
    }
    edits.push(...configEdits);
    workers.push({ path: label, from: name, to: row.to, settings, ...(preset ? { preset } : {}) });
  }

  const afterStrategies = applyEdits(original, edits);
  const removedDefaults: string[] = [];
  edits.push(
    ...defaultsEdits(original, doc.contents, file, afterStrategies, posAt, finding, removedDefaults),
  );
  return {
    file,
    original,
    migrated: applyEdits(original, edits),
    workers,
    removedDefaults,
    findings,
    originalLine: originalLineOf(original, edits),
  };
}

const FATE_TEXT: Record<KeyFate, string> = {
  mapped: "mapped",
  "roll-fills": "as ROLL 0.3 reads them from training_args",
  builtin: "as FSDP2 already behaves so",
  inert: "as they had no effect",
  "no-counterpart": "with no counterpart",
};

/** Worker configs: mappings with a `strategy_args.strategy_name` (top-level roles, rewards.*, …). */
function* workersIn(node: Node, path: string[]): Generator<{ path: string[]; worker: DictNode }> {
  if (node.kind !== "dict") return;
  if (scalarText(entryNode(entryNode(node, "strategy_args"), "strategy_name")) !== undefined)
    yield { path, worker: node };
  for (const entry of node.entries.values()) {
    if (typeof entry.key === "string" && entry.key !== "strategy_args")
      yield* workersIn(entry.node, [...path, entry.key]);
  }
}

function entryNode(node: Node | undefined, key: Key): Node | undefined {
  return node?.kind === "dict" ? getEntry(node, key)?.node : undefined;
}

function nodeAt(node: Node | undefined, path: string[]): Node | undefined {
  return path.reduce<Node | undefined>((current, key) => entryNode(current, key), node);
}

function scalarText(node: Node | undefined): string | undefined {
  return node?.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
}

function scalarNumber(node: Node | undefined): number | undefined {
  if (node?.kind !== "scalar") return undefined;
  return typeof node.value === "bigint"
    ? Number(node.value)
    : typeof node.value === "number"
      ? node.value
      : undefined;
}

const isPlainObject = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** `${deepspeed_zero3}` -> "deepspeed_zero3" (the whole value is one interpolation of a root key). */
function interpolatedRoot(node: Node | undefined): string | undefined {
  const text = scalarText(node);
  return text ? /^\$\{([A-Za-z_][\w-]*)\}$/.exec(text)?.[1] : undefined;
}

/** len(device_mapping) / num_gpus_per_worker, as ROLL's WorkerConfig.__post_init__ computes world_size. */
function worldSizeOf(worker: DictNode): number | undefined {
  const mapping = entryNode(worker, "device_mapping");
  let devices: number | undefined;
  if (mapping?.kind === "list") devices = mapping.items.length;
  else if (mapping?.kind === "scalar" && typeof mapping.value === "string") {
    const parsed = parseDeviceMapping(mapping.value);
    if (parsed.ok) devices = parsed.devices.length;
  } else if (mapping === undefined || (mapping.kind === "scalar" && mapping.value === null)) {
    return scalarNumber(entryNode(worker, "world_size"));
  }
  const perWorker = scalarNumber(entryNode(worker, "num_gpus_per_worker")) ?? 1;
  if (devices === undefined || devices === 0 || perWorker < 1) return undefined;
  return Math.floor(devices / perWorker);
}

function docMapAt(contents: unknown, path: string[]): unknown {
  let current: unknown = contents;
  for (const key of path) {
    current = pairOf(current, key)?.value ?? undefined;
    if (!isMap(current)) return undefined;
  }
  return current;
}

function renderBlock(settings: Fsdp2Config, indent: number, eol: string): string {
  return Object.entries(settings)
    .map(([key, value]) => `${" ".repeat(indent)}${key}: ${String(value)}`)
    .join(eol);
}

/** The edits that give strategy_config its new value, keeping any comment on the key's line. */
function strategyConfigEdits(
  text: string,
  args: unknown,
  namePair: ParsedPair,
  configPair: ParsedPair | undefined,
  settings: Fsdp2Config | null,
  eol: string,
): TextEdit[] | undefined {
  const keyColumn = (pair: ParsedPair) => pair.key.range[0] - lineStart(text, pair.key.range[0]);
  const argsIndent = isMap(args) ? keyColumn(namePair) : 0;
  if (!configPair) {
    // strategy_config came from elsewhere (or ROLL's default): write one under strategy_name.
    const at = lineEnd(text, namePair.value!.range[1]);
    const head = `${eol}${" ".repeat(argsIndent)}strategy_config:`;
    const body = settings ? `${eol}${renderBlock(settings, argsIndent + 2, eol)}` : " ~";
    return [{ start: at, end: at, text: head + body }];
  }
  const value = configPair.value as ParsedNode | null;
  const colon = text.indexOf(":", configPair.key.range[1]);
  const childIndent = keyColumn(configPair) + 2;
  const keyLineEnd = lineEnd(text, colon);
  if (value === null) {
    return settings
      ? [{ start: keyLineEnd, end: keyLineEnd, text: `${eol}${renderBlock(settings, childIndent, eol)}` }]
      : [];
  }
  const inline = isScalar(value) || (isCollection(value) && value.flow === true);
  if (inline) {
    if (!settings) return [{ start: value.range[0], end: value.range[1], text: "~" }];
    // Drop the value (and the spaces after it when no comment follows); the block goes below the key line.
    const end = lineEnd(text, value.range[1]);
    const cut = isBlank(text.slice(value.range[1], end)) ? end : value.range[1];
    return [
      { start: colon + 1, end: cut, text: "" },
      { start: end, end, text: `${eol}${renderBlock(settings, childIndent, eol)}` },
    ];
  }
  if (isMap(value) && !value.flow) {
    // An inline DeepSpeed mapping: replaced whole (its comments were about DeepSpeed keys). Its range runs
    // past the last line's newline, which stays.
    const firstKeyColumn = value.range[0] - lineStart(text, value.range[0]);
    let last = value.range[1];
    while (last > value.range[0] && /\s/.test(text[last - 1]!)) last--;
    const mapEnd = lineEnd(text, last);
    if (!settings) {
      return [
        { start: colon + 1, end: colon + 1, text: " ~" },
        { start: keyLineEnd, end: mapEnd, text: "" },
      ];
    }
    return [{ start: keyLineEnd, end: mapEnd, text: `${eol}${renderBlock(settings, firstKeyColumn, eol)}` }];
  }
  return undefined;
}

/** Removes defaults entries whose file holds only DeepSpeed configs no longer referenced. */
function defaultsEdits(
  text: string,
  contents: unknown,
  file: string,
  afterStrategies: string,
  posAt: (offset: number) => SourcePos,
  finding: (severity: "warning" | "info", code: string, pos: SourcePos, message: string) => void,
  removed: string[],
): TextEdit[] {
  const pair = pairOf(contents, "defaults");
  if (!pair || !isSeq(pair.value) || pair.value.flow) return [];
  const items = pair.value.items as ParsedNode[];
  const stillUsed = interpolationRoots(afterStrategies);
  const ranges: [number, number][] = [];
  let kept = 0;
  for (const item of items) {
    const deepspeedRoots =
      isScalar(item) && typeof item.value === "string" ? deepspeedOnly(item.value, file) : undefined;
    if (!deepspeedRoots) {
      kept++;
      continue;
    }
    const used = deepspeedRoots.filter((root) => stillUsed.has(root));
    const itemLine = lineStart(text, item.range[0]);
    if (used.length > 0 || !/^[ \t]*-[ \t]+$/.test(text.slice(itemLine, item.range[0]))) {
      kept++;
      if (used.length > 0)
        finding(
          "warning",
          "defaults-kept",
          posAt(item.range[0]),
          `defaults entry kept: \${${used[0]}} is still interpolated in the migrated file.`,
        );
      continue;
    }
    ranges.push([itemLine, nextLine(text, item.range[1])]);
    removed.push(String((item as { value: unknown }).value));
  }
  if (ranges.length === 0) return [];
  if (kept === 0) {
    const keyLine = lineStart(text, pair.key.range[0]);
    if (/^defaults[ \t]*:[ \t]*(#.*)?\r?$/.test(text.slice(keyLine, lineEnd(text, keyLine))))
      ranges.unshift([keyLine, nextLine(text, keyLine)]);
  }
  // Merge adjacent line ranges; a block removed from the top of the file (or after a blank line) takes
  // one following blank line with it, as ROLL's own examples did.
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && last[1] === range[0]) last[1] = range[1];
    else merged.push([...range]);
  }
  for (const range of merged) {
    const before = range[0] === 0 ? "" : text.slice(lineStart(text, range[0] - 1), range[0] - 1);
    const following = text.slice(range[1], lineEnd(text, range[1]));
    if (kept === 0 && isBlank(before) && range[1] < text.length && isBlank(following))
      range[1] = nextLine(text, range[1]);
  }
  return merged.map(([start, end]) => ({ start, end, text: "" }));
}

/** The root keys a defaults entry merges, when its file holds only DeepSpeed configs; else undefined. */
function deepspeedOnly(entry: string, primaryFile: string): string[] | undefined {
  const match = /^([^@\s]+)(?:@(\S+))?$/.exec(entry.trim());
  if (!match || match[1] === "_self_") return undefined;
  const [, path, pkg] = match;
  const base = dirname(primaryFile);
  const target = resolvePath(base, path!.startsWith("/") ? path!.slice(1) : path!);
  const candidate = target.endsWith(".yaml") ? target : `${target}.yaml`;
  if (!existsSync(candidate)) return undefined;
  let node: Node;
  try {
    node = loadYamlFile(candidate);
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
  if (node.kind !== "dict" || node.entries.size === 0) return undefined;
  const roots: string[] = [];
  for (const { key, node: value } of node.entries.values()) {
    if (typeof key !== "string" || value.kind !== "dict" || !getEntry(value, "zero_optimization"))
      return undefined;
    roots.push(key);
  }
  if (pkg && pkg !== "_here_") roots.push(pkg.split(".")[0]!);
  return roots;
}

/** First segments of every `${…}` in the file's scalar values (resolver names such as `now:` excluded). */
function interpolationRoots(text: string): Set<string> {
  const roots = new Set<string>();
  const doc = parseDocument(text, { version: "1.1", uniqueKeys: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== "string") return;
      for (const m of node.value.matchAll(/\$\{\s*([^.:}[\s]+)(?=[.}[\s])/g)) roots.add(m[1]!);
    },
  });
  return roots;
}
