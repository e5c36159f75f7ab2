// Public API of @roll/config-migration.
export type { Fsdp2Config } from "./derive.js";
export * from "./mapping.js";
export {
  type MigrateOptions,
  MigrationError,
  type MigrationFinding,
  type MigrationResult,
  type MigrationTarget,
  migrateFile,
  type WorkerMigration,
} from "./migrate.js";
