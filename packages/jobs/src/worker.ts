import { defaultSchedules, type Jobs } from "./jobs";
import type { DefineOptions, JobHandler, JobQueue } from "./queueTypes";
import type { JobInput, JobName, JobPayload, JobRegistry } from "./registry";

/** A handler alone (defaults: one job at a time) or with its worker options. */
export type HandlerEntry<T> = JobHandler<T> | DefineOptions<T>;

export type Handlers<R extends JobRegistry> = { [N in JobName<R>]?: HandlerEntry<JobPayload<R, N>> };

export interface WorkerSchedule<R extends JobRegistry, N extends JobName<R> = JobName<R>> {
  name: N;
  cron: string;
  data: JobInput<R, N>;
  tz?: string;
}

export interface RunWorkerOptions<R extends JobRegistry> {
  queue: JobQueue<R>;
  handlers: Handlers<R>;
  /** Upserted at start; default: the product's `defaultSchedules` (when the registry is the product's). */
  schedules?: WorkerSchedule<R>[];
}

export interface RunningWorker {
  /** Worker ids by job name. */
  workers: Record<string, string>;
  stop(options?: { graceful?: boolean; timeout?: number }): Promise<void>;
}

/**
 * Starts the queue, registers the given handlers and installs the schedules. The same call runs
 * the worker inside the Next.js process (embedded mode) and in `apps/worker` (production).
 */
export async function runWorker<R extends JobRegistry = Jobs>({ queue, handlers, schedules }: RunWorkerOptions<R>): Promise<RunningWorker> {
  await queue.start();
  const workers: Record<string, string> = {};
  for (const [name, entry] of Object.entries(handlers) as [JobName<R>, HandlerEntry<unknown> | undefined][]) {
    if (!entry) continue;
    const options = typeof entry === "function" ? { handler: entry } : entry;
    workers[name] = await queue.define(name, options);
  }
  const toInstall = schedules ?? (defaultSchedules.filter((s) => s.name in queue.registry) as unknown as WorkerSchedule<R>[]);
  for (const s of toInstall) await queue.schedule(s.name, s.cron, s.data, { tz: s.tz });
  return { workers, stop: (options) => queue.stop(options) };
}
