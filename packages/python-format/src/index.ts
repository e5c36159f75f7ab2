export { floatRepr, jsonFloat, yamlFloat } from "./float.js";
export {
  type DumpsOptions,
  dumpsTree,
  type JsonShape,
  JsonText,
  jsonString,
  type StringOptions,
} from "./json.js";
export { dumps, type PlainJsonOptions } from "./plain-json.js";
