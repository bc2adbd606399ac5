import { eq } from "drizzle-orm";

import { agencyAlertRules, alertRules, writeAudit, type Access, type Db, type DbOrTx } from "@marketable/db";

export interface AlertRules {
  /** Percentages of the purchased tier, ascending. */
  thresholds: number[];
  /** Day-over-day growth of marketing contacts, in percent, that counts as a spike. */
  spikePct: number;
  enabled: boolean;
}

/** What an agency without its own defaults uses (the schema's documented defaults). */
export const DEFAULT_ALERT_RULES: AlertRules = { thresholds: [80, 90, 100], spikePct: 10, enabled: true };

/** Where a portal's effective rules come from: its own row, its agency's defaults, or the built-in ones. */
export type RulesSource = "portal" | "agency" | "builtIn";

const rulesOf = (row: AlertRules): AlertRules => ({ thresholds: row.thresholds, spikePct: row.spikePct, enabled: row.enabled });

/** Sorted and without repeats, so "90, 80, 90" is stored (and evaluated) as [80, 90]. */
const normalised = (rules: AlertRules): AlertRules => ({ ...rules, thresholds: [...new Set(rules.thresholds)].sort((a, b) => a - b) });

/** The agency's defaults for portals without rules of their own, or the built-in ones. */
export async function agencyDefaultRules(db: DbOrTx, agencyId: string): Promise<AlertRules & { source: Exclude<RulesSource, "portal"> }> {
  const [row] = await db.select().from(agencyAlertRules).where(eq(agencyAlertRules.agencyId, agencyId));
  return row ? { ...rulesOf(row), source: "agency" } : { ...DEFAULT_ALERT_RULES, source: "builtIn" };
}

/**
 * The rules evaluation applies to a portal: its own row, else its agency's defaults, else the
 * built-in ones. `custom` says whether the portal has its own row.
 */
export async function rulesFor(
  db: DbOrTx,
  portal: { id: string; agencyId: string },
): Promise<AlertRules & { custom: boolean; source: RulesSource }> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.portalId, portal.id));
  if (row) return { ...rulesOf(row), custom: true, source: "portal" };
  return { ...(await agencyDefaultRules(db, portal.agencyId)), custom: false };
}

/** Stores one portal's rules (or, with null, returns it to the agency's defaults); audited. */
export async function setPortalRules(
  db: Db,
  access: Access,
  portal: { id: string; agencyId: string },
  rules: AlertRules | null,
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const before = await rulesFor(tx, portal);
    if (rules === null) {
      await tx.delete(alertRules).where(eq(alertRules.portalId, portal.id));
    } else {
      const values = { ...normalised(rules), updatedBy: access.user.id, updatedAt: meta.now };
      await tx
        .insert(alertRules)
        .values({ portalId: portal.id, agencyId: access.agency.id, ...values })
        .onConflictDoUpdate({ target: alertRules.portalId, set: values });
    }
    const after = await rulesFor(tx, portal);
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

/** Stores the agency's default rules (or, with null, returns it to the built-in ones); audited. */
export async function setAgencyDefaultRules(db: Db, access: Access, rules: AlertRules | null, meta: { requestId?: string; now: Date }) {
  const agencyId = access.agency.id;
  return db.transaction(async (tx) => {
    const before = await agencyDefaultRules(tx, agencyId);
    if (rules === null) {
      await tx.delete(agencyAlertRules).where(eq(agencyAlertRules.agencyId, agencyId));
    } else {
      const values = { ...normalised(rules), updatedBy: access.user.id, updatedAt: meta.now };
      await tx
        .insert(agencyAlertRules)
        .values({ agencyId, ...values })
        .onConflictDoUpdate({ target: agencyAlertRules.agencyId, set: values });
    }
    const after = await agencyDefaultRules(tx, agencyId);
    await writeAudit(tx, {
      agencyId,
      actor: access.user,
      action: "alerts.setDefaultRules",
      targetType: "agency",
      targetId: agencyId,
      before,
      after,
      requestId: meta.requestId,
    });
    return after;
  });
}
