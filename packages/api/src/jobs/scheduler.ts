import type { JobQueue, Jobs } from "@marketable/jobs";

import type { RequestNoticeKind } from "../services/notifications/requestNotices";
import { syncPriority } from "../services/sync/syncOrder";

/**
 * Where services hand work to the worker: the app wires it to the job queue (`queueScheduler`);
 * tests may record what is asked and run the job themselves. The optional steps, when absent,
 * leave their rows for a worker's sweep (executions) or pending (notices, alert deliveries).
 */
export interface JobScheduler {
  /** Queues a run's `sync.portal` job; `expected` (the run's probed size, if known) ranks a full sync (syncOrder.ts). */
  requestSync(input: { portalId: string; runId: string; kind: "full" | "incremental"; expected?: number | null }): Promise<void>;
  /** Queues the `status.execute` job of a request; absent: the request waits for a worker sweep. */
  executeStatusRequest?(requestId: string): Promise<void>;
  /** Queues the email and webhook of a request's step (its in-app notices are already written). */
  notifyRequest?(requestId: string, kind: RequestNoticeKind): Promise<void>;
  /** Queues the webhook delivery of a raised alert (`alerts.deliver`); absent, it stays pending. */
  deliverAlert?(deliveryId: string): Promise<void>;
}

/**
 * The scheduler over the job queue: one job per request. Takes the queue or a function that
 * starts it on first use (the web process starts its queue lazily).
 */
export function queueScheduler(queue: JobQueue<Jobs> | (() => Promise<JobQueue<Jobs>>)): Required<JobScheduler> {
  const ready = async () => (typeof queue === "function" ? queue() : queue);
  return {
    async requestSync({ portalId, runId, kind, expected }) {
      await (
        await ready()
      ).send("sync.portal", { portalId, runId, kind }, { priority: syncPriority({ kind, expected: expected ?? null }) });
    },
    async executeStatusRequest(requestId) {
      await (await ready()).send("status.execute", { requestId });
    },
    async notifyRequest(requestId, kind) {
      await (await ready()).send("requests.notify", { requestId, kind });
    },
    async deliverAlert(deliveryId) {
      await (await ready()).send("alerts.deliver", { deliveryId });
    },
  };
}
