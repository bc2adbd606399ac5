import { and, count, desc, eq, isNull } from "drizzle-orm";

import { alerts, portals, visiblePortalsCondition, writeAudit, type Access, type Db, type DbOrTx } from "@marketable/db";
import { can } from "@marketable/permissions";

import { notFound } from "../../errors";

/** The alerts of the portals the caller may see: open ones (unresolved) or all, newest first. */
export async function listAlerts(db: DbOrTx, access: Access, input: { status: "open" | "all"; portalId?: string; limit: number }) {
  const rows = await db
    .select({ alert: alerts, portal: { id: portals.id, name: portals.name } })
    .from(alerts)
    .innerJoin(portals, eq(portals.id, alerts.portalId))
    .where(
      and(
        visiblePortalsCondition(access),
        input.portalId ? eq(alerts.portalId, input.portalId) : undefined,
        input.status === "open" ? isNull(alerts.resolvedAt) : undefined,
      ),
    )
    .orderBy(desc(alerts.raisedAt), desc(alerts.id))
    .limit(input.limit);
  return rows.map(({ alert, portal }) => ({
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    title: alert.title,
    detail: alert.detail,
    causePath: alert.causePath,
    raisedAt: alert.raisedAt,
    acknowledgedAt: alert.acknowledgedAt,
    resolvedAt: alert.resolvedAt,
    portal,
    canAcknowledge: can(access.actor, "alerts.manage", portal.id),
  }));
}

/** Open, unacknowledged alerts on visible portals: the nav badge. */
export async function unacknowledgedCount(db: DbOrTx, access: Access): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .innerJoin(portals, eq(portals.id, alerts.portalId))
    .where(and(visiblePortalsCondition(access), isNull(alerts.resolvedAt), isNull(alerts.acknowledgedAt)));
  return row?.n ?? 0;
}

/** Marks an alert seen; it stays open until its condition clears. Audited; repeating is a no-op. */
export async function acknowledgeAlert(
  db: Db,
  access: Access,
  portal: { id: string },
  alertId: string,
  meta: { requestId?: string; now: Date },
) {
  return db.transaction(async (tx) => {
    const [alert] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.id, alertId), eq(alerts.portalId, portal.id)));
    if (!alert) throw notFound("Alert not found");
    if (alert.acknowledgedAt) return { id: alert.id, acknowledgedAt: alert.acknowledgedAt };
    await tx.update(alerts).set({ acknowledgedAt: meta.now, acknowledgedBy: access.user.id }).where(eq(alerts.id, alert.id));
    await writeAudit(tx, {
      agencyId: access.agency.id,
      portalId: portal.id,
      actor: access.user,
      action: "alerts.acknowledge",
      targetType: "alert",
      targetId: alert.id,
      after: { title: alert.title },
      requestId: meta.requestId,
    });
    return { id: alert.id, acknowledgedAt: meta.now };
  });
}
