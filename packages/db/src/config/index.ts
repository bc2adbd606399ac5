// The light half of configuration (no database driver loads): processes check their settings
// with these before importing the rest. checkDatabase and pendingMigrations come from the index.
export { findRepoRoot, loadRootEnv } from "./rootEnv";
export { ConfigError, describeDatabaseUrl, resolveDatabaseUrl } from "./databaseUrl";
export { exitWithConfigError } from "./exitWithConfigError";
export { keyringFromEnv } from "../crypto/secretBox";
