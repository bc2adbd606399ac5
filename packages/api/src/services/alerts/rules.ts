import { alertRules, type DbOrTx, type Db } from "@marketable/db";
import { eq } from "drizzle-orm";
import type { Access } from "../../access/loadAccess";
import { writeAudit } from "../audit/writeAudit";

export interface AlertRules {
  /** Percentages of the purchased tier, ascending. */
  thresholds: number[];
  /** Day-over-day growth of marketing contacts, in percent, that counts as a spike. */
  spikePct: number;
  enabled: boolean;
}

/** What a portal without its own row uses (the schema's documented defaults). */
export const DEFAULT_ALERT_RULES: AlertRules = { thresholds: [80, 90, 100], spikePct: 10, enabled: true };

/** The portal's rules, or the defaults; `custom` says whether the portal has its own row. */
export async function rulesFor(db: DbOrTx, portalId: string): Promise<AlertRules & { custom: boolean }> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.portalId, portalId));
  if (!row) return { ...DEFAULT_ALERT_RULES, custom: false };
  return { thresholds: row.thresholds, spikePct: row.spikePct, enabled: row.enabled, custom: true };
}

/** Stores one portal's rules (or, with null, returns it to the defaults); audited. */
export async function setPortalRules(
  db: Db,
  access: Access,
  portal: { id: string },
  rules: AlertRules | null,
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const before = await rulesFor(tx, portal.id);
    if (rules === null) {
      await tx.delete(alertRules).where(eq(alertRules.portalId, portal.id));
    } else {
      const thresholds = [...new Set(rules.thresholds)].sort((a, b) => a - b);
      const values = { thresholds, spikePct: rules.spikePct, enabled: rules.enabled, updatedBy: access.user.id, updatedAt: meta.now };
      await tx
        .insert(alertRules)
        .values({ portalId: portal.id, agencyId: access.agency.id, ...values })
        .onConflictDoUpdate({ target: alertRules.portalId, set: values });
    }
    const after = await rulesFor(tx, portal.id);
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "alerts.setRules",
      targetType: "portal",
      targetId: portal.id,
      before,
      after,
      requestId: meta.requestId,
    });
    return { portalId: portal.id, ...after };
  });
}
