// Which DeepSpeed keys exist and since which release, from @roll/deepspeed's reference catalogues (src/data/).
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export type Version = readonly [number, number, number];

interface CatalogueField {
  name: string;
  aliases?: string[];
  since?: string | null;
  subfields?: { name: string }[];
}

export interface Catalogue {
  /** Dotted key path -> `since` text (undefined when the key predates the catalogue's history). */
  since: Map<string, string | undefined>;
}

const dataFile = (name: string) => new URL(`../../packages/deepspeed/src/data/${name}`, import.meta.url);
const supplementFile = new URL("./data/since-supplement.yaml", import.meta.url);

export function loadCatalogue(): Catalogue {
  const since = new Map<string, string | undefined>();
  const top = JSON.parse(readFileSync(dataFile("top-level-fields.json"), "utf8")) as {
    fields: CatalogueField[];
  };
  for (const field of top.fields) {
    since.set(field.name, field.since ?? undefined);
    for (const sub of field.subfields ?? []) since.set(`${field.name}.${sub.name}`, undefined);
  }
  const zero = JSON.parse(readFileSync(dataFile("zero-config-fields.json"), "utf8")) as {
    fields: CatalogueField[];
  };
  for (const field of zero.fields) {
    for (const name of [field.name, ...(field.aliases ?? [])]) {
      since.set(`zero_optimization.${name}`, field.since ?? undefined);
    }
  }
  const supplement = parse(readFileSync(supplementFile, "utf8")) as Record<string, { since: string }>;
  for (const [path, entry] of Object.entries(supplement)) since.set(path, entry.since);
  return { since };
}

/** "v0.7.0 (v0.3.12-v0.6.x spelled ...)" -> [0, 7, 0]; anything not starting with a release -> undefined. */
export function parseSince(text: string): Version | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `path` has catalogued children, so an unlisted child is a typo DeepSpeed would reject or ignore. */
export function hasListedChildren(catalogue: Catalogue, path: string): boolean {
  if (path === "") return true;
  const prefix = `${path}.`;
  for (const key of catalogue.since.keys()) if (key.startsWith(prefix)) return true;
  return false;
}
