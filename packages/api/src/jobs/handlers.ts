import { portalConnections, portals, portalSyncState, statusRequests, syncRuns, type Db } from "@marketable/db";
import type { Handlers, JobQueue, Jobs } from "@marketable/jobs";
import type { Logger } from "@marketable/logger";
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { HubSpotSettings, SyncScheduler } from "../hubspot/settings";
import type { AlertDeliveryScheduler } from "../services/alerts/afterSync";
import { deliverAlert } from "../services/alerts/deliverAlert";
import { PUBLIC_ADDRESSES_ONLY, type WebhookTargetPolicy } from "../services/alerts/webhookTarget";
import { requestIncrementalSyncs, requestSync } from "../services/sync/requestSync";
import { resumeStaleSyncRuns } from "../services/sync/resumeStaleRuns";
import { runSync } from "../services/sync/runSync";
import { probeSyncSize, syncPriority } from "../services/sync/syncOrder";
import { refreshUsageTrend } from "../services/billing/usageTrend";
import { takeUsageSnapshot } from "../services/sync/usageSnapshot";
import { portalsUnderDailyReserve } from "../services/sync/dailyReserve";
import { executeStatusRequest } from "../services/statusRequests/executeRequest";
import { resumeStaleStatusRequests } from "../services/statusRequests/resumeStaleRequests";
import { deliverRequestNotice } from "../services/notifications/deliverRequestNotice";
import type { SendMail } from "@marketable/auth/mailer";
import type { RequestNoticeKind } from "../services/notifications/requestNotices";

/** Syncs are started through the queue: one `sync.portal` job per run. */
export function queueScheduler(queue: JobQueue<Jobs>): SyncScheduler {
  return {
    async requestSync({ portalId, runId, kind }) {
      await queue.send("sync.portal", { portalId, runId, kind }, { priority: syncPriority({ kind, expected: null }) });
    },
    async executeStatusRequest(requestId) {
      await queue.send("status.execute", { requestId });
    },
    async notifyRequest(requestId, kind) {
      await queue.send("requests.notify", { requestId, kind });
    },
  };
}

/** Raised alerts' webhook deliveries go through the queue: one `alerts.deliver` job each. */
export function queueAlertScheduler(queue: JobQueue<Jobs>): AlertDeliveryScheduler {
  return {
    async deliver(deliveryId) {
      await queue.send("alerts.deliver", { deliveryId });
    },
  };
}

/** How often a connected portal gets an incremental sync when nothing else asks for one. */
export const INCREMENTAL_EVERY_MS = 15 * 60_000;

/**
 * A portal synced more recently than this (a manual sync, a webhook's fallback) sits this tick
 * out. Not the full 15 minutes: a run the previous tick queued finishes after that tick, so its
 * `lastSyncAt` is always less than 15 minutes old at the next one, and every portal was synced
 * every other tick (30 minutes; the fleet bench found it).
 */
export const RECENTLY_SYNCED_MS = INCREMENTAL_EVERY_MS / 2;

export interface HandlerDeps {
  db: Db;
  settings: HubSpotSettings;
  log: Logger;
  queue: JobQueue<Jobs>;
  /** Where alert webhooks may be delivered; absent: public addresses only. */
  webhookPolicy?: WebhookTargetPolicy;
  /** Portals synced at once by this process. */
  concurrency?: number;
  /** This process's worker id (claimWorkerId), marked on the runs it works on. */
  workerId?: string;
  /** The SMTP sender when SMTP_URL is set: status-request notices are emailed too. */
  mail?: SendMail;
  /** The portal's public address (APP_URL), for links in emails and webhook bodies. */
  appUrl?: string;
  /** The schedule's clock (default: the system's); the fleet bench runs it faster than real time. */
  now?: () => Date;
}

