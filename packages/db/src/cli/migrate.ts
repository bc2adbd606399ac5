import { defaultPgliteDir } from "../client";
import { describeDatabaseUrl } from "../config";
import { openMigratedDatabaseFromEnv } from "./openFromEnv";

/**
 * `pnpm db:migrate`: applies the checked-in migrations to DATABASE_URL from the environment or
 * the repository's `.env` (the embedded database only outside production), and says which.
 */
const { handle, url } = await openMigratedDatabaseFromEnv("migrate");
console.log(
  JSON.stringify({
    level: "info",
    msg: "migrations applied",
    kind: handle.kind,
    database: url ? describeDatabaseUrl(url) : defaultPgliteDir(),
  }),
);
await handle.close();
