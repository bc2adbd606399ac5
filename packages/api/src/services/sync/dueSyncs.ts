import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";

import { portalConnections, portals, portalSyncState, syncRuns, type Db } from "@marketable/db";

/** How often a connected portal gets an incremental sync when nothing else asks for one. */
export const INCREMENTAL_EVERY_MS = 15 * 60_000;

/**
 * A portal synced more recently than this (a manual sync, a webhook's fallback) sits this tick
 * out. Not the full 15 minutes: a run the previous tick queued finishes after that tick, so its
 * `lastSyncAt` is always less than 15 minutes old at the next one, and every portal was synced
 * every other tick (30 minutes; the fleet bench found it).
 */
export const RECENTLY_SYNCED_MS = INCREMENTAL_EVERY_MS / 2;

/** The connected, unarchived portals not synced since `RECENTLY_SYNCED_MS` before `now`: the schedule's due list. */
export async function portalsDueForSync(db: Db, now: Date): Promise<string[]> {
  const due = new Date(now.getTime() - RECENTLY_SYNCED_MS);
  const rows = await db
    .select({ id: portals.id })
    .from(portals)
    .innerJoin(portalConnections, eq(portalConnections.portalId, portals.id))
    .leftJoin(portalSyncState, eq(portalSyncState.portalId, portals.id))
    .where(and(isNull(portals.archivedAt), or(isNull(portalSyncState.lastSyncAt), lt(portalSyncState.lastSyncAt, due))));
  return rows.map((r) => r.id);
}

/** The portal's oldest queued or running sync run: the next one a `sync.portal` job drains. */
export async function oldestUnfinishedRun(db: Db, portalId: string) {
  const [run] = await db
    .select({ id: syncRuns.id, kind: syncRuns.kind, expected: syncRuns.expected })
    .from(syncRuns)
    .where(and(eq(syncRuns.portalId, portalId), inArray(syncRuns.status, ["queued", "running"])))
    .orderBy(asc(syncRuns.createdAt))
    .limit(1);
  return run;
}
