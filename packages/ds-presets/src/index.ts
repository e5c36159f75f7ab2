export { presetToDeepSpeedJson } from "./deepspeed-json.js";
export * from "./generated/index.js";
export { type PythonJsonOptions, pythonFloatRepr, toPythonJson } from "./python-json.js";
export type { OffloadDevice, PresetDefinition, PresetObject, PresetSource, PresetValue } from "./types.js";
