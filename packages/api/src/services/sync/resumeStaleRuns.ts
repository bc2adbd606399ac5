import { and, eq, sql } from "drizzle-orm";

import { syncRuns, type Db } from "@marketable/db";
import { type JobQueue, type Jobs } from "@marketable/jobs";
import type { Logger } from "@marketable/logger";

import { deadJobStartedBefore, deadRunCondition, STALE_RUN_MS, type ResumingWorker } from "../workers/runLiveness";

export { STALE_RUN_MS } from "../workers/runLiveness";

/**
 * Resumes sync runs whose worker died (killed, crashed, deployed over): a `running` run that
 * deadRunCondition calls dead (a stale heartbeat; for a worker, also its own runs from before its
 * restart and runs whose owner's worker lock is gone) gets a fresh `sync.portal` job with its
 * `runId`, and continues from its checkpoint. The dead worker's pg-boss job stays `active` until
 * it expires (an hour) and, under the queue's stately one-running-per-portal rule, would block the
 * new job that long: it is cancelled first. Should the old worker still be alive after all, it
 * stops at its next page (the run is no longer marked with its id), and pages are idempotent
 * upserts, so the state still ends the same.
 */
export async function resumeStaleSyncRuns(
  deps: { db: Db; queue: JobQueue<Jobs>; log: Logger },
  options: { staleAfterMs?: number; now?: Date; worker?: ResumingWorker } = {},
): Promise<{ resumed: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? STALE_RUN_MS));
  const heartbeat = sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.createdAt})`;
  const dead = and(eq(syncRuns.status, "running"), deadRunCondition(heartbeat, syncRuns.workerId, cutoff, options.worker));
  const stale = await deps.db
    .select({
      id: syncRuns.id,
      portalId: syncRuns.portalId,
      kind: syncRuns.kind,
      workerId: syncRuns.workerId,
      lastBeat: sql<Date | string>`${heartbeat}`,
    })
    .from(syncRuns)
    .where(dead);
  const resumed: string[] = [];
  for (const run of stale) {
    // Claimed in SQL (the same condition, and the row now fresh and unowned), so of several
    // workers looking at once one sends a job.
    const [claimed] = await deps.db
      .update(syncRuns)
      .set({ heartbeatAt: now, workerId: null })
      .where(and(eq(syncRuns.id, run.id), dead))
      .returning({ id: syncRuns.id });
    if (!claimed) continue;
    const startedBefore = deadJobStartedBefore(run.lastBeat, now);
    // jobId is null when a job for the portal is already queued: its handler drains this run too.
    const { cancelled, jobId } = await deps.queue.replaceDead(
      "sync.portal",
      { portalId: run.portalId, kind: run.kind, runId: run.id },
      { startedBefore },
    );
    deps.log.warn(
      { runId: run.id, portalId: run.portalId, deadWorker: run.workerId, cancelled, jobId },
      "resuming a sync run whose worker stopped",
    );
    resumed.push(run.id);
  }
  return { resumed };
}
