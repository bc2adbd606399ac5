// First: the settings are checked (and a bad one reported) before anything heavy loads.
import { env } from "./env";
import { createJobHandlers, resumeStaleStatusRequests, resumeStaleSyncRuns, webhookPolicyFromEnv } from "@marketable/api";
import { checkDatabase, createDb, exitWithConfigError } from "@marketable/db";
import { createJobQueue, installShutdownHandlers, runWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";

/**
 * A worker process: runs sync, snapshot and scheduling jobs from the PostgreSQL queue. Run as
 * many as you like; the queue gives each job to one of them and the HubSpot limiter is shared
 * through the database. (The embedded default runs the same handlers inside the web process.)
 */
const log = logger.child({ process: "worker" });
// Fail fast, in one line: an unreachable database or one whose schema is older than this code.
await checkDatabase(env.databaseUrl, { requireMigrated: true }).catch((error: unknown) => exitWithConfigError(error, "worker cannot start"));
const handle = await createDb(env.databaseUrl);
const settings = env.hubspot;
const queue = createJobQueue({ handle, log, ...(env.WORKER_RECOVER_ACTIVE === "1" ? { recoverActiveOnStart: true } : {}) });
const worker = await runWorker({
  queue,
  handlers: createJobHandlers({ db: handle.db, settings, log, queue, webhookPolicy: webhookPolicyFromEnv(env), concurrency: env.WORKER_CONCURRENCY }),
});
log.info({ kind: handle.kind, jobs: Object.keys(worker.workers), hubspot: settings.apiBase }, "worker started");
// A sync or a status request a killed worker left `running` resumes now rather than when its job
// expires (an hour for a sync, 30 minutes for a status request).
const staleAfterMs = env.WORKER_STALE_RUN_SECONDS * 1000;
const { resumed } = await resumeStaleSyncRuns({ db: handle.db, queue, log }, { staleAfterMs });
if (resumed.length > 0) log.info({ resumed }, "resumed stale sync runs");
const { resumed: requests } = await resumeStaleStatusRequests({ db: handle.db, queue, log }, { staleAfterMs });
if (requests.length > 0) log.info({ requests }, "resumed stale status requests");

installShutdownHandlers(
  async () => {
    await worker.stop();
    await handle.close();
  },
  { log },
);
