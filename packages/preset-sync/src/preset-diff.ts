// `presets diff`: a semantic, key-by-key diff of a preset's DeepSpeed settings between two versions, saying
// for each change whether it alters what DeepSpeed does at run time.
import { loadYaml, type Node, pyStr } from "@roll/config-resolver";

export type Effect =
  /** DeepSpeed behaves differently. */
  | "runtime"
  /** DeepSpeed ignores the key or the value equals what it would use anyway. */
  | "none"
  /** The key's default differs between DeepSpeed releases, so the effect depends on the installed one. */
  | "depends-on-deepspeed";

export interface KeyChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
  effect: Effect;
  reason: string;
}

/** What DeepSpeed uses for a key the config leaves out. */
export interface DefaultInfo {
  /** Python repr-like text of the default, comparable with pyStr() of a value. */
  value: string;
  /** Set when the default changed between DeepSpeed releases (e.g. gradient_clipping at 0.19.3). */
  changedIn?: string;
}

export type DefaultLookup = (path: string) => DefaultInfo | undefined;

/** Leaf values of the preset's DeepSpeed object by dotted path, printed as Python prints them. */
export function flattenPreset(yamlText: string, file: string): Map<string, string> {
  const root = loadYaml(yamlText, file);
  const out = new Map<string, string>();
  if (root.kind !== "dict") return out;
  const [first] = root.entries.values();
  if (!first) return out;
  const walk = (node: Node, prefix: string) => {
    if (node.kind === "dict" && node.entries.size > 0) {
      for (const entry of node.entries.values())
        walk(entry.node, prefix ? `${prefix}.${String(entry.key)}` : String(entry.key));
    } else out.set(prefix, pyStr(node));
  };
  walk(first.node, "");
  return out;
}

function stageOf(values: Map<string, string>): number {
  return Number(values.get("zero_optimization.stage") ?? "0");
}

function classify(
  path: string,
  before: string | undefined,
  after: string | undefined,
  stages: [number, number],
  defaults: DefaultLookup,
): { effect: Effect; reason: string } {
  if (path.startsWith("zero_optimization.offload_param") && stages[0] < 3 && stages[1] < 3)
    return { effect: "none", reason: "DeepSpeed ignores offload_param below ZeRO stage 3" };
  const info = defaults(path);
  const effective = (v: string | undefined) => (v === undefined || v === "auto" ? info?.value : v);
  if (info && effective(before) === effective(after)) {
    if (info.changedIn)
      return {
        effect: "depends-on-deepspeed",
        reason: `equals the DeepSpeed default ${info.value}, but that default changed in DeepSpeed ${info.changedIn}`,
      };
    return {
      effect: "none",
      reason: `DeepSpeed's default is ${info.value} ("auto" and absent mean the same)`,
    };
  }
  if ((before === undefined || after === undefined) && info?.changedIn)
    return {
      effect: "runtime",
      reason: `DeepSpeed's default (${info.value}) applies when absent, and it changed in DeepSpeed ${info.changedIn}`,
    };
  return { effect: "runtime", reason: "DeepSpeed runs with a different value" };
}

export function diffPresetVersions(
  fromYaml: string,
  toYaml: string,
  defaults: DefaultLookup = () => undefined,
): KeyChange[] {
  const a = flattenPreset(fromYaml, "<from>");
  const b = flattenPreset(toYaml, "<to>");
  const stages: [number, number] = [stageOf(a), stageOf(b)];
  const changes: KeyChange[] = [];
  for (const [path, before] of a) {
    const after = b.get(path);
    if (after === before) continue;
    const kind = after === undefined ? "removed" : "changed";
    changes.push({
      path,
      kind,
      before,
      ...(after !== undefined && { after }),
      ...classify(path, before, after, stages, defaults),
    });
  }
  for (const [path, after] of b) {
    if (a.has(path)) continue;
    changes.push({ path, kind: "added", after, ...classify(path, undefined, after, stages, defaults) });
  }
  return changes;
}

/** The CHANGELOG.md sections (## <version>) after `from` up to and including `to`, newest first. */
export function changelogBetween(changelog: string, from: string, to: string): string[] {
  const sections = changelog.split(/^## /m).slice(1);
  const cmp = compareVersions;
  return sections
    .filter((s) => {
      const v = s.split("\n", 1)[0]!.trim();
      return cmp(v, from) > 0 && cmp(v, to) <= 0;
    })
    .map((s) => `## ${s.trimEnd()}`);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
