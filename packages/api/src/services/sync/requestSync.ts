import { syncRuns, type Db } from "@marketable/db";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { JobScheduler } from "../../jobs/scheduler";
import { needsSourceDetailsBackfill } from "./sourceDetailsBackfill";

/**
 * Queues a sync of one portal unless one is already queued or running (that one is returned):
 * one sync per portal at a time, whoever asks. An incremental sync becomes a full one while the
 * portal's stored contacts still lack their apps' names (sourceDetailsBackfill.ts).
 */
export async function requestSync(db: Db, scheduler: JobScheduler, input: { portalId: string; kind: "full" | "incremental" }) {
  const run = await db.transaction(async (tx) => {
    const [active] = await tx
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.portalId, input.portalId), inArray(syncRuns.status, ["queued", "running"])))
      .orderBy(desc(syncRuns.createdAt))
      .limit(1);
    if (active) return { run: active, created: false };
    const kind = input.kind === "incremental" && (await needsSourceDetailsBackfill(tx, input.portalId)) ? "full" : input.kind;
    const [created] = await tx.insert(syncRuns).values({ portalId: input.portalId, kind, status: "queued" }).returning();
    return { run: created!, created: true };
  });
  if (run.created) await scheduler.requestSync({ portalId: input.portalId, runId: run.run.id, kind: run.run.kind });
  return run.run;
}
