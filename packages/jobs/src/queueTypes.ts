import type PgBoss from "pg-boss";

import type { DbHandle, DbKind } from "@marketable/db";
import type { Logger } from "@marketable/logger";

import type { Jobs } from "./jobs";
import type { JobInput, JobName, JobPayload, JobRegistry, QueueSettings } from "./registry";

// The job queue's public shapes: what handlers receive, what senders pass, what createJobQueue returns.

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
  /** Workers take the highest first (default 0), then the oldest (one sendMany's jobs are as old as each other). An integer. */
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
   * graceful: abort the signals and fail running jobs now. Either way a job whose fetch was in
   * flight at the stop is released unrun (failed, so retried after its retry delay), not left active until it expires.
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
  replaceDead<N extends JobName<R>>(
    name: N,
    data: JobInput<R, N>,
    options: { startedBefore: Date },
  ): Promise<{ cancelled: string[]; jobId: string | null }>;
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
