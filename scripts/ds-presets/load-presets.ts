// Reads presets/: each `<stem>.yaml` (one top-level key = stem, as ROLL writes them) with its `<stem>.meta.yaml`.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { PresetDefinition, PresetObject } from "../../packages/ds-presets/src/types.js";
import type { Catalogue } from "./deepspeed-catalogue.js";
import { validateMeta } from "./meta.js";
import { minDeepSpeed } from "./min-deepspeed.js";
import { errorAt, PresetSourceError } from "./source-error.js";
import { toTypedValues } from "./yaml-values.js";

export interface LoadedPreset {
  definition: PresetDefinition;
  /** The preset file's bytes, written unchanged (after a banner) wherever a YAML form is needed. */
  sourceText: string;
}

const STEM = /^[a-z][a-z0-9_]*$/;

export function loadPresets(presetsDir: string, catalogue: Catalogue): LoadedPreset[] {
  const files = readdirSync(presetsDir).filter((f) => f.endsWith(".yaml") && !f.endsWith(".meta.yaml"));
  for (const f of readdirSync(presetsDir).filter((f) => f.endsWith(".meta.yaml"))) {
    if (!files.includes(f.replace(/\.meta\.yaml$/, ".yaml"))) {
      throw new PresetSourceError(join(presetsDir, f), 1, 1, "metadata without a preset file next to it");
    }
  }
  return files.sort().map((file) => loadPreset(presetsDir, file, catalogue));
}

function loadPreset(presetsDir: string, file: string, catalogue: Catalogue): LoadedPreset {
  const name = file.replace(/\.yaml$/, "");
  const path = join(presetsDir, file);
  if (!STEM.test(name)) throw new PresetSourceError(path, 1, 1, `file stem "${name}" must match ${STEM}`);
  const sourceText = readFileSync(path, "utf8");
  const lineCounter = new LineCounter();
  const fail = errorAt(path, lineCounter);
  const doc = parseDocument(sourceText, { version: "1.1", lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) throw fail(doc.errors[0]!.pos[0], doc.errors[0]!.message.split("\n")[0]!);
  const root = doc.contents;
  if (!isMap(root) || root.items.length !== 1) {
    throw fail(root?.range?.[0], `a preset has exactly one top-level key, "${name}" (the file stem)`);
  }
  const [pair] = root.items;
  if (!isScalar(pair!.key) || pair!.key.value !== name) {
    throw fail(isScalar(pair!.key) ? pair!.key.range?.[0] : undefined, `the top-level key must be "${name}"`);
  }
  if (!isMap(pair!.value))
    throw fail(isScalar(pair!.value) ? pair!.value.range?.[0] : 0, "the preset must be a mapping");
  const typed = toTypedValues(pair!.value, fail);
  const config = typed.value as PresetObject;

  const metaPath = join(presetsDir, `${name}.meta.yaml`);
  if (!existsSync(metaPath))
    throw new PresetSourceError(path, 1, 1, `missing metadata file ${name}.meta.yaml`);
  const meta = validateMeta(metaPath, readFileSync(metaPath, "utf8"));
  // ROLL's originals must stay byte-identical to upstream: the recorded sha256 guards against edits.
  for (const source of meta.sources) {
    if (source.sha256 && source.sha256 !== sha256(sourceText)) {
      throw new PresetSourceError(path, 1, 1, `content differs from ${source.ref} (sha256 ${source.sha256})`);
    }
  }

  const zero = (config.zero_optimization ?? {}) as PresetObject;
  const stage = zero.stage ?? 0;
  if (stage !== 0 && stage !== 1 && stage !== 2 && stage !== 3)
    throw fail(0, `zero_optimization.stage must be 0-3`);
  const deviceOf = (block: unknown) =>
    ((block as PresetObject | undefined)?.device ?? "none") as PresetDefinition["offload"]["optimizer"];
  const min = minDeepSpeed(config, catalogue, (keyPath, reason) =>
    fail(offsetOfPath(doc, [name, ...keyPath.split(".")]), reason),
  );

  const definition: PresetDefinition = {
    name,
    ...meta,
    stage,
    offload: {
      optimizer: deviceOf(zero.offload_optimizer),
      // DeepSpeed hands offload_param only to the stage-3 optimizer; below that it is ignored.
      param: stage === 3 ? deviceOf(zero.offload_param) : "none",
    },
    minDeepSpeed: min.version,
    minDeepSpeedBecause: min.because,
    rollStrategies: [
      ...(stage > 0 ? ["deepspeed_train" as const] : []),
      ...(stage === 3 ? ["deepspeed_infer" as const] : []),
    ],
    floatPaths: typed.floatPaths,
    mandatoryPaths: typed.mandatoryPaths,
    config,
  };
  return { definition, sourceText };
}

function offsetOfPath(doc: ReturnType<typeof parseDocument>, keys: string[]): number | undefined {
  const node = doc.getIn(keys.slice(0, -1), true) as unknown;
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === keys[keys.length - 1]);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
