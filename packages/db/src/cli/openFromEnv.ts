import { createDb, type DbHandle } from "../client";
import { exitWithConfigError, loadRootEnv, resolveDatabaseUrl } from "../config";
import { checkDatabase } from "../config/checkDatabase";
import { runMigrations } from "../migrate";

/**
 * The start shared by `db:migrate` and `db:seed`: the repository's `.env` under the environment,
 * the database it names checked (exit with one line naming the cause otherwise), then migrated.
 */
export async function openMigratedDatabaseFromEnv(command: string): Promise<{ handle: DbHandle; url: string | undefined }> {
  loadRootEnv();
  let url: string | undefined;
  try {
    url = resolveDatabaseUrl(process.env);
    await checkDatabase(url, { requireMigrated: false });
  } catch (error) {
    exitWithConfigError(error, `${command} cannot start`);
  }
  const handle = await createDb(url);
  await runMigrations(handle.db);
  return { handle, url };
}
