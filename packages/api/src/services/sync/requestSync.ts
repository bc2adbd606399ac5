import { syncRuns, type Db } from "@marketable/db";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { SyncScheduler } from "../../hubspot/settings";

/**
 * Queues a sync of one portal unless one is already queued or running (that one is returned):
 * one sync per portal at a time, whoever asks.
 */
export async function requestSync(db: Db, scheduler: SyncScheduler, input: { portalId: string; kind: "full" | "incremental" }) {
  const run = await db.transaction(async (tx) => {
    const [active] = await tx
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.portalId, input.portalId), inArray(syncRuns.status, ["queued", "running"])))
      .orderBy(desc(syncRuns.createdAt))
      .limit(1);
    if (active) return { run: active, created: false };
    const [created] = await tx.insert(syncRuns).values({ portalId: input.portalId, kind: input.kind, status: "queued" }).returning();
    return { run: created!, created: true };
  });
  if (run.created) await scheduler.requestSync({ portalId: input.portalId, runId: run.run.id, kind: input.kind });
  return run.run;
}
