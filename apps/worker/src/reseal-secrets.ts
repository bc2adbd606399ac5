import { createDb, keyringFromEnv, resealSecrets } from "@marketable/db";

/**
 * `node apps/worker/dist/reseal-secrets.js`: key rotation's second step (docs/operations.md).
 * With the new key first in MARKETABLE_ENCRYPTION_KEYS and the old ones after it, every HubSpot
 * token and alert-webhook signing secret sealed with an older key is sealed again with the
 * current one; then it says which old keys seal nothing any more and may be removed.
 */
const handle = await createDb(process.env.DATABASE_URL);
try {
  const keyring = keyringFromEnv(process.env.MARKETABLE_ENCRYPTION_KEYS, { allowDevelopmentKey: handle.kind !== "postgres" });
  const current = keyring.current.version;
  const report = await resealSecrets(handle.db, keyring);
  console.log(`Re-sealed under key ${current}: ${report.resealed.connections} portal connection(s), ${report.resealed.alertWebhooks} alert webhook secret(s).`);
  const inUse = Object.entries(report.versionsInUse).map(([version, count]) => `key ${version}: ${count}`);
  console.log(`Sealed values by key: ${inUse.length > 0 ? inUse.join(", ") : "none stored"}.`);
  const older = [...keyring.byVersion.keys()].filter((version) => version !== current);
  if (report.removableVersions.length > 0) {
    console.log(
      `Key ${report.removableVersions.join(", ")} seals nothing now: remove it from MARKETABLE_ENCRYPTION_KEYS, but only once every web and worker process runs with key ${current} first (a process still sealing with an old key would need it).`,
    );
  }
  const stillUsed = older.filter((version) => !report.removableVersions.includes(version));
  if (stillUsed.length > 0) {
    console.log(`Key ${stillUsed.join(", ")} still seals values written meanwhile by a process with an older keyring: restart every process with key ${current} first, then run this again.`);
  }
} catch (error) {
  console.error(`reseal-secrets failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
