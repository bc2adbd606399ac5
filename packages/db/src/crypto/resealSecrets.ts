import { and, eq, isNull } from "drizzle-orm";

import type { Db } from "../client";
import { alertWebhooks } from "../schema/alerts";
import { portalConnections } from "../schema/connections";
import { openSecret, sealSecret, secretKeyVersion, type Keyring } from "./secretBox";

export interface ResealReport {
  /** Rows whose secrets were sealed again under the current key. */
  resealed: { connections: number; alertWebhooks: number };
  /** Every key version that still seals a secret after the pass, with how many values. */
  versionsInUse: Record<number, number>;
  /** Keys of the keyring that seal nothing any more: they can leave MARKETABLE_ENCRYPTION_KEYS. */
  removableVersions: number[];
}

/**
 * Key rotation's second half: every secret at rest (HubSpot tokens, alert-webhook signing
 * secrets) sealed under an older key is opened and sealed under the keyring's current key.
 * Each row is swapped only if it still holds what was read (a token refreshed meanwhile by a
 * running process is already sealed under the current key and is left alone), so it is safe
 * while web and worker processes run. A value no key of the keyring opens throws: nothing is
 * lost, and the error names the version so the operator can put the old key back.
 */
export async function resealSecrets(db: Db, keyring: Keyring): Promise<ResealReport> {
  const current = keyring.current.version;
  let connections = 0;
  for (const row of await db.select().from(portalConnections)) {
    const stale = [row.accessTokenEnc, row.refreshTokenEnc].some((value) => value !== null && secretKeyVersion(value) !== current);
    if (!stale && row.keyVersion === current) continue;
    const swapped = await db
      .update(portalConnections)
      .set({
        accessTokenEnc: sealSecret(openSecret(row.accessTokenEnc, keyring), keyring),
        refreshTokenEnc: row.refreshTokenEnc === null ? null : sealSecret(openSecret(row.refreshTokenEnc, keyring), keyring),
        keyVersion: current,
      })
      .where(
        and(
          eq(portalConnections.portalId, row.portalId),
          eq(portalConnections.accessTokenEnc, row.accessTokenEnc),
          row.refreshTokenEnc === null
            ? isNull(portalConnections.refreshTokenEnc)
            : eq(portalConnections.refreshTokenEnc, row.refreshTokenEnc),
        ),
      )
      .returning({ portalId: portalConnections.portalId });
    connections += swapped.length;
  }
  let webhooks = 0;
  for (const row of await db.select().from(alertWebhooks)) {
    if (secretKeyVersion(row.secretEnc) === current) continue;
    const swapped = await db
      .update(alertWebhooks)
      .set({ secretEnc: sealSecret(openSecret(row.secretEnc, keyring), keyring) })
      .where(and(eq(alertWebhooks.agencyId, row.agencyId), eq(alertWebhooks.secretEnc, row.secretEnc)))
      .returning({ agencyId: alertWebhooks.agencyId });
    webhooks += swapped.length;
  }
  const versionsInUse = await countKeyVersions(db);
  return {
    resealed: { connections, alertWebhooks: webhooks },
    versionsInUse,
    removableVersions: [...keyring.byVersion.keys()]
      .filter((version) => version !== current && !versionsInUse[version])
      .sort((a, b) => a - b),
  };
}

/** How many sealed values each key version holds right now. */
export async function countKeyVersions(db: Db): Promise<Record<number, number>> {
  const counts: Record<number, number> = {};
  const add = (sealed: string | null) => {
    if (sealed === null) return;
    const version = secretKeyVersion(sealed);
    counts[version] = (counts[version] ?? 0) + 1;
  };
  for (const row of await db
    .select({ a: portalConnections.accessTokenEnc, r: portalConnections.refreshTokenEnc })
    .from(portalConnections)) {
    add(row.a);
    add(row.r);
  }
  for (const row of await db.select({ s: alertWebhooks.secretEnc }).from(alertWebhooks)) add(row.s);
  return counts;
}
