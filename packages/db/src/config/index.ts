export { findRepoRoot, loadRootEnv } from "./rootEnv";
export { ConfigError, describeDatabaseUrl, resolveDatabaseUrl } from "./databaseUrl";
export { migrationJournal, pendingMigrations } from "./schemaStatus";
export { checkDatabase } from "./checkDatabase";
export { exitWithConfigError } from "./exitWithConfigError";
