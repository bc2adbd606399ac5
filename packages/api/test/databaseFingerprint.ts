import { sql } from "drizzle-orm";

import type { Db } from "@marketable/db";

/**
 * A hash of every row of every table in one query: the fuzz suite compares it after each
 * refusal (over a thousand calls per engine), and only on a difference reads `snapshotDatabase`
 * to show the changed tables' rows. `ignore` names bookkeeping tables a refusal may legitimately touch.
 */
export async function databaseFingerprint(db: Db, ignore: readonly string[] = []): Promise<Record<string, string>> {
  const tables = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const names = tables.rows.map((r) => r.tablename).filter((name) => !ignore.includes(name));
  const hashes = await db.execute<Record<string, string>>(
    sql.raw(
      `select ${names.map((n) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from "${n}" t) as "${n}"`).join(", ")}`,
    ),
  );
  return hashes.rows[0]!;
}
