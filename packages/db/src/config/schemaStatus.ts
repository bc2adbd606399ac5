import fs from "node:fs";
import path from "node:path";

import { sql } from "drizzle-orm";

import type { Db } from "../client";
import { migrationsFolder } from "../migrate";

interface JournalEntry {
  tag: string;
  when: number;
}

/** The checked-in migrations, oldest first (drizzle-kit's journal). */
export function migrationJournal(folder = migrationsFolder()): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

/**
 * Which checked-in migrations the database has not applied. Drizzle's migrator records each
 * applied migration's journal timestamp and applies those newer than the latest record, so the
 * same comparison says what `migrate` would still do. A database newer than the code (a rolling
 * upgrade's old processes) has nothing pending and is fine.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const journal = migrationJournal();
  const latest = await latestAppliedMigration(db);
  return journal.filter((entry) => latest === null || entry.when > latest).map((entry) => entry.tag);
}

async function latestAppliedMigration(db: Db): Promise<number | null> {
  const exists = await db.execute<{ found: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as found`);
  if (!exists.rows[0]?.found) return null;
  const result = await db.execute<{ latest: string | null }>(sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`);
  const latest = result.rows[0]?.latest;
  return latest ? Number(latest) : null;
}
