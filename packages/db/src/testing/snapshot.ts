import { sql } from "drizzle-orm";

import type { Db } from "../client";

/**
 * Every row of every table, as JSON, ordered: compare before and after a refused call to prove
 * that the database is unchanged.
 */
export async function snapshotDatabase(db: Db): Promise<Record<string, unknown[]>> {
  const tables = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { tablename } of tables.rows) {
    const rows = await db.execute(sql.raw(`select to_jsonb(t)::text as row from "${tablename}" t order by 1`));
    snapshot[tablename] = rows.rows.map((r) => (r as { row: string }).row);
  }
  return snapshot;
}
