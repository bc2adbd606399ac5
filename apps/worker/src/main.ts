// First: the settings are checked (and a bad one reported) before anything heavy loads. A
// side-effect import keeps its place when imports are sorted; the named one below reuses it.
import "./env";

import { createJobHandlers, createWorkerDeps, mailSettings, queueScheduler, watchStaleRuns, webhookPolicyFromEnv } from "@marketable/api";
import { createMailer } from "@marketable/auth/mailer";
import { checkDatabase, createDb, exitWithConfigError } from "@marketable/db";
import { claimWorkerId, createJobQueue, installShutdownHandlers, runWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { env } from "./env";

/**
 * A worker process: runs sync, snapshot and scheduling jobs from the PostgreSQL queue. Run as
 * many as you like; the queue gives each job to one of them and the HubSpot limiter is shared
 * through the database. (The embedded default runs the same handlers inside the web process.)
 */
// Fail fast, in one line: an unreachable database or one whose schema is older than this code.
await checkDatabase(env.databaseUrl, { requireMigrated: true }).catch((error: unknown) =>
  exitWithConfigError(error, "worker cannot start"),
);
const handle = await createDb(env.databaseUrl);
// Taken before any work: the runs this process works on are marked with it. Once we hold it, a
// predecessor with the same id is gone: every heartbeat it wrote is older than `startedAt`.
const identity = await claimWorkerId(handle, env.WORKER_ID);
const startedAt = new Date();
const log = logger.child({ process: "worker", workerId: identity.id });
const settings = env.hubspot;
// Status-request notices are emailed from whichever process takes their job: workers too.
const mail = mailSettings(env);
const queue = createJobQueue({ handle, log, ...(env.WORKER_RECOVER_ACTIVE === "1" ? { recoverActiveOnStart: true } : {}) });
const deps = createWorkerDeps({
  db: handle.db,
  settings,
  log,
  scheduler: queueScheduler(queue),
  webhookPolicy: webhookPolicyFromEnv(env),
  workerId: identity.id,
  mail: mail ? createMailer(mail) : undefined,
  appUrl: env.APP_URL,
});
const worker = await runWorker({ queue, handlers: createJobHandlers(deps, { queue, concurrency: env.WORKER_CONCURRENCY }) });
log.info({ kind: handle.kind, jobs: Object.keys(worker.workers), hubspot: settings.apiBase }, "worker started");
// Syncs and status requests a dead worker left `running` resume within a minute of their last
// heartbeat (at once for this worker's own, left by its killed predecessor), not when their job
// expires or at the 15-minute sweep.
const watch = watchStaleRuns(
  { db: handle.db, queue, log },
  {
    worker: { workerId: identity.id, startedAt, locksShowLiveness: handle.kind === "postgres" },
    staleAfterMs: env.WORKER_STALE_RUN_SECONDS * 1000,
    everyMs: env.WORKER_RESUME_CHECK_SECONDS * 1000,
  },
);

const stop = async () => {
  await watch.stop();
  // Leaves a second for closing the connections within the stop timeout.
  await worker.stop({ graceful: true, timeout: Math.max(1, env.WORKER_STOP_TIMEOUT_SECONDS - 1) * 1000 });
  await identity.release();
  await handle.close();
};
installShutdownHandlers(stop, { log });
// Lost the session that holds the id: another process may take it (and this one's runs), so stop.
void identity.lost.then((error) => {
  log.error({ err: error }, "lost the database session that holds this worker's id; stopping");
  void stop().finally(() => process.exit(1));
});
