import { createDb } from "../client";
import { ConfigError, describeDatabaseUrl } from "./databaseUrl";
import { pendingMigrations } from "./schemaStatus";

/**
 * A process's start-up check of its database: it answers within `timeoutMs`, and (unless the
 * process migrates it itself) it has every checked-in migration. Throws a ConfigError whose
 * message is the one line to print.
 */
export async function checkDatabase(url: string | undefined, options: { timeoutMs?: number; requireMigrated: boolean }): Promise<void> {
  const where = describeDatabaseUrl(url);
  const handle = await createDb(url, { poolSize: 1, connectTimeoutMs: options.timeoutMs ?? 5000 }).catch((error: unknown) => {
    throw new ConfigError(`DATABASE_URL: cannot open ${where}: ${oneLine(error)}`);
  });
  try {
    await handle.pool.query("select 1").catch((error: unknown) => {
      throw new ConfigError(`DATABASE_URL: cannot reach ${where}: ${oneLine(error)}`);
    });
    if (!options.requireMigrated) return;
    const pending = await pendingMigrations(handle.db);
    if (pending.length > 0) {
      throw new ConfigError(
        `DATABASE_URL: the schema of ${where} is older than the code (${pending.length} pending migration${pending.length === 1 ? "" : "s"}, first ${pending[0]}): run the migrations first`,
      );
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return message.replace(/\s+/g, " ").trim();
}
