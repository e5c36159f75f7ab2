// @roll/language-server: a language server for ROLL's Hydra YAML configs.
export { codeActions, completion, definition, hover, toLspDiagnostic, utf16Column } from "./features.js";
export {
  type Analysis,
  type Composition,
  looksLikePrimary,
  Project,
  type ProjectOptions,
} from "./project.js";
export { SchemaNavigator } from "./schema-nav.js";
export { type InitializationOptions, type ServerOptions, startServer } from "./server.js";
