// Public API of @roll/config-resolver.
export { ConfigError, type ErrorLink, isConfigError } from "./errors.js";
export { type Composed, type ComposeOptions, compose, type DefaultsEntry } from "./hydra/compose.js";
export type { HydraWarning, HydraWarningCode } from "./hydra/config-repository.js";
export * from "./model.js";
export { Budget, LIMITS, type Limits, type WorkCounts } from "./omegaconf/budget.js";
export { type InterpolationOptions, resolveTree, validateInterpolations } from "./omegaconf/resolve.js";
export { selectNode } from "./omegaconf/select.js";
export {
  type JsonOptions,
  type NonFiniteFloat,
  nonFiniteFloats,
  pyJsonKey,
  toPlain,
  toPythonJson,
} from "./output/json.js";
export { toYaml } from "./output/yaml.js";
export { pyRepr, pyStr } from "./python/format.js";
export { type ResolveOptions, type ResolveResult, resolve } from "./resolve.js";
export { loadYaml, loadYamlFile } from "./yaml/load.js";
