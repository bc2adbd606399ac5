import type { DbHandle, DbKind } from "@marketable/db";
import { logger as rootLogger, type Logger } from "@marketable/logger";
import PgBoss from "pg-boss";
import { bossConnection } from "./connection";
import { jobs as productJobs, type Jobs } from "./jobs";
import { forEachLimited } from "./limit";
import { parsePayload, type JobInput, type JobName, type JobPayload, type JobRegistry, type QueueSettings } from "./registry";

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** What a handler receives for one job. */
export interface JobContext<T> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  /**
   * Aborted when the queue stops (a graceful stop then waits up to its timeout): save the
   * checkpoint, hand the rest of the work back and return.
   */
  signal: AbortSignal;
  log: Logger;
}

/**
 * A job handler. pg-boss delivers at least once: after a crash, a timeout or a stop mid-run the
 * same job runs again, so a handler must be idempotent and resumable (commit progress as a
 * checkpoint in the database; on re-run, continue from it). Throwing fails this attempt; pg-boss
 * retries it per the queue's retry settings. The resolved value is stored as the job's output.
 */
export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>;

export interface DefineOptions<T> extends Omit<QueueSettings, "policy" | "retentionMinutes"> {
  handler: JobHandler<T>;
  /** Jobs fetched per poll (default 1). Raise it for many small jobs: the loop polls at most every 0.5 s. */
  batchSize?: number;
  /** Handlers run in parallel within one fetched batch (default: batchSize). pg-boss 10's teamSize. */
  concurrency?: number;
  /** Seconds between polls when idle (default 2, minimum 0.5). */
  pollingIntervalSeconds?: number;
}

export interface SendOptions {
  /** Overrides the registry's derived key. Jobs with the same key obey the queue's policy. */
  singletonKey?: string;
  /** With singletonKey: one job per key per this many seconds (throttling). */
  singletonSeconds?: number;
  startAfter?: Date | number | string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  priority?: number;
  /** Your own id (uuid), e.g. to make the enqueue itself idempotent. */
  id?: string;
}

export interface JobRecord<T> {
  id: string;
  name: string;
  data: T;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  output: unknown;
}

export interface StoredSchedule {
  name: string;
  cron: string;
  timezone: string;
  data: unknown;
}

export interface JobQueue<R extends JobRegistry = Jobs> {
  readonly registry: R;
  readonly kind: DbKind;
  /** Installs or upgrades pg-boss's schema and creates a queue for every registry name. */
  start(): Promise<void>;
  /**
   * graceful (default): stop fetching, abort the handlers' signals (long handlers checkpoint and
   * return), wait up to `timeout` ms for running jobs, then fail the rest (they are retried). Not
   * graceful: abort the signals and fail running jobs now.
   */
  stop(options?: { graceful?: boolean; timeout?: number }): Promise<void>;
  /** Registers this process as a worker of `name`; returns pg-boss's worker id. */
  define<N extends JobName<R>>(name: N, options: DefineOptions<JobPayload<R, N>>): Promise<string>;
  /** Validates and enqueues; resolves to the job id, or null when the singleton policy dropped it. */
  send<N extends JobName<R>>(name: N, data: JobInput<R, N>, options?: SendOptions): Promise<string | null>;
  /** Validates every payload, then inserts all in one statement (no ids returned). */
  sendMany<N extends JobName<R>>(name: N, items: JobInput<R, N>[], options?: Pick<SendOptions, "startAfter" | "priority">): Promise<void>;
  /** Creates or replaces the one schedule of `name` (pg-boss keys schedules by queue name). */
  schedule<N extends JobName<R>>(name: N, cron: string, data: JobInput<R, N>, options?: { tz?: string }): Promise<void>;
  unschedule(name: JobName<R>): Promise<void>;
  getSchedules(): Promise<StoredSchedule[]>;
  /** Looks in the live and the archived jobs. */
  getJob<N extends JobName<R>>(name: N, id: string): Promise<JobRecord<JobPayload<R, N>> | null>;
  cancel(name: JobName<R>, ids: string | string[]): Promise<void>;
  /**
   * Resumes work whose worker died (the caller knows from its own heartbeat): cancels the jobs
   * left `active` under `data`'s singleton key that started before `startedBefore` (pg-boss 10
   * has no worker heartbeat; they would block a new job until they expire), then sends `data`
   * again, unless a job for the key is already waiting (`created`, or `retry` during its backoff:
   * stately queues allow one of each next to each other, so sending would run it twice) or one
   * started since (alive). `jobId` is null when nothing was sent.
   */
  replaceDead<N extends JobName<R>>(name: N, data: JobInput<R, N>, options: { startedBefore: Date }): Promise<{ cancelled: string[]; jobId: string | null }>;
  /** The underlying pg-boss instance, for what this wrapper does not cover. */
  readonly boss: PgBoss;
}

export interface CreateJobQueueOptions<R extends JobRegistry> {
  handle: DbHandle;
  registry?: R;
  log?: Logger;
  /** PostgreSQL schema of pg-boss's tables. */
  schema?: string;
  /**
   * Run maintenance (expire stuck jobs, archive, delete) and the cron clock in this instance.
   * Default true; a web process that only enqueues to separate workers can turn it off.
   */
  maintenance?: boolean;
  /** PostgreSQL only: pg-boss's own pool size (default 4). */
  maxConnections?: number;
  /**
   * At start, re-queue jobs left `active` by a previous process (they are retried at once instead
   * of after `expireInSeconds`). Only safe when this is the database's only worker process:
   * default true on PGlite (one process by construction), false on PostgreSQL.
   */
  recoverActiveOnStart?: boolean;
}

