// @roll/preset-sync: vendoring @roll/ds-presets into a ROLL repository's examples/config/ — the stamp on each
// copy, the sync plan (what may be written without --force), the shipped history and the key-by-key diff.
export {
  historyWithInstalled,
  type PresetHistory,
  presetAt,
  readShippedHistory,
  releasesWith,
} from "./history.js";
export { unifiedDiff } from "./line-diff.js";
export {
  changelogBetween,
  compareVersions,
  type DefaultInfo,
  type DefaultLookup,
  diffPresetVersions,
  type Effect,
  flattenPreset,
  type KeyChange,
} from "./preset-diff.js";
export { shippedPackage, shippedPresets, shippedYaml, userYaml, withoutGeneratorBanner } from "./shipped.js";
export { hashBody, type ParsedVendored, readStamp, type Stamp, stampFile } from "./stamp.js";
export {
  checkedIn,
  type PackageInfo,
  type PlanItem,
  planSync,
  type ShippedPreset,
  type VendorState,
  writesWithoutForce,
} from "./sync.js";
