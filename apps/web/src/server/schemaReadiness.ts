import "server-only";

import { pendingMigrations, type Db } from "@marketable/db";

/**
 * The migrations this process's code expects but the database lacks; empty once it is current.
 * A current schema stays current for the life of the process (code does not change under it),
 * so after the first empty answer health stops asking.
 */
let current = false;

export async function pendingMigrationsOnce(db: Db): Promise<string[]> {
  if (current) return [];
  const pending = await pendingMigrations(db);
  current = pending.length === 0;
  return pending;
}
