import { inArray, sql } from "drizzle-orm";

import { portals, syncRuns, type Db } from "@marketable/db";
import type { Sandbox } from "@marketable/hubspot-sandbox";

import type { JobScheduler } from "../src/jobs/scheduler";
import { requestSync } from "../src/services/sync/requestSync";
import { sandboxCounts, sleep, storedCounts, type Counts } from "./fleetTally";

/**
 * A full sync of every portal, queued 16 at a time as an agency connecting its fleet at once
 * would: one at a time, the last of 500 was queued 25 s in (the workers already busy), and its
 * sync, a 300,000-contact one, ended last.
 */
export async function queueFullSyncs(db: Db, scheduler: JobScheduler, portalIds: readonly string[]): Promise<void> {
  const left = [...portalIds];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let id = left.shift(); id; id = left.shift()) await requestSync(db, scheduler, { portalId: id, kind: "full" });
    }),
  );
}

/** Sync runs queued or running across the fleet. */
export async function activeRuns(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(syncRuns)
    .where(inArray(syncRuns.status, ["queued", "running"]));
  return row!.n;
}

/** Waits until no run is queued or running (or the timeout): how many are left, how many failed. */
export async function waitForRuns(db: Db, timeoutMs: number): Promise<{ unfinished: number; failed: number }> {
  const deadline = performance.now() + timeoutMs;
  let unfinished = await activeRuns(db);
  while (unfinished > 0 && performance.now() < deadline) {
    await sleep(1_000);
    unfinished = await activeRuns(db);
  }
  const [failed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(syncRuns)
    .where(inArray(syncRuns.status, ["failed"]));
  return { unfinished, failed: failed!.n };
}

/** The portals whose stored counts (live, marketing) differ from the sandbox's. */
export async function mismatches(db: Db, sandbox: Sandbox): Promise<string[]> {
  const stored = await storedCounts(db);
  const rows = await db.select({ id: portals.id, hubId: portals.hubId }).from(portals);
  return rows
    .filter((r) => {
      const want: Counts = sandboxCounts(sandbox, Number(r.hubId));
      const got = stored.get(r.id);
      return !got || got.live !== want.live || got.marketing !== want.marketing;
    })
    .map((r) => r.id);
}
