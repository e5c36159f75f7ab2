/** Shape of the generated field catalogue (src/generated/field-catalog.ts). */

export interface ZeroFieldSpec {
  /** Dotted key as users write it (the pydantic alias where one exists), e.g. "offload_param.device". */
  name: string;
  /** The other spelling pydantic accepts through populate_by_name, e.g. "prefetch_bucket_size". */
  internalName?: string;
  type: string;
  /** Python default rendered for messages. */
  defaultText: string;
  /** First DeepSpeed release that knows the key, "major.minor.patch". */
  since: string;
  /** Raw `since` text when it says more than the version (e.g. unreleased master). */
  sinceNote?: string;
  /** ZeRO stages at which DeepSpeed uses the key; absent = any stage. */
  stages?: number[];
  min?: number;
  max?: number;
  deprecated?: { replacement?: string; note: string };
}

export interface TopLevelFieldSpec {
  name: string;
  /** Other accepted key names, e.g. "bfloat16" for bf16. */
  aliases: string[];
  type: string;
  /** Default rendered as JSON ("sys.maxsize" for Python's sys.maxsize). */
  defaultText: string;
  since?: string;
  sinceNote?: string;
  /** Parsed by a pydantic DeepSpeedConfigModel (extra="forbid"): unknown sub-keys raise. */
  strict: boolean;
  deprecated?: string;
  subfields: { name: string; type: string; defaultText: string }[];
}
