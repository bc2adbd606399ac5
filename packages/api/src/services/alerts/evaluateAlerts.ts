import { and, eq, inArray, isNull, sql } from "drizzle-orm";

import { alertDeliveries, alerts, alertWebhooks, type Db, type Portal } from "@marketable/db";

import { currentConditions } from "./conditions";
import { rulesFor } from "./rules";

export interface Evaluation {
  raised: { id: string; dedupeKey: string }[];
  resolved: { id: string; dedupeKey: string }[];
  /** Webhook deliveries created for the raised alerts: enqueue them after this returns. */
  deliveryIds: string[];
}

/**
 * Reconciles a portal's open alerts with its current conditions, in one transaction: a new
 * condition raises an alert (and a pending webhook delivery when the agency has a webhook), a
 * condition that still holds changes nothing (the partial unique index keeps one open alert per
 * cause even under concurrent evaluations), and an open alert whose condition cleared is resolved.
 * Acknowledging does not close an alert: an acknowledged one stays until its condition clears.
 */
export async function evaluateAlerts(db: Db, portal: Portal, now: Date): Promise<Evaluation> {
  return db.transaction(async (tx) => {
    // The portal's own rules, else the agency's defaults, else 80/90/100 %.
    const rules = await rulesFor(tx, portal);
    const conditions = rules.enabled ? await currentConditions(tx, portal, rules) : [];
    const open = await tx
      .select({ id: alerts.id, dedupeKey: alerts.dedupeKey })
      .from(alerts)
      .where(and(eq(alerts.portalId, portal.id), isNull(alerts.resolvedAt)));
    const openKeys = new Set(open.map((a) => a.dedupeKey));
    const holding = new Set(conditions.map((c) => c.dedupeKey));

    const fresh = conditions.filter((c) => !openKeys.has(c.dedupeKey));
    const raised = fresh.length
      ? await tx
          .insert(alerts)
          .values(fresh.map((c) => ({ ...c, agencyId: portal.agencyId, portalId: portal.id, raisedAt: now })))
          .onConflictDoNothing({ target: [alerts.portalId, alerts.dedupeKey], where: sql`${alerts.resolvedAt} is null` })
          .returning({ id: alerts.id, dedupeKey: alerts.dedupeKey })
      : [];

    const cleared = open.filter((a) => !holding.has(a.dedupeKey));
    if (cleared.length) {
      await tx
        .update(alerts)
        .set({ resolvedAt: now })
        .where(
          inArray(
            alerts.id,
            cleared.map((a) => a.id),
          ),
        );
    }

    let deliveryIds: string[] = [];
    const [webhook] = await tx.select().from(alertWebhooks).where(eq(alertWebhooks.agencyId, portal.agencyId));
    if (webhook?.enabled && raised.length) {
      const rows = await tx
        .insert(alertDeliveries)
        .values(raised.map((a) => ({ alertId: a.id, agencyId: portal.agencyId, url: webhook.url, nextAttemptAt: now, createdAt: now })))
        .returning({ id: alertDeliveries.id });
      deliveryIds = rows.map((r) => r.id);
    }
    return { raised, resolved: cleared, deliveryIds };
  });
}
