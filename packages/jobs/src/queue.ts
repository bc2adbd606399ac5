import PgBoss from "pg-boss";

import { logger as rootLogger } from "@marketable/logger";

import { bossConnection } from "./connection";
import { jobs as productJobs, type Jobs } from "./jobs";
import { forEachLimited } from "./limit";
import { ensureQueue, recoverActive } from "./queueSetup";
import type { CreateJobQueueOptions, JobHandler, JobQueue, StoredSchedule } from "./queueTypes";
import { parsePayload, type JobPayload, type JobRegistry } from "./registry";
import { runJob } from "./runJob";
import { settleAndClose } from "./settleFetches";

export type {
  CreateJobQueueOptions,
  DefineOptions,
  JobContext,
  JobHandler,
  JobQueue,
  JobRecord,
  JobState,
  SendOptions,
  StoredSchedule,
} from "./queueTypes";

/** The product's job queue over pg-boss: see JobQueue for what each method promises. */
export function createJobQueue<R extends JobRegistry = Jobs>(options: CreateJobQueueOptions<R>): JobQueue<R> {
  const registry = (options.registry ?? productJobs) as R;
  const log = (options.log ?? rootLogger).child({ component: "jobs" });
  const maintenance = options.maintenance ?? true;
  const schema = options.schema ?? "pgboss";
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid pg-boss schema name "${schema}"`);
  const recoverActiveOnStart = options.recoverActiveOnStart ?? options.handle.kind !== "postgres";
  const boss = new PgBoss({
    ...bossConnection(options.handle, { maxConnections: options.maxConnections }),
    schema,
    supervise: maintenance,
    schedule: maintenance,
    migrate: true,
  });
  // pg-boss emits 'error' for failed polls and maintenance; unhandled, Node would throw it.
  boss.on("error", (error) => log.error({ err: error }, "pg-boss error"));

  /** Aborted when the queue stops, so long handlers save a checkpoint, release their work and return. */
  const abort = new AbortController();
  /** After shutdown pg-boss has already failed (re-queued) our running jobs: do not touch them. */
  let shutDown = false;
  const workerIds = new Map<string, string[]>();

  const runner = { boss, registry, log, signal: abort.signal, shutDown: () => shutDown };

  function definition(name: string) {
    const def = registry[name];
    if (!def) throw new Error(`Unknown job "${name}": add it to the registry`);
    return def;
  }

  const queue: JobQueue<R> = {
    registry,
    kind: options.handle.kind,
    boss,

    async start() {
      await boss.start();
      for (const [name, def] of Object.entries(registry)) await ensureQueue(boss, name, def.queue ?? {});
      if (recoverActiveOnStart) await recoverActive(boss, schema, registry, log);
    },

    async stop({ graceful = true, timeout = 30_000 } = {}) {
      if (graceful) {
        // Stop fetching first, then tell running handlers: a long one (a sync) checkpoints,
        // releases its work for another worker and returns well within the timeout, and no job
        // is fetched here after the signal.
        for (const name of workerIds.keys()) await boss.offWork(name);
      }
      abort.abort(new Error("job queue stopping"));
      await boss.stop({ graceful, timeout, wait: true, close: false });
      shutDown = true;
      // A fetch in flight at the stop lands afterwards: runJob releases its jobs, then the pool closes.
      await settleAndClose(boss);
    },

    async define(name, { handler, batchSize = 1, concurrency, pollingIntervalSeconds, ...settings }) {
      const def = definition(name);
      const overrides = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
      if (Object.keys(overrides).length > 0) await ensureQueue(boss, name, { ...def.queue, ...overrides });
      const lanes = concurrency ?? batchSize;
      // pg-boss fetches the next batch only when the whole batch is done: with batchSize 1, one
      // poller runs one job at a time whatever the concurrency (a worker synced one portal at a
      // time). So `lanes` jobs at once need that many pollers, each with its share of the lanes;
      // a long job then holds only its own poller.
      const pollers = Math.max(1, Math.ceil(lanes / batchSize));
      const ids: string[] = [];
      for (let i = 0; i < pollers; i++) {
        const poller = { id: "" };
        poller.id = await boss.work<unknown>(
          name,
          { batchSize, includeMetadata: true, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) },
          // Each job is completed or failed on its own, so one failure does not retry the batch;
          // pg-boss's own complete of the batch afterwards only touches jobs still active.
          async (batch) => {
            await forEachLimited(batch, Math.ceil(lanes / pollers), (job) => runJob(runner, name, handler as JobHandler<unknown>, job));
            // pg-boss waits out the polling interval after every fetch, jobs or not: a lane took
            // one job per 2 s (a fleet's 500 quick incremental syncs took two minutes on 8 lanes).
            // More may be waiting: fetch again at once (an empty fetch then waits as usual).
            if (poller.id) boss.notifyWorker(poller.id);
          },
        );
        ids.push(poller.id);
      }
      workerIds.set(name, ids);
      return ids[0]!;
    },

    async send(name, data, sendOptions = {}) {
      const def = definition(name);
      const payload = parsePayload(name, def.schema, data) as object;
      const { expireInSeconds, ...rest } = sendOptions;
      const singletonKey = sendOptions.singletonKey ?? def.singletonKey?.(payload);
      const id = await boss.send(name, payload, {
        ...rest,
        ...(expireInSeconds !== undefined ? { expireInSeconds } : {}),
        ...(singletonKey !== undefined ? { singletonKey } : {}),
      });
      // In-process worker (embedded mode): fetch now instead of at the next poll.
      if (id) for (const workerId of workerIds.get(name) ?? []) boss.notifyWorker(workerId);
      return id;
    },

    async sendMany(name, items, sendOptions = {}) {
      const def = definition(name);
      const rows = items.map((item) => {
        const data = parsePayload(name, def.schema, item) as object;
        const singletonKey = def.singletonKey?.(data);
        const startAfter = sendOptions.startAfter instanceof Date ? sendOptions.startAfter.toISOString() : undefined;
        return { name, data, priority: sendOptions.priority, singletonKey, startAfter };
      });
      if (rows.length > 0) await boss.insert(rows);
      for (const workerId of workerIds.get(name) ?? []) boss.notifyWorker(workerId);
    },

    async schedule(name, cron, data, scheduleOptions = {}) {
      const payload = parsePayload(name, definition(name).schema, data) as object;
      await boss.schedule(name, cron, payload, { tz: scheduleOptions.tz ?? "UTC" });
    },

    async unschedule(name) {
      await boss.unschedule(name);
    },

    async getSchedules() {
      const rows = (await boss.getSchedules()) as unknown as Array<StoredSchedule & Record<string, unknown>>;
      return rows.map(({ name, cron, timezone, data }) => ({ name, cron, timezone, data }));
    },

    async getJob(name, id) {
      const job = await boss.getJobById<JobPayload<R, typeof name>>(name, id, { includeArchive: true });
      if (!job) return null;
      return {
        id: job.id,
        name: job.name,
        data: job.data,
        state: job.state,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
        singletonKey: job.singletonKey,
        createdOn: job.createdOn,
        startedOn: job.startedOn ?? null,
        completedOn: job.completedOn,
        output: job.output,
      };
    },

    async cancel(name, ids) {
      await boss.cancel(name, Array.isArray(ids) ? ids : [ids]);
    },

    async replaceDead(name, data, { startedBefore }) {
      const def = definition(name);
      const singletonKey = def.singletonKey?.(parsePayload(name, def.schema, data));
      if (singletonKey === undefined) throw new Error(`${String(name)} has no singleton key: there is no dead job to find`);
      const { rows } = await boss
        .getDb()
        .executeSql(
          `select id, state, started_on from ${schema}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry', 'active')`,
          [name, singletonKey],
        );
      const jobs = rows as { id: string; state: "created" | "retry" | "active"; started_on: Date | string | null }[];
      const isDead = (j: (typeof jobs)[number]) => j.state === "active" && j.started_on !== null && new Date(j.started_on) < startedBefore;
      const cancelled = jobs.filter(isDead).map((j) => j.id);
      if (cancelled.length > 0) await queue.cancel(name, cancelled);
      const carriesOn = jobs.some((j) => !isDead(j));
      return { cancelled, jobId: carriesOn ? null : await queue.send(name, data) };
    },
  };
  return queue;
}
