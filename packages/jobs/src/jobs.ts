import { z } from "zod";

import { defineJobs, type JobInput, type JobName } from "./registry";

/** The singleton key of everything that syncs one portal: at most one queued and one running. */
export function portalSyncKey(portalId: string): string {
  return `portal:${portalId}`;
}

/** The singleton key of one marketing-status request's execution: at most one queued and one running. */
export function statusRequestKey(requestId: string): string {
  return `status:${requestId}`;
}

/**
 * The product's jobs: names and payloads shared by the web app (which enqueues) and the worker
 * (which registers handlers). Handlers live in the api/worker layer, not here.
 */
export const jobs = defineJobs({
  "sync.portal": {
    description: "Sync one portal's contacts from HubSpot, resuming from the sync run's checkpoint.",
    schema: z.strictObject({
      portalId: z.uuid(),
      kind: z.enum(["full", "incremental"]),
      /** The sync_runs row to continue; absent: the handler creates one. */
      runId: z.uuid().optional(),
    }),
    // stately: one queued + one active per portal; a second request while one is queued is dropped
    // (send returns null), a request during a run is queued behind it, so no change is missed.
    // expireInSeconds bounds one run (see README, "Checkpoints"): longer runs work in slices.
    queue: { policy: "stately", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 * 60 },
    singletonKey: (p) => portalSyncKey(p.portalId),
  },
  "snapshot.daily": {
    description: "Record the daily usage snapshot of one portal, or of every portal when none is given.",
    schema: z.strictObject({ portalId: z.uuid().optional() }),
    // short: at most one queued per key; a repeated trigger before it runs changes nothing.
    queue: { policy: "short", retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 30 * 60 },
    singletonKey: (p) => (p.portalId ? `snapshot:${p.portalId}` : "snapshot:all"),
  },
  "status.execute": {
    description: "Execute one approved marketing-status request: HubSpot import, poll, verify by re-reading the contacts.",
    schema: z.strictObject({ requestId: z.uuid() }),
    // singleton per request: a second send while one is queued or running is dropped, and the
    // handler itself is idempotent (the import id is recorded on the request), so retries are safe.
    queue: { policy: "stately", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 30 * 60 },
    singletonKey: (p) => statusRequestKey(p.requestId),
  },
  "alerts.deliver": {
    description: "POST one raised alert, signed, to the agency's webhook; retried with backoff until delivered.",
    schema: z.strictObject({ deliveryId: z.uuid({ message: "alerts.deliver needs the alert_deliveries row id" }) }),
    // 6 attempts (api's MAX_DELIVERY_ATTEMPTS) over about 15 minutes; one job per delivery.
    queue: { policy: "standard", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 },
    singletonKey: (p) => `alert-delivery:${p.deliveryId}`,
  },
  "requests.notify": {
    description:
      "Email the notices of one step of a status request (when SMTP_URL is set) and POST it, signed, to the agency's alert webhook.",
    schema: z.strictObject({
      requestId: z.uuid(),
      kind: z.enum(["approval_needed", "approved", "rejected", "finished", "failed", "expired"]),
    }),
    // Emails are marked as sent one by one, so a retry (a webhook that did not answer) sends none twice.
    queue: { policy: "standard", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 5 * 60 },
    singletonKey: (p) => `request-notice:${p.requestId}:${p.kind}`,
  },
  "sync.scheduleAll": {
    description: "Enqueue an incremental sync.portal for every connected portal that is due.",
    schema: z.strictObject({}),
    queue: { policy: "short", retryLimit: 2, retryDelay: 30, expireInSeconds: 10 * 60 },
    singletonKey: () => "sync.scheduleAll",
  },
});

export type Jobs = typeof jobs;

export interface ScheduleDefinition<N extends JobName<Jobs> = JobName<Jobs>> {
  name: N;
  /** Five-field cron; pg-boss checks schedules about every 30 s, so minute granularity. */
  cron: string;
  data: JobInput<Jobs, N>;
  tz?: string;
}

/** Installed by `runWorker` unless it is given others. */
export const defaultSchedules: ScheduleDefinition[] = [
  { name: "sync.scheduleAll", cron: "*/15 * * * *", data: {} },
  { name: "snapshot.daily", cron: "15 2 * * *", data: {}, tz: "UTC" },
];
