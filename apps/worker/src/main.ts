import { createJobHandlers, hubspotSettingsFromEnv } from "@marketable/api";
import { createDb } from "@marketable/db";
import { createJobQueue, installShutdownHandlers, runWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";
import { env } from "./env";

/**
 * A worker process: runs sync, snapshot and scheduling jobs from the PostgreSQL queue. Run as
 * many as you like; the queue gives each job to one of them and the HubSpot limiter is shared
 * through the database. (The embedded default runs the same handlers inside the web process.)
 */
const log = logger.child({ process: "worker" });
const handle = await createDb(env.DATABASE_URL);
const embedded = handle.kind !== "postgres";
const settings = hubspotSettingsFromEnv(env, { embedded, appUrl: env.APP_URL });
const queue = createJobQueue({ handle, log });
const worker = await runWorker({
  queue,
  handlers: createJobHandlers({ db: handle.db, settings, log, queue, concurrency: env.WORKER_CONCURRENCY }),
});
log.info({ kind: handle.kind, jobs: Object.keys(worker.workers), hubspot: settings.apiBase }, "worker started");

installShutdownHandlers(
  async () => {
    await worker.stop();
    await handle.close();
  },
  { log },
);
