import { and, desc, eq, inArray, sql } from "drizzle-orm";

import { portalSyncState, syncRuns, type Db } from "@marketable/db";
import type { JobQueue, Jobs } from "@marketable/jobs";

import type { JobScheduler } from "../../jobs/scheduler";
import { needsSourceDetailsBackfill, sourceDetailsPending } from "./sourceDetailsBackfill";
import { syncPriority } from "./syncOrder";

/**
 * Queues a sync of one portal unless one is already queued or running (that one is returned):
 * one sync per portal at a time, whoever asks. An incremental sync becomes a full one while the
 * portal's stored contacts still lack their apps' names (sourceDetailsBackfill.ts).
 */
export async function requestSync(db: Db, scheduler: JobScheduler, input: { portalId: string; kind: "full" | "incremental" }) {
  const run = await db.transaction(async (tx) => {
    const [active] = await tx
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.portalId, input.portalId), inArray(syncRuns.status, ["queued", "running"])))
      .orderBy(desc(syncRuns.createdAt))
      .limit(1);
    if (active) return { run: active, created: false };
    const kind = input.kind === "incremental" && (await needsSourceDetailsBackfill(tx, input.portalId)) ? "full" : input.kind;
    const [created] = await tx.insert(syncRuns).values({ portalId: input.portalId, kind, status: "queued" }).returning();
    return { run: created!, created: true };
  });
  if (run.created) await scheduler.requestSync({ portalId: input.portalId, runId: run.run.id, kind: run.run.kind });
  return run.run;
}

/**
 * requestSync's incremental sync for many portals at once (the schedule's tick): one statement
 * queues a run for every portal without one queued or running, and one insert per kind sends
 * their jobs. One portal at a time, a 500-portal tick took two minutes to queue the last one,
 * whose freshness waited with it. Resolves to the runs queued.
 */
export async function requestIncrementalSyncs(db: Db, queue: JobQueue<Jobs>, portalIds: readonly string[]): Promise<number> {
  if (portalIds.length === 0) return 0;
  const created = await db.execute<{ id: string; portal_id: string; kind: "full" | "incremental" }>(sql`
    insert into ${syncRuns} (portal_id, kind, status)
    select p.id, (case when ${sourceDetailsPending} then 'full' else 'incremental' end)::sync_kind, 'queued'
    from unnest(${sql.param([...portalIds])}::uuid[]) as p(id)
    left join ${portalSyncState} on ${portalSyncState.portalId} = p.id
    where not exists (select 1 from ${syncRuns} r where r.portal_id = p.id and r.status in ('queued', 'running'))
    returning id, portal_id, kind`);
  for (const kind of ["full", "incremental"] as const) {
    const jobs = created.rows.filter((r) => r.kind === kind).map((r) => ({ portalId: r.portal_id, runId: r.id, kind }));
    if (jobs.length > 0) await queue.sendMany("sync.portal", jobs, { priority: syncPriority({ kind, expected: null }) });
  }
  return created.rows.length;
}
