import { createDb, runMigrations } from "@marketable/db";
import { logger } from "@marketable/logger";

/**
 * `node apps/worker/dist/migrate.js`: applies the checked-in migrations to DATABASE_URL, the
 * release step before new workers and web processes start. The compiled build carries its
 * migrations (`dist/migrations`), so it needs no source tree and no TypeScript runner.
 */
const handle = await createDb(process.env.DATABASE_URL);
await runMigrations(handle.db);
logger.info({ kind: handle.kind }, "migrations applied");
await handle.close();
