/** Where DeepSpeed keeps a partitioned state: on the GPU ("none"), in CPU memory, or on NVMe. */
export type OffloadDevice = "none" | "cpu" | "nvme";

/** A JSON value as it appears in a preset (numbers lose int/float-ness: see `floatPaths`). */
export type PresetValue = string | number | boolean | null | readonly PresetValue[] | PresetObject;
export interface PresetObject {
  readonly [key: string]: PresetValue;
}

export interface PresetSource {
  /** `owner/repo@commit:path` */
  readonly ref: string;
  readonly note?: string;
  /** sha256 of the upstream file, for presets copied byte for byte. */
  readonly sha256?: string;
}

export interface PresetDefinition {
  /** File stem and the preset's top-level key in Hydra YAML, e.g. "deepspeed_zero3". */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  /** "roll": ROLL's original file, unchanged. "roll-config": added by this project. */
  readonly origin: "roll" | "roll-config";
  readonly stage: 0 | 1 | 2 | 3;
  /** What DeepSpeed actually offloads (offload_param below stage 3 is ignored, so it counts as "none"). */
  readonly offload: { readonly optimizer: OffloadDevice; readonly param: OffloadDevice };
  /** Oldest DeepSpeed release that knows every key of the preset, e.g. "0.6.0". */
  readonly minDeepSpeed: string;
  /** The keys that set `minDeepSpeed`. */
  readonly minDeepSpeedBecause: readonly string[];
  /** ROLL releases that can include it (ROLL 0.3 removed DeepSpeed). */
  readonly rollReleases: readonly string[];
  /** ROLL strategies that accept its stage (train needs stage > 0, infer needs stage 3). */
  readonly rollStrategies: readonly ("deepspeed_train" | "deepspeed_infer")[];
  readonly license: string;
  readonly sources: readonly PresetSource[];
  readonly caveats: readonly string[];
  /** Dotted paths in `config` holding Python floats (JS shows 1.0e+9 as 1000000000). */
  readonly floatPaths: readonly string[];
  /** Dotted paths holding "???" (OmegaConf's mandatory marker): the user must set them. */
  readonly mandatoryPaths: readonly string[];
  /** The DeepSpeed config: the object under the preset's top-level key. */
  readonly config: PresetObject;
}
