import { eq } from "drizzle-orm";

import { alertWebhooks, sealSecret, writeAudit, type Access, type Db, type DbOrTx, type Keyring } from "@marketable/db";

import { newWebhookSecret } from "./signature";

/** The agency's webhook as shown in the app: never the secret. */
export async function webhookOf(db: DbOrTx, agencyId: string) {
  const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.agencyId, agencyId));
  return row ? { url: row.url, enabled: row.enabled, updatedAt: row.updatedAt } : null;
}

/**
 * Sets the agency's webhook URL. A new secret is generated when there was none or when asked to
 * rotate; it is returned this once (sealed at rest, it is never shown again). null removes it.
 */
export async function setAlertWebhook(
  db: Db,
  access: Access,
  keyring: Keyring,
  input: { url: string; enabled: boolean; rotateSecret: boolean } | null,
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const before = await webhookOf(tx, access.agency.id);
    let secret: string | null = null;
    if (input === null) {
      await tx.delete(alertWebhooks).where(eq(alertWebhooks.agencyId, access.agency.id));
    } else {
      const values = { url: input.url, enabled: input.enabled, updatedBy: access.user.id, updatedAt: meta.now };
      if (!before || input.rotateSecret) secret = newWebhookSecret();
      const sealed = secret ? { secretEnc: sealSecret(secret, keyring) } : {};
      if (before)
        await tx
          .update(alertWebhooks)
          .set({ ...values, ...sealed })
          .where(eq(alertWebhooks.agencyId, access.agency.id));
      else await tx.insert(alertWebhooks).values({ agencyId: access.agency.id, ...values, secretEnc: sealSecret(secret!, keyring) });
    }
    const after = await webhookOf(tx, access.agency.id);
    await writeAudit(tx, {
      agencyId: access.agency.id,
      actor: access.user,
      action: "alerts.setWebhook",
      targetType: "agency",
      targetId: access.agency.id,
      before: before && { url: before.url, enabled: before.enabled },
      after: after && { url: after.url, enabled: after.enabled, secretRotated: secret !== null },
      requestId: meta.requestId,
    });
    return { webhook: after, secret };
  });
}
