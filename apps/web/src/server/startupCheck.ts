import { env } from "~/env";

import { checkDatabase, exitWithConfigError } from "@marketable/db";

/**
 * The web process's start-up check: settings (env() throws a ConfigError), then the database
 * answers and, with PostgreSQL, has every migration. The embedded database is migrated by
 * bootEmbedded right after, so only its opening is checked there.
 */
export async function checkWebStartup(): Promise<void> {
  try {
    const settings = env();
    if (!settings.embedded) await checkDatabase(settings.DATABASE_URL, { requireMigrated: true });
  } catch (error) {
    exitWithConfigError(error, "web cannot start");
  }
}