/** The worker's handlers for the product's jobs (the same in the embedded and worker processes). */
export function createJobHandlers(deps: HandlerDeps): Handlers<Jobs> {
  const scheduler = queueScheduler(deps.queue);
  const syncDeps = { db: deps.db, settings: deps.settings, log: deps.log, alerts: queueAlertScheduler(deps.queue), workerId: deps.workerId };
  const notify = (requestId: string, kind: RequestNoticeKind) => scheduler.notifyRequest!(requestId, kind);
  return {
    "sync.portal": {
      concurrency: deps.concurrency ?? 4,
      handler: async ({ data, signal }) => {
        const runDeps = { ...syncDeps, signal };
        const first = data.runId ?? (await requestSync(deps.db, { requestSync: async () => {} }, data)).id;
        // A full sync of unknown size goes back to the queue ranked by its size (syncOrder.ts);
        // sent while this job is active, unless the portal's next job already waits (null).
        const size = await probeSyncSize(runDeps, first);
        const ranked = { portalId: data.portalId, kind: "full" as const, runId: first };
        if (size !== null && (await deps.queue.send("sync.portal", ranked, { priority: syncPriority({ kind: "full", expected: size }) }))) return { runId: first, outcome: "ranked" };
        const oldestUnfinished = async () =>
          (
            await deps.db
              .select({ id: syncRuns.id, kind: syncRuns.kind, expected: syncRuns.expected })
              .from(syncRuns)
              .where(and(eq(syncRuns.portalId, data.portalId), inArray(syncRuns.status, ["queued", "running"])))
              .orderBy(asc(syncRuns.createdAt))
              .limit(1)
          )[0];
        let outcome = await runSync(runDeps, first);
        // Drain: a run requested while this one was queued or running (its job was dropped by the
        // queue's one-per-portal rule) runs now, so no request is lost. So does a run still
        // `running` from a dead worker: this job is the portal's only active one (stately queue).
        // A run taken over by another worker is left to it, with whatever is queued behind it.
        while (outcome === "finished" && !signal.aborted) {
          const next = await oldestUnfinished();
          if (!next) break;
          outcome = await runSync(runDeps, next.id);
        }
        if (signal.aborted) {
          // The worker is stopping: what is left goes to the next worker now, not when this job
          // would be retried. The queue allows one waiting job beside this active one.
          const left = await oldestUnfinished();
          if (left) await deps.queue.send("sync.portal", { portalId: data.portalId, kind: left.kind, runId: left.id }, { priority: syncPriority(left) });
        }
        return { runId: first, outcome };
      },
    },
    "sync.scheduleAll": async () => {
      await resumeStaleSyncRuns({ db: deps.db, queue: deps.queue, log: deps.log });
      const now = deps.now?.() ?? new Date();
      const due = new Date(now.getTime() - RECENTLY_SYNCED_MS);
      const rows = await deps.db
        .select({ id: portals.id })
        .from(portals)
        .innerJoin(portalConnections, eq(portalConnections.portalId, portals.id))
        .leftJoin(portalSyncState, eq(portalSyncState.portalId, portals.id))
        .where(and(isNull(portals.archivedAt), or(isNull(portalSyncState.lastSyncAt), lt(portalSyncState.lastSyncAt, due))));
      // Private apps share a daily limit with the client's other integrations: keep the reserve.
      const heldBack = await portalsUnderDailyReserve(deps.db, rows.map((r) => r.id), now, deps.settings.dailyReservePercent);
      for (const h of heldBack) deps.log.info({ portalId: h.portalId, dailyLimit: h.limit, dailyRemaining: h.remaining }, "scheduled sync held back: under the daily reserve");
      const held = new Set(heldBack.map((h) => h.portalId));
      await requestIncrementalSyncs(deps.db, deps.queue, rows.filter((r) => !held.has(r.id)).map((r) => r.id));
      // A running request whose worker died (or whose job was given up on) resumes; a queued one
      // whose job was never sent (the process stopped right after the commit) is sent again. The
      // job's singleton key and idempotent handler make both safe.
      const { resumed } = await resumeStaleStatusRequests({ db: deps.db, queue: deps.queue, log: deps.log });
      const stranded = await deps.db
        .select({ id: statusRequests.id })
        .from(statusRequests)
        .where(and(eq(statusRequests.state, "queued"), lt(statusRequests.updatedAt, new Date(now.getTime() - 10 * 60_000))));
      for (const { id } of stranded) await scheduler.executeStatusRequest!(id);
      return { enqueued: rows.length - held.size, heldBack: held.size, statusRequests: stranded.length + resumed.length };
    },
    // Idempotent: a retried job finds the request's recorded import instead of creating another.
    "status.execute": {
      concurrency: 2,
      handler: async ({ data, signal }) => {
        const outcome = await executeStatusRequest({ ...syncDeps, signal, notify }, data.requestId);
        // Handed back at a stop: the next worker resumes it now (the import is recorded, never repeated).
        if (outcome.state === "released") await deps.queue.send("status.execute", { requestId: data.requestId });
        return outcome;
      },
    },
    "alerts.deliver": async ({ data, attempt }) => {
      const outcome = await deliverAlert({ db: deps.db, keyring: deps.settings.keyring, policy: deps.webhookPolicy ?? PUBLIC_ADDRESSES_ONLY }, data.deliveryId);
      // Throwing makes pg-boss retry with its backoff; the row has counted the attempt. "failed"
      // (attempts used up, or an address the policy refuses) returns: no retry.
      if (outcome.status === "pending") throw new Error(`Alert delivery attempt ${attempt} failed: ${outcome.error}`);
      return outcome;
    },
    "requests.notify": async ({ data }) =>
      deliverRequestNotice(
        { db: deps.db, keyring: deps.settings.keyring, policy: deps.webhookPolicy ?? PUBLIC_ADDRESSES_ONLY, mail: deps.mail, appUrl: deps.appUrl ?? "http://localhost:3000" },
        data.requestId,
        data.kind,
      ),
    "snapshot.daily": async ({ data }) => {
      const targets = await deps.db
        .select({ id: portals.id, timeZone: portals.timeZone })
        .from(portals)
        .where(data.portalId ? eq(portals.id, data.portalId) : and(isNull(portals.archivedAt), inArray(portals.connectionStatus, ["connected"])));
      for (const portal of targets) {
        const now = new Date();
        await takeUsageSnapshot(deps.db, portal, now);
        await refreshUsageTrend(deps.db, portal, now);
      }
      return { portals: targets.length };
    },
  };
}
