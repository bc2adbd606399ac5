/**
 * `node apps/worker/dist/reseal-secrets.js` (in a checkout: `pnpm --filter @marketable/worker
 * reseal-secrets`): key rotation's second step (docs/operations.md). With the new key first in
 * MARKETABLE_ENCRYPTION_KEYS and the old ones after it, every HubSpot token and alert-webhook
 * signing secret sealed with an older key is sealed again with the current one; then it says
 * which old keys seal nothing any more and may be removed. Settings as every entry: the
 * environment and the repository's `.env`.
 */
import {
  checkDatabase,
  ConfigError,
  createDb,
  exitWithConfigError,
  keyringFromEnv,
  loadRootEnv,
  resealSecrets,
  type Keyring,
} from "@marketable/db";

import { readResealEnv } from "./settings/cliEnv";

let databaseUrl: string | undefined;
let keyring: Keyring;
try {
  loadRootEnv();
  const settings = readResealEnv();
  databaseUrl = settings.databaseUrl;
  const embedded = !databaseUrl || databaseUrl.startsWith("pglite://");
  try {
    keyring = keyringFromEnv(settings.encryptionKeys, { allowDevelopmentKey: embedded });
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  await checkDatabase(databaseUrl, { requireMigrated: true });
} catch (error) {
  exitWithConfigError(error, "reseal-secrets cannot start");
}

const handle = await createDb(databaseUrl, { poolSize: 1 });
try {
  const current = keyring.current.version;
  const report = await resealSecrets(handle.db, keyring);
  console.log(
    `Re-sealed under key ${current}: ${report.resealed.connections} portal connection(s), ${report.resealed.alertWebhooks} alert webhook secret(s).`,
  );
  const inUse = Object.entries(report.versionsInUse).map(([version, count]) => `key ${version}: ${count}`);
  console.log(`Sealed values by key: ${inUse.length > 0 ? inUse.join(", ") : "none stored"}.`);
  if (report.removableVersions.length > 0) {
    console.log(
      `Key ${report.removableVersions.join(", ")} seals nothing now: remove it from MARKETABLE_ENCRYPTION_KEYS, but only once every web and worker process runs with key ${current} first (a process still sealing with an old key would need it).`,
    );
  }
  const stillUsed = [...keyring.byVersion.keys()].filter((version) => version !== current && !report.removableVersions.includes(version));
  if (stillUsed.length > 0) {
    console.log(
      `Key ${stillUsed.join(", ")} still seals values written meanwhile by a process with an older keyring: restart every process with key ${current} first, then run this again.`,
    );
  }
} catch (error) {
  await handle.close();
  // A value no configured key opens: nothing was changed for it; the message names its key.
  exitWithConfigError(new ConfigError(error instanceof Error ? error.message : String(error)), "reseal-secrets");
}
await handle.close();
