import "server-only";

import { env } from "~/env";

import { createJobHandlers, createWorkerDeps, queueScheduler, webhookPolicyFromEnv, type WorkerDeps } from "@marketable/api";
import { createJobQueue, runWorker, type JobQueue, type Jobs } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { getDbHandle } from "./db";
import { hubspotSettings } from "./hubspot";
import { mailer } from "./mailer";

/**
 * The job queue of this server process, on globalThis so that module reloads never start a
 * second worker. Embedded (PGlite): this process also works the queue. Production: it only
 * enqueues, and worker processes do the work.
 */
const holder = globalThis as unknown as { __marketableQueue?: Promise<JobQueue<Jobs>>; __marketableWorkerDeps?: Promise<WorkerDeps> };

async function startQueue(): Promise<JobQueue<Jobs>> {
  const handle = await getDbHandle();
  const settings = env();
  const log = logger.child({ process: "web-queue" });
  const queue = createJobQueue({ handle, log, maintenance: settings.runWorker });
  if (settings.runWorker) {
    await runWorker({ queue, handlers: createJobHandlers(await getWorkerDeps(), { queue }) });
    log.info("in-process worker started");
  } else {
    await queue.start();
  }
  return queue;
}

export function getQueue(): Promise<JobQueue<Jobs>> {
  holder.__marketableQueue ??= startQueue();
  return holder.__marketableQueue;
}

/**
 * Stops the queue if this process started it (shutdown): running jobs get `graceMs` to finish,
 * then pg-boss hands them back to the queue and they run again at the next start.
 */
export async function stopQueue(graceMs: number): Promise<void> {
  const started = holder.__marketableQueue;
  if (!started) return;
  holder.__marketableQueue = undefined;
  await (await started).stop({ graceful: true, timeout: graceMs });
}

/** Syncs, executions and notices requested from this process go through its queue, started on first use. */
export const scheduler = queueScheduler(getQueue);

/**
 * The worker side's dependencies in this process, built once: the in-process worker's handlers
 * and the HubSpot webhook route share them.
 */
export function getWorkerDeps(): Promise<WorkerDeps> {
  holder.__marketableWorkerDeps ??= (async () => {
    const settings = env();
    return createWorkerDeps({
      db: (await getDbHandle()).db,
      settings: hubspotSettings(),
      log: logger.child({ process: "web-queue" }),
      scheduler,
      webhookPolicy: webhookPolicyFromEnv(settings),
      mail: mailer() ?? undefined,
      appUrl: settings.APP_URL,
    });
  })().catch((error: unknown) => {
    // Not kept: the next caller tries again (the database may be back, as before this was shared).
    holder.__marketableWorkerDeps = undefined;
    throw error;
  });
  return holder.__marketableWorkerDeps;
}
