// Which files under a directory are primary ROLL configs. A primary composes as a pipeline config: its
// composed top level has a worker (actor_train, sft_train, student, …). Presets and variable files reached
// only as defaults entries (examples/config/*) have none, so they are not validated on their own.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Node } from "@roll/config-resolver";
import { DataclassCatalogue, PIPELINE_ROOT_CLASS, type RollPipeline } from "./dataclass-catalogue.js";

const SKIPPED_DIRS = new Set(["node_modules", "__pycache__"]);

/** Every `.yaml`/`.yml` file below `dir`, sorted; hidden entries and node_modules are skipped. */
export function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const visit = (at: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) visit(path);
      } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(path);
    }
  };
  visit(dir);
  return out;
}

let workerKeys: Set<string> | undefined;

/** Top-level fields of any pipeline's root class, in any release, whose type is a WorkerConfig. */
export function pipelineWorkerKeys(): ReadonlySet<string> {
  if (workerKeys) return workerKeys;
  workerKeys = new Set();
  for (const release of ["0.2", "0.3"] as const) {
    const catalogue = DataclassCatalogue.forRelease(release);
    for (const pipeline of Object.keys(PIPELINE_ROOT_CLASS) as RollPipeline[]) {
      const root = catalogue.pipelineClass(pipeline);
      if (!root) continue;
      for (const field of root.fields.values()) {
        const arms = field.type.kind === "union" ? field.type.options : [field.type];
        if (arms.some((t) => catalogue.classOf(t, root.module)?.lineage.includes("WorkerConfig")))
          workerKeys.add(field.name);
      }
    }
  }
  return workerKeys;
}

/** The string keys at the top of a YAML/config tree. */
export function topLevelKeys(node: Node): string[] {
  if (node.kind !== "dict") return [];
  return [...node.entries.values()].flatMap((e) => (typeof e.key === "string" ? [e.key] : []));
}

export function hasWorker(keys: readonly string[]): boolean {
  const workers = pipelineWorkerKeys();
  return keys.some((k) => workers.has(k));
}
