import { and, eq, isNull } from "drizzle-orm";

import { portals, syncRuns } from "@marketable/db";
import type { PortalGateway } from "@marketable/hubspot";

import type { WorkerDeps } from "../../jobs/workerDeps";

/** pg-boss's priority column is a PostgreSQL integer. */
const PROBE_FIRST = 2_147_483_647;
const INCREMENTAL = 2_000_000_000;

/**
 * The `sync.portal` job's queue priority (workers take the highest first). A fleet's first sync is
 * hundreds of full syncs asked for at once; taken in the order they were asked for, a 300,000-contact
 * portal (minutes at its own rate limit however many lanes are free) could start last and sync
 * alone at the end (the fleet bench saw 5 of its 16 minutes go so). So, longest work first:
 * - a full sync of unknown size before anything: its job only probes the size (probeSyncSize) and
 *   goes back to the queue ranked by it, so every size is known within seconds;
 * - incremental syncs next: short, and they keep every portal fresh;
 * - full syncs of known size, biggest first.
 */
export function syncPriority(run: { kind: "full" | "incremental"; expected: number | null }): number {
  if (run.kind === "incremental") return INCREMENTAL;
  return run.expected === null ? PROBE_FIRST : Math.min(Math.max(0, run.expected), INCREMENTAL - 1);
}

/** How many contacts the portal holds: HubSpot's search total, from one search of one row. */
export async function countContacts(gateway: Pick<PortalGateway, "searchContactsModifiedSince">): Promise<number> {
  const probe = await gateway.searchContactsModifiedSince({ since: new Date(0), limit: 1, properties: ["hs_object_id"] });
  return probe.total;
}

/**
 * Probes a queued full sync's size before it starts and records it as the run's `expected` (its
 * progress needs it anyway: runSync then skips its own probe). The size, or null when there is
 * nothing to probe (an incremental, sized or started run; a finished one; a portal archived or
 * not connected) or the probe failed: the sync then starts now and handles the error its own way.
 */
export async function probeSyncSize(deps: Pick<WorkerDeps, "db" | "log" | "gatewayFor">, runId: string): Promise<number | null> {
  const [run] = await deps.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run || run.kind !== "full" || run.status !== "queued" || run.expected !== null || run.checkpoint) return null;
  const [portal] = await deps.db.select().from(portals).where(eq(portals.id, run.portalId));
  if (!portal?.hubId || portal.archivedAt) return null;
  try {
    const total = await countContacts(await deps.gatewayFor(portal, deps.log));
    await deps.db
      .update(syncRuns)
      .set({ expected: total })
      .where(and(eq(syncRuns.id, runId), isNull(syncRuns.expected)));
    return total;
  } catch (error) {
    deps.log.warn({ err: error, runId, portalId: portal.id }, "could not probe the sync's size; it starts now");
    return null;
  }
}