function errorOutput(error: unknown): object {
  if (error instanceof Error) return { message: error.message, name: error.name, stack: error.stack };
  return { message: String(error) };
}

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

  function definition(name: string) {
    const def = registry[name];
    if (!def) throw new Error(`Unknown job "${name}": add it to the registry`);
    return def;
  }

  async function ensureQueue(name: string, settings: QueueSettings) {
    const wanted = { name, policy: settings.policy ?? "standard", ...settings };
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) break;
      try {
        await boss.createQueue(name, wanted);
        return;
      } catch (error) {
        // Another process is creating it too (workers started together on a fresh database):
        // its insert won (23505), or the two creations deadlocked (40P01) and PostgreSQL rolled
        // ours back. Look again.
        const code = (error as { code?: string }).code;
        if ((code !== "23505" && code !== "40P01") || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
    await boss.updateQueue(name, wanted);
  }

  /** Fails (so retries) jobs a dead process left active; see `recoverActiveOnStart`. */
  async function recoverActive() {
    const { rows } = await boss
      .getDb()
      .executeSql(`select name, id from ${schema}.job where state = 'active' and name = any($1::text[])`, [Object.keys(registry)]);
    const byName = new Map<string, string[]>();
    for (const row of rows as { name: string; id: string }[]) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
    for (const [name, ids] of byName) {
      log.warn({ job: name, count: ids.length }, "re-queueing jobs left active by a previous process");
      // One call per id: pg-boss's types allow output data only with a single id.
      for (const id of ids) await boss.fail(name, id, { message: "re-queued at start: the previous process stopped while it ran" });
    }
  }

  async function runOne(name: string, handler: JobHandler<unknown>, job: PgBoss.JobWithMetadata<unknown>) {
    const jobLog = log.child({ jobId: job.id, job: name });
    const finish = async (action: () => Promise<unknown>) => {
      if (shutDown) return;
      try {
        await action();
      } catch (error) {
        // The job stays active and maintenance expires and retries it: late, never lost.
        jobLog.error({ err: error }, "could not record the job's outcome");
      }
    };
    let data: unknown;
    try {
      data = parsePayload(name, definition(name).schema, job.data);
    } catch (error) {
      jobLog.error({ err: error }, "job payload does not match its schema");
      await finish(() => boss.fail(name, job.id, errorOutput(error)));
      return;
    }
    const started = Date.now();
    try {
      const output = await handler({ id: job.id, name, data, attempt: job.retryCount + 1, signal: abort.signal, log: jobLog });
      jobLog.info({ ms: Date.now() - started, attempt: job.retryCount + 1 }, "job completed");
      const stored: object | undefined = output !== null && typeof output === "object" ? output : output === undefined ? undefined : { value: output };
      await finish(() => boss.complete(name, job.id, stored));
    } catch (error) {
      jobLog.warn({ err: error, attempt: job.retryCount + 1 }, "job attempt failed");
      await finish(() => boss.fail(name, job.id, errorOutput(error)));
    }
  }

  const queue: JobQueue<R> = {
    registry,
    kind: options.handle.kind,
    boss,

    async start() {
      await boss.start();
      for (const [name, def] of Object.entries(registry)) await ensureQueue(name, def.queue ?? {});
      if (recoverActiveOnStart) await recoverActive();
    },

    async stop({ graceful = true, timeout = 30_000 } = {}) {
      if (graceful) {
        // Stop fetching first, then tell running handlers: a long one (a sync) checkpoints,
        // releases its work for another worker and returns well within the timeout, and no job
        // is fetched here after the signal.
        for (const name of workerIds.keys()) await boss.offWork(name);
      }
      abort.abort(new Error("job queue stopping"));
      await boss.stop({ graceful, timeout, wait: true, close: true });
      shutDown = true;
    },

    async define(name, { handler, batchSize = 1, concurrency, pollingIntervalSeconds, ...settings }) {
      const def = definition(name);
      const overrides = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
      if (Object.keys(overrides).length > 0) await ensureQueue(name, { ...def.queue, ...overrides });
      const lanes = concurrency ?? batchSize;
      // pg-boss fetches the next batch only when the whole batch is done: with batchSize 1, one
      // poller runs one job at a time whatever the concurrency (a worker synced one portal at a
      // time). So `lanes` jobs at once need that many pollers, each with its share of the lanes;
      // a long job then holds only its own poller.
      const pollers = Math.max(1, Math.ceil(lanes / batchSize));
      const ids: string[] = [];
      for (let i = 0; i < pollers; i++) {
        ids.push(
          await boss.work<unknown>(
            name,
            { batchSize, includeMetadata: true, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) },
            // Each job is completed or failed on its own, so one failure does not retry the batch;
            // pg-boss's own complete of the batch afterwards only touches jobs still active.
            (batch) => forEachLimited(batch, Math.ceil(lanes / pollers), (job) => runOne(name, handler as JobHandler<unknown>, job)),
          ),
        );
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
        .executeSql(`select id, state, started_on from ${schema}.job where name = $1 and singleton_key = $2 and state in ('created', 'retry', 'active')`, [name, singletonKey]);
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
