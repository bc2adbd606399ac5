import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * How often a running sync or status request writes its heartbeat, by timer, whatever it is
 * waiting on (rate limits, a HubSpot import), besides every committed page.
 */
export const RUN_HEARTBEAT_MS = 10_000;

/**
 * A run whose heartbeat is older than this is taken for dead (four missed beats and a margin),
 * unless WORKER_STALE_RUN_SECONDS says otherwise.
 */
export const STALE_RUN_MS = 45_000;

/** How often every live worker looks for dead runs (WORKER_RESUME_CHECK_SECONDS). */
export const STALE_CHECK_MS = 15_000;

/** Who is looking: a worker knows its own id, and when its current life began. */
export interface ResumingWorker {
  workerId: string;
  /** This process's start: a run marked with our id and an older heartbeat is our dead predecessor's. */
  startedAt: Date;
  /** PostgreSQL: worker ids are advisory locks (claimWorkerId), so a dead owner shows at once. */
  locksShowLiveness: boolean;
}

/**
 * Whether the worker named in `owner` is gone: no session holds its advisory lock (see
 * packages/jobs' claimWorkerId, which takes `marketable-worker:<id>` as a 64-bit key; pg_locks
 * shows such a key as classid = high 32 bits, objid = low 32 bits, objsubid = 1).
 */
function ownerGone(owner: AnyPgColumn): SQL {
  return sql`(${owner} is not null and not exists (
    select 1 from pg_locks l
    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and l.database = (select oid from pg_database where datname = current_database())
      and ((l.classid::int8 << 32) | l.objid::int8) = hashtextextended('marketable-worker:' || ${owner}, 0)))`;
}

/**
 * Which `running` rows are dead: a heartbeat older than `cutoff`; or, for a worker, a row marked
 * with its own id from before its start (its earlier life was killed), or one whose owner no
 * longer holds its worker lock (killed, or stopped without finishing it).
 */
export function deadRunCondition(heartbeat: SQL | AnyPgColumn, owner: AnyPgColumn, cutoff: Date, worker?: ResumingWorker): SQL {
  const conditions = [sql`${heartbeat} < ${cutoff}`];
  if (worker) {
    conditions.push(sql`(${owner} = ${worker.workerId} and ${heartbeat} < ${worker.startedAt})`);
    if (worker.locksShowLiveness) conditions.push(sql`(${owner} <> ${worker.workerId} and ${ownerGone(owner)})`);
  }
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/**
 * The dead worker's job (still `active` in pg-boss) started before the run's last heartbeat: any
 * job running the run started before the run's heartbeats. A margin covers the clocks of the
 * worker (heartbeats) and of PostgreSQL (the job's start) differing by a few seconds.
 */
export function deadJobStartedBefore(lastBeat: Date | string, now: Date): Date {
  return new Date(Math.min(now.getTime(), new Date(lastBeat).getTime() + 5_000));
}
