import { portalConnections, portalSyncState, syncRuns, type DbOrTx } from "@marketable/db";
import { desc, eq } from "drizzle-orm";

/** What the portal page shows about syncing: the latest run with progress, and the last outcome. */
export async function syncStatus(db: DbOrTx, portalId: string, now: Date) {
  const [latest] = await db.select().from(syncRuns).where(eq(syncRuns.portalId, portalId)).orderBy(desc(syncRuns.createdAt)).limit(1);
  const [state] = await db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portalId));
  const [connection] = await db
    .select({ kind: portalConnections.kind, hubId: portalConnections.hubId, scopes: portalConnections.scopes, connectedAt: portalConnections.connectedAt })
    .from(portalConnections)
    .where(eq(portalConnections.portalId, portalId));
  let run = null;
  if (latest) {
    const expected = latest.expected ?? null;
    const percent = latest.status === "succeeded" ? 100 : expected ? Math.min(99, Math.floor((latest.processed / Math.max(expected, 1)) * 100)) : null;
    const remaining = expected !== null ? Math.max(0, expected - latest.processed) : null;
    const etaSeconds = remaining !== null && latest.ratePerSecond ? Math.round(remaining / latest.ratePerSecond) : null;
    run = {
      id: latest.id,
      kind: latest.kind,
      status: latest.status,
      processed: latest.processed,
      expected,
      percent,
      ratePerSecond: latest.ratePerSecond,
      etaSeconds: latest.status === "running" ? etaSeconds : null,
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
