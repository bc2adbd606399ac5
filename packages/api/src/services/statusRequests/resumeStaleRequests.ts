import { and, eq, lt } from "drizzle-orm";

import { statusRequests, type Db } from "@marketable/db";
import type { JobQueue, Jobs } from "@marketable/jobs";
import type { Logger } from "@marketable/logger";

import { deadJobStartedBefore, deadRunCondition, STALE_RUN_MS, type ResumingWorker } from "../workers/runLiveness";

/**
 * Resumes marketing-status requests whose worker died mid-execution (killed, crashed, deployed
 * over): a `running` request that deadRunCondition calls dead (its heartbeat, `updated_at`, see
 * RUN_HEARTBEAT_MS, is stale; for a worker, also its own from before its restart and those whose
 * owner's worker lock is gone) gets a fresh `status.execute` job. Without this the request waited
 * for the dead worker's job to expire (30 minutes): pg-boss 10 has no worker heartbeat, and the
 * stately one-running-per-request rule blocks any new job until then, so the dead job is
 * cancelled first. The execution resumes where it stopped (the import's name and id are
 * recorded, so the import is found, never created twice). Should the old worker be alive after
 * all, the import's name and the finish are each claimed once per request: HubSpot gets one
 * import, and the result and its audit entry are written once.
 */
export async function resumeStaleStatusRequests(
  deps: { db: Db; queue: JobQueue<Jobs>; log: Logger },
  options: { staleAfterMs?: number; now?: Date; worker?: ResumingWorker } = {},
): Promise<{ resumed: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? STALE_RUN_MS));
  const dead = and(
    eq(statusRequests.state, "running"),
    deadRunCondition(statusRequests.updatedAt, statusRequests.workerId, cutoff, options.worker),
  );
  const stale = await deps.db
    .select({ id: statusRequests.id, lastBeat: statusRequests.updatedAt, workerId: statusRequests.workerId })
    .from(statusRequests)
    .where(dead);
  const resumed: string[] = [];
  for (const { id, lastBeat, workerId } of stale) {
    // Claimed in SQL: of two processes resuming at once (two workers looking, a start and the
    // sweep), one goes on; the other finds the row fresh and unowned and leaves it alone.
    const [claimed] = await deps.db
      .update(statusRequests)
      .set({ updatedAt: now, workerId: null })
      .where(and(eq(statusRequests.id, id), dead))
      .returning({ id: statusRequests.id });
    if (!claimed) continue;
    // jobId is null when a job for the request is queued or waiting to retry: that one resumes it.
    const { cancelled, jobId } = await deps.queue.replaceDead(
      "status.execute",
      { requestId: id },
      { startedBefore: deadJobStartedBefore(lastBeat, now) },
    );
    deps.log.warn({ statusRequestId: id, deadWorker: workerId, cancelled, jobId }, "resuming a status request whose worker stopped");
    resumed.push(id);
  }
  return { resumed };
}

/** How long a `queued` request may sit untouched before its job is taken for never sent. */
export const STRANDED_QUEUED_MS = 10 * 60_000;

/**
 * Queued requests untouched for STRANDED_QUEUED_MS: their job was never sent (the process stopped
 * right after the commit). The schedule sends it again; the job's singleton key makes that safe.
 */
export async function strandedQueuedRequests(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: statusRequests.id })
    .from(statusRequests)
    .where(and(eq(statusRequests.state, "queued"), lt(statusRequests.updatedAt, new Date(now.getTime() - STRANDED_QUEUED_MS))));
  return rows.map((r) => r.id);
}
