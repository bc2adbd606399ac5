import { and, desc, eq, isNull } from "drizzle-orm";

import { notifications, portals, type Access, type Db, type DbOrTx } from "@marketable/db";
import { can } from "@marketable/permissions";

const SHOWN = 20;

/**
 * The viewer's notices in their current agency, newest first, with the unread count. A notice
 * whose portal the viewer no longer sees (grant revoked, portal archived) is left out: a notice
 * never shows a request its reader may not open.
 */
export async function listNotifications(db: DbOrTx, access: Access) {
  const rows = await db
    .select({ notice: notifications, portalName: portals.name })
    .from(notifications)
    .innerJoin(portals, eq(portals.id, notifications.portalId))
    .where(and(eq(notifications.userId, access.user.id), eq(notifications.agencyId, access.agency.id), isNull(portals.archivedAt)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(500);
  const visible = rows.filter((r) => can(access.actor, "portal.view", r.notice.portalId));
  return {
    unread: visible.filter((r) => r.notice.readAt === null).length,
    items: visible.slice(0, SHOWN).map(({ notice, portalName }) => ({
      id: notice.id,
      kind: notice.kind,
      message: notice.message,
      requestId: notice.requestId,
      portalName,
      createdAt: notice.createdAt,
      read: notice.readAt !== null,
    })),
  };
}

/** Marks every notice of the viewer in their current agency as read. */
export async function markAllNotificationsRead(db: Db, access: Access, now: Date) {
  const updated = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, access.user.id), eq(notifications.agencyId, access.agency.id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: updated.length };
}
