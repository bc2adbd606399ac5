import { desc, eq } from "drizzle-orm";

import { portalConnections, portalSyncState, syncRuns, type DbOrTx } from "@marketable/db";

import { RUN_HEARTBEAT_MS } from "../workers/runLiveness";

/** Two missed timer heartbeats and a margin (RUN_HEARTBEAT_MS): the page says the run is stalled. */
const STALLED_AFTER_MS = 2 * RUN_HEARTBEAT_MS + 5_000;

/** What the portal page shows about syncing: the latest run with progress, and the last outcome. */
export async function syncStatus(db: DbOrTx, portalId: string, now: Date) {
  const [latest] = await db.select().from(syncRuns).where(eq(syncRuns.portalId, portalId)).orderBy(desc(syncRuns.createdAt)).limit(1);
  const [state] = await db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portalId));
  const [connection] = await db
    .select({
      kind: portalConnections.kind,
      hubId: portalConnections.hubId,
      scopes: portalConnections.scopes,
      connectedAt: portalConnections.connectedAt,
    })
    .from(portalConnections)
    .where(eq(portalConnections.portalId, portalId));
  let run = null;
  if (latest) {
    const expected = latest.expected ?? null;
    const percent =
      latest.status === "succeeded" ? 100 : expected ? Math.min(99, Math.floor((latest.processed / Math.max(expected, 1)) * 100)) : null;
    const remaining = expected !== null ? Math.max(0, expected - latest.processed) : null;
    // The rate and count are as of the run's last heartbeat: the time since comes off the ETA.
    const sinceBeatMs = latest.heartbeatAt ? Math.max(0, now.getTime() - latest.heartbeatAt.getTime()) : 0;
    // A run silent for a few heartbeats has likely lost its worker: no ETA, the page says so.
    const stalled = latest.status === "running" && sinceBeatMs > STALLED_AFTER_MS;
    const etaSeconds =
      remaining !== null && latest.ratePerSecond && !stalled
        ? Math.max(0, Math.round(remaining / latest.ratePerSecond - sinceBeatMs / 1000))
        : null;
    run = {
      id: latest.id,
      kind: latest.kind,
      status: latest.status,
      processed: latest.processed,
      expected,
      percent,
      ratePerSecond: latest.ratePerSecond,
      etaSeconds: latest.status === "running" ? etaSeconds : null,
      stalledSeconds: stalled ? Math.round(sinceBeatMs / 1000) : null,
      requests: latest.requests,
      retries: latest.retries,
      lastError: latest.lastError,
      startedAt: latest.startedAt,
      finishedAt: latest.finishedAt,
    };
  }
  return {
    // Which credential kind and scopes: never the tokens themselves.
    connection: connection ?? null,
    run,
    lastSyncAt: state?.lastSyncAt ?? null,
    lastFullSyncAt: state?.lastFullSyncAt ?? null,
    lastError: state?.lastError ?? null,
    lastErrorAt: state?.lastErrorAt ?? null,
    checkedAt: now,
  };
}
