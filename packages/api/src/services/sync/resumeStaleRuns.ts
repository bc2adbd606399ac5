import { syncRuns, type Db } from "@marketable/db";
import { type JobQueue, type Jobs } from "@marketable/jobs";
import type { Logger } from "@marketable/logger";
import { and, eq, lt, sql } from "drizzle-orm";

/**
 * A running sync writes its heartbeat with every page (a few seconds apart, minutes at most under
 * rate limits); one silent for this long is taken for dead.
 */
export const STALE_RUN_MS = 2 * 60_000;

/**
 * Resumes sync runs whose worker died (killed, crashed, deployed over): a `running` run whose
 * heartbeat is older than `staleAfterMs` gets a fresh `sync.portal` job with its `runId`, and
 * continues from its checkpoint. The dead worker's pg-boss job stays `active` until it expires
 * (an hour) and, under the queue's stately one-running-per-portal rule, would block the new job
 * that long: it is cancelled first. Should the old worker still be alive after all, both runs of
 * the sync are idempotent page upserts, so the state still ends the same.
 */
export async function resumeStaleSyncRuns(
  deps: { db: Db; queue: JobQueue<Jobs>; log: Logger },
  options: { staleAfterMs?: number; now?: Date } = {},
): Promise<{ resumed: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? STALE_RUN_MS));
  const stale = await deps.db
    .select({ id: syncRuns.id, portalId: syncRuns.portalId, kind: syncRuns.kind })
    .from(syncRuns)
    .where(and(eq(syncRuns.status, "running"), lt(sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.createdAt})`, cutoff)));
  const resumed: string[] = [];
  for (const run of stale) {
    // Claimed in SQL, so two processes resuming at once send one job between them.
    const [claimed] = await deps.db
      .update(syncRuns)
      .set({ heartbeatAt: now })
      .where(and(eq(syncRuns.id, run.id), eq(syncRuns.status, "running"), lt(sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.createdAt})`, cutoff)))
      .returning({ id: syncRuns.id });
    if (!claimed) continue;
    // jobId is null when a job for the portal is already queued: its handler drains this run too.
    const { cancelled, jobId } = await deps.queue.replaceDead("sync.portal", { portalId: run.portalId, kind: run.kind, runId: run.id }, { startedBefore: cutoff });
    deps.log.warn({ runId: run.id, portalId: run.portalId, cancelled, jobId }, "resuming a sync run whose worker stopped");
    resumed.push(run.id);
  }
  return { resumed };
}
