import type { Db } from "@marketable/db";
import type { JobQueue, Jobs } from "@marketable/jobs";
import type { Logger } from "@marketable/logger";

import { resumeStaleStatusRequests } from "../services/statusRequests/resumeStaleRequests";
import { resumeStaleSyncRuns } from "../services/sync/resumeStaleRuns";
import { STALE_CHECK_MS, STALE_RUN_MS, type ResumingWorker } from "../services/workers/runLiveness";

export interface StaleRunWatch {
  /** One look now (the watch also looks at start and every `everyMs`). */
  check(): Promise<{ syncRuns: string[]; statusRequests: string[] }>;
  stop(): Promise<void>;
}

/**
 * A worker's frequent, cheap look (two indexed queries over running rows) for syncs and status
 * requests whose worker died, so that they resume within a minute of their last heartbeat rather
 * than at the 15-minute sweep. The first look runs at once: a restarted worker takes up its own
 * dead runs before anything else. Several workers may look at the same time: each dead run is
 * claimed by one of them in SQL.
 */
export function watchStaleRuns(
  deps: { db: Db; queue: JobQueue<Jobs>; log: Logger },
  options: { worker: ResumingWorker; staleAfterMs?: number; everyMs?: number },
): StaleRunWatch {
  const staleAfterMs = options.staleAfterMs ?? STALE_RUN_MS;
  let running: Promise<unknown> | null = null;
  const check = async () => {
    const settings = { staleAfterMs, worker: options.worker };
    const { resumed: syncRuns } = await resumeStaleSyncRuns(deps, settings);
    const { resumed: statusRequests } = await resumeStaleStatusRequests(deps, settings);
    return { syncRuns, statusRequests };
  };
  const tick = () => {
    // One look at a time: a slow database must not pile them up.
    if (running) return;
    running = check()
      .catch((error: unknown) => deps.log.warn({ err: error }, "looking for stale runs failed; trying again at the next check"))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, options.everyMs ?? STALE_CHECK_MS);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
