import { createDb } from "../client";
import { checkDatabase } from "../config/checkDatabase";
import { exitWithConfigError, loadRootEnv, resolveDatabaseUrl } from "../config";
import { runMigrations } from "../migrate";
import { demoSignIns, seedDemo } from "../seed/demo";

/** `pnpm db:seed`: migrates, then seeds the demo agencies once (asked for explicitly: never in production by default). */
loadRootEnv();
let url: string | undefined;
try {
  url = resolveDatabaseUrl(process.env);
  await checkDatabase(url, { requireMigrated: false });
} catch (error) {
  exitWithConfigError(error, "seed cannot start");
}
const handle = await createDb(url);
await runMigrations(handle.db);
const { created } = await seedDemo(handle.db);
console.log(created ? "Demo agencies seeded. Sign in with:" : "Demo agencies already present. Sign in with:");
for (const line of demoSignIns()) console.log(`  ${line}`);
await handle.close();
