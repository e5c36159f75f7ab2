// Validates `<stem>.meta.yaml`: the hand-written part of a preset's metadata.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { PresetDefinition, PresetSource } from "../../packages/ds-presets/src/types.js";
import { errorAt } from "./source-error.js";

export type HandWrittenMeta = Pick<
  PresetDefinition,
  "displayName" | "description" | "origin" | "rollReleases" | "license" | "sources" | "caveats"
>;

const ORIGINS = ["roll", "roll-config"] as const;
const SOURCE_KEYS = ["ref", "note", "sha256"];

export function validateMeta(file: string, text: string): HandWrittenMeta {
  const lineCounter = new LineCounter();
  const fail = errorAt(file, lineCounter);
  const doc = parseDocument(text, { version: "1.1", lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) throw fail(doc.errors[0]!.pos[0], doc.errors[0]!.message.split("\n")[0]!);
  const root = doc.contents;
  if (!isMap(root)) throw fail(0, "metadata must be a mapping");

  const fields = new Map<string, Node | null>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    fields.set(key, (pair.value as Node | null) ?? null);
    const known = ["displayName", "description", "origin", "rollReleases", "license", "sources", "caveats"];
    if (!known.includes(key)) {
      throw fail(
        isScalar(pair.key) ? pair.key.range?.[0] : 0,
        `unknown metadata key "${key}" (expected ${known.join(", ")})`,
      );
    }
  }
  const node = (key: string): Node => {
    const value = fields.get(key);
    if (!value) throw fail(root.range?.[0], `missing metadata key "${key}"`);
    return value;
  };
  const string = (value: Node, what: string): string => {
    if (!isScalar(value) || typeof value.value !== "string" || value.value.trim() === "") {
      throw fail(value.range?.[0], `${what} must be a non-empty string`);
    }
    return value.value.trim();
  };
  const strings = (value: Node, what: string): string[] => {
    if (!isSeq(value)) throw fail(value.range?.[0], `${what} must be a list of strings`);
    return value.items.map((item) => string(item as Node, `each entry of ${what}`));
  };

  const origin = string(node("origin"), "origin");
  if (!(ORIGINS as readonly string[]).includes(origin)) {
    throw fail(node("origin").range?.[0], `origin must be one of ${ORIGINS.join(", ")}`);
  }
  const sourcesNode = node("sources");
  if (!isSeq(sourcesNode) || sourcesNode.items.length === 0)
    throw fail(sourcesNode.range?.[0], "sources must be a non-empty list");
  const sources = sourcesNode.items.map((item): PresetSource => {
    if (!isMap(item))
      throw fail((item as Node).range?.[0], "each source is a mapping with ref, note, sha256");
    const entry: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!SOURCE_KEYS.includes(key))
        throw fail(isScalar(pair.key) ? pair.key.range?.[0] : 0, `unknown source key "${key}"`);
      entry[key] = string(pair.value as Node, `source ${key}`);
    }
    if (!entry.ref || !/^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S+$/.test(entry.ref)) {
      throw fail(item.range?.[0], "source ref must look like owner/repo@commit:path");
    }
    if (entry.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(entry.sha256)) {
      throw fail(item.range?.[0], "sha256 must be 64 hex digits");
    }
    return entry as unknown as PresetSource;
  });
  if (origin === "roll" && !sources.some((s) => s.ref.startsWith("alibaba/ROLL@") && s.sha256)) {
    throw fail(sourcesNode.range?.[0], "a ROLL original needs an alibaba/ROLL source with its sha256");
  }

  return {
    displayName: string(node("displayName"), "displayName"),
    description: string(node("description"), "description"),
    origin: origin as HandWrittenMeta["origin"],
    rollReleases: strings(node("rollReleases"), "rollReleases"),
    license: string(node("license"), "license"),
    sources,
    caveats: strings(node("caveats"), "caveats"),
  };
}
