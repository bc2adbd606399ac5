import { desc, eq } from "drizzle-orm";

import { alertDeliveries, alerts, portals, type DbOrTx } from "@marketable/db";

/**
 * The agency's newest webhook deliveries with their outcome, for the webhook settings: enough to
 * see whether the receiver answers (status, attempts, last HTTP status or error), nothing secret.
 */
export async function recentDeliveries(db: DbOrTx, agencyId: string, limit = 10) {
  const rows = await db
    .select({
      id: alertDeliveries.id,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      lastStatusCode: alertDeliveries.lastStatusCode,
      lastError: alertDeliveries.lastError,
      createdAt: alertDeliveries.createdAt,
      deliveredAt: alertDeliveries.deliveredAt,
      nextAttemptAt: alertDeliveries.nextAttemptAt,
      alertTitle: alerts.title,
      portalName: portals.name,
    })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(portals, eq(portals.id, alerts.portalId))
    .where(eq(alertDeliveries.agencyId, agencyId))
    .orderBy(desc(alertDeliveries.createdAt), desc(alertDeliveries.id))
    .limit(limit);
  return rows;
}
