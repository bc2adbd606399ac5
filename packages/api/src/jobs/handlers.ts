import type { Handlers, JobQueue, Jobs } from "@marketable/jobs";

import { deliverAlert } from "../services/alerts/deliverAlert";
import { deliverRequestNotice } from "../services/notifications/deliverRequestNotice";
import { executeStatusRequest } from "../services/statusRequests/executeRequest";
import { resumeStaleStatusRequests, strandedQueuedRequests } from "../services/statusRequests/resumeStaleRequests";
import { portalsUnderDailyReserve } from "../services/sync/dailyReserve";
import { oldestUnfinishedRun, portalsDueForSync } from "../services/sync/dueSyncs";
import { requestIncrementalSyncs, requestSync } from "../services/sync/requestSync";
import { resumeStaleSyncRuns } from "../services/sync/resumeStaleRuns";
import { runSync } from "../services/sync/runSync";
import { probeSyncSize, syncPriority } from "../services/sync/syncOrder";
import { takeDailySnapshots } from "../services/usage/daily";
import type { WorkerDeps } from "./workerDeps";

export { INCREMENTAL_EVERY_MS, RECENTLY_SYNCED_MS } from "../services/sync/dueSyncs";

export interface HandlerOptions {
  /** The queue these handlers work: resumes replace a dead worker's job on it. */
  queue: JobQueue<Jobs>;
  /** Portals synced at once by this process. */
  concurrency?: number;
}

/** The worker's handlers for the product's jobs (the same in the embedded and worker processes). */
export function createJobHandlers(deps: WorkerDeps, { queue, concurrency }: HandlerOptions): Handlers<Jobs> {
  const { db, log, scheduler } = deps;
  const resumeDeps = { db, queue, log };
  const webhookDeps = { db, keyring: deps.settings.keyring, policy: deps.webhookPolicy };
  return {
    "sync.portal": {
      concurrency: concurrency ?? 4,
      handler: async ({ data, signal }) => {
        const first = data.runId ?? (await requestSync(db, { requestSync: async () => {} }, data)).id;
        // A full sync of unknown size goes back to the queue ranked by its size (syncOrder.ts);
        // sent while this job is active, unless the portal's next job already waits (null).
        const size = await probeSyncSize(deps, first);
        const ranked = { portalId: data.portalId, kind: "full" as const, runId: first };
        if (size !== null && (await queue.send("sync.portal", ranked, { priority: syncPriority({ kind: "full", expected: size }) })))
          return { runId: first, outcome: "ranked" };
        let outcome = await runSync(deps, first, { signal });
        // Drain: a run requested while this one was queued or running (its job was dropped by the
        // queue's one-per-portal rule) runs now, so no request is lost. So does a run still
        // `running` from a dead worker: this job is the portal's only active one (stately queue).
        // A run taken over by another worker is left to it, with whatever is queued behind it.
        while (outcome === "finished" && !signal.aborted) {
          const next = await oldestUnfinishedRun(db, data.portalId);
          if (!next) break;
          outcome = await runSync(deps, next.id, { signal });
        }
        if (signal.aborted) {
          // The worker is stopping: what is left goes to the next worker now, not when this job
          // would be retried. The queue allows one waiting job beside this active one.
          const left = await oldestUnfinishedRun(db, data.portalId);
          if (left) await scheduler.requestSync({ portalId: data.portalId, kind: left.kind, runId: left.id, expected: left.expected });
        }
        return { runId: first, outcome };
      },
    },
    "sync.scheduleAll": async () => {
      await resumeStaleSyncRuns(resumeDeps);
      const now = deps.clock.now();
      const due = await portalsDueForSync(db, now);
      // Private apps share a daily limit with the client's other integrations: keep the reserve.
      const heldBack = await portalsUnderDailyReserve(db, due, now, deps.settings.dailyReservePercent);
      for (const h of heldBack)
        log.info(
          { portalId: h.portalId, dailyLimit: h.limit, dailyRemaining: h.remaining },
          "scheduled sync held back: under the daily reserve",
        );
      const held = new Set(heldBack.map((h) => h.portalId));
      await requestIncrementalSyncs(
        db,
        queue,
        due.filter((id) => !held.has(id)),
      );
      // A running request whose worker died (or whose job was given up on) resumes; a queued one
      // whose job was never sent (the process stopped right after the commit) is sent again. The
      // job's singleton key and idempotent handler make both safe.
      const { resumed } = await resumeStaleStatusRequests(resumeDeps);
      const stranded = await strandedQueuedRequests(db, now);
      for (const id of stranded) await scheduler.executeStatusRequest?.(id);
      return { enqueued: due.length - held.size, heldBack: held.size, statusRequests: stranded.length + resumed.length };
    },
    // Idempotent: a retried job finds the request's recorded import instead of creating another.
    "status.execute": {
      concurrency: 2,
      handler: async ({ data, signal }) => {
        const outcome = await executeStatusRequest(deps, data.requestId, { signal });
        // Handed back at a stop: the next worker resumes it now (the import is recorded, never repeated).
        if (outcome.state === "released") await scheduler.executeStatusRequest?.(data.requestId);
        return outcome;
      },
    },
    "alerts.deliver": async ({ data, attempt }) => {
      const outcome = await deliverAlert(webhookDeps, data.deliveryId);
      // Throwing makes pg-boss retry with its backoff; the row has counted the attempt. "failed"
      // (attempts used up, or an address the policy refuses) returns: no retry.
      if (outcome.status === "pending") throw new Error(`Alert delivery attempt ${attempt} failed: ${outcome.error}`);
      return outcome;
    },
    "requests.notify": async ({ data }) =>
      deliverRequestNotice({ ...webhookDeps, mail: deps.mail, appUrl: deps.appUrl }, data.requestId, data.kind),
    "snapshot.daily": async ({ data }) => takeDailySnapshots(db, data.portalId, () => deps.clock.now()),
  };
}
