import fs from "node:fs";
import path from "node:path";

import { migrate } from "drizzle-orm/node-postgres/migrator";

import type { Db } from "./client";
import { migrationsDirFromEnv } from "./config/paths";

/**
 * The checked-in migrations folder. Resolved from `MARKETABLE_MIGRATIONS_DIR` or by walking up
 * from the current directory, never from `import.meta.url`, which points into Next's bundle
 * (docs/toolchain.md pitfall 7).
 */
export function migrationsFolder(): string {
  const fromEnv = migrationsDirFromEnv();
  if (fromEnv) return fromEnv;
  let dir = process.cwd();
  for (;;) {
    for (const candidate of [path.join(dir, "migrations"), path.join(dir, "packages", "db", "migrations")]) {
      if (fs.existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("Cannot find packages/db/migrations; set MARKETABLE_MIGRATIONS_DIR");
    dir = parent;
  }
}

export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: migrationsFolder() });
}
