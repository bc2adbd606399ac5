import "server-only";

import { env } from "~/env";

import { createDb, type Db, type DbHandle } from "@marketable/db";

/**
 * One database handle per server process, kept on globalThis so that Next's module reloading
 * never opens PGlite twice (docs/toolchain.md pitfall 7). Opened on first use, never at import.
 */
const holder = globalThis as unknown as { __marketableDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  holder.__marketableDb ??= createDb(env().DATABASE_URL);
  return holder.__marketableDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the handle if one was opened (shutdown): PGlite checkpoints and closes its files. */
export async function closeDbHandle(): Promise<void> {
  const opened = holder.__marketableDb;
  if (!opened) return;
  holder.__marketableDb = undefined;
  await (await opened).close();
}
