import type PgBoss from "pg-boss";

import type { Logger } from "@marketable/logger";

import type { JobHandler } from "./queueTypes";
import { parsePayload, type JobRegistry } from "./registry";

function errorOutput(error: unknown): object {
  if (error instanceof Error) return { message: error.message, name: error.name, stack: error.stack };
  return { message: String(error) };
}

export interface JobRunnerContext {
  boss: PgBoss;
  registry: JobRegistry;
  log: Logger;
  /** Aborted when the queue stops: handed to every handler. */
  signal: AbortSignal;
  /** After shutdown pg-boss has already failed (re-queued) our running jobs: do not touch them. */
  shutDown: () => boolean;
}

/**
 * Runs one fetched job: checks its payload against the registry's schema, runs the handler, and
 * records the outcome (completed with the handler's value as output, or failed so pg-boss retries).
 */
export async function runJob(
  ctx: JobRunnerContext,
  name: string,
  handler: JobHandler<unknown>,
  job: PgBoss.JobWithMetadata<unknown>,
): Promise<void> {
  const { boss, log } = ctx;
  const jobLog = log.child({ jobId: job.id, job: name });
  const finish = async (action: () => Promise<unknown>) => {
    if (ctx.shutDown()) return;
    try {
      await action();
    } catch (error) {
      // The job stays active and maintenance expires and retries it: late, never lost.
      jobLog.error({ err: error }, "could not record the job's outcome");
    }
  };
  if (ctx.signal.aborted) {
    // Fetched while the queue was stopping (the fetch was in flight when pg-boss failed its
    // workers' jobs): nobody else will release it, so fail it now and another worker retries it
    // after the queue's retry delay instead of after it expires. Not through `finish`, which
    // writes nothing once pg-boss has shut down: pg-boss did not fail this one.
    jobLog.info("released unstarted: the queue is stopping");
    await boss.fail(name, job.id, { message: "released unstarted: the queue was stopping" }).catch((error: unknown) => {
      jobLog.error({ err: error }, "could not release the job; it is retried when it expires");
    });
    return;
  }
  let data: unknown;
  try {
    const def = ctx.registry[name];
    if (!def) throw new Error(`Unknown job "${name}": add it to the registry`);
    data = parsePayload(name, def.schema, job.data);
  } catch (error) {
    jobLog.error({ err: error }, "job payload does not match its schema");
    await finish(() => boss.fail(name, job.id, errorOutput(error)));
    return;
  }
  const started = Date.now();
  try {
    const output = await handler({ id: job.id, name, data, attempt: job.retryCount + 1, signal: ctx.signal, log: jobLog });
    jobLog.info({ ms: Date.now() - started, attempt: job.retryCount + 1 }, "job completed");
    const stored: object | undefined =
      output !== null && typeof output === "object" ? output : output === undefined ? undefined : { value: output };
    await finish(() => boss.complete(name, job.id, stored));
  } catch (error) {
    jobLog.warn({ err: error, attempt: job.retryCount + 1 }, "job attempt failed");
    await finish(() => boss.fail(name, job.id, errorOutput(error)));
  }
}
