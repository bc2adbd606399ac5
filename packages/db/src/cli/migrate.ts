import { createDb, defaultPgliteDir } from "../client";
import { checkDatabase } from "../config/checkDatabase";
import { describeDatabaseUrl, exitWithConfigError, loadRootEnv, resolveDatabaseUrl } from "../config";
import { runMigrations } from "../migrate";

/**
 * `pnpm db:migrate`: applies the checked-in migrations to DATABASE_URL from the environment or
 * the repository's `.env` (the embedded database only outside production), and says which.
 */
loadRootEnv();
let url: string | undefined;
try {
  url = resolveDatabaseUrl(process.env);
  await checkDatabase(url, { requireMigrated: false });
} catch (error) {
  exitWithConfigError(error, "migrate cannot start");
}
const handle = await createDb(url);
await runMigrations(handle.db);
console.log(JSON.stringify({ level: "info", msg: "migrations applied", kind: handle.kind, database: url ? describeDatabaseUrl(url) : defaultPgliteDir() }));
await handle.close();
