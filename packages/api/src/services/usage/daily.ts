import { and, eq, inArray, isNull } from "drizzle-orm";

import { portals, type Db } from "@marketable/db";

import { takeUsageSnapshot } from "./snapshot";
import { refreshUsageTrend } from "./trend";

/**
 * The daily snapshot (and the trend fitted through it) of one portal, or of every connected,
 * unarchived portal when none is named: the `snapshot.daily` job.
 */
export async function takeDailySnapshots(db: Db, portalId: string | undefined, now: () => Date): Promise<{ portals: number }> {
  const targets = await db
    .select({ id: portals.id, timeZone: portals.timeZone })
    .from(portals)
    .where(portalId ? eq(portals.id, portalId) : and(isNull(portals.archivedAt), inArray(portals.connectionStatus, ["connected"])));
  for (const portal of targets) {
    const at = now();
    await takeUsageSnapshot(db, portal, at);
    await refreshUsageTrend(db, portal, at);
  }
  return { portals: targets.length };
}
