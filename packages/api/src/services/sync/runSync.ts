import { contacts, portalSyncState, portals, syncRuns, type Db } from "@marketable/db";
import { upsertContacts, walkContactsModified, type PortalGateway } from "@marketable/hubspot";
import type { Logger } from "@marketable/logger";
import { and, eq, lt, sql } from "drizzle-orm";
import type { HubSpotSettings } from "../../hubspot/settings";
import { evaluateAfterSync, type AlertDeliveryScheduler } from "../alerts/afterSync";
import { refreshPortalApps } from "../integrations/refreshPortalApps";
import { backfillUsageHistory } from "../billing/usageHistory";
import { refreshPortalUsage } from "../billing/refreshPortalUsage";
import { gatewayForPortal } from "./portalGateway";

export interface SyncDeps {
  db: Db;
  settings: HubSpotSettings;
  log: Logger;
  now?: () => Date;
  /** Builds the portal's gateway; tests may shorten retries. */
  gatewayFor?: (portal: typeof portals.$inferSelect) => Promise<PortalGateway>;
  /** Where raised alerts' webhook deliveries go (the worker: the `alerts.deliver` job). */
  alerts?: AlertDeliveryScheduler;
}

/** A full sync re-reads contacts modified up to this long before it began, to close the gap. */
const OVERLAP_MS = 60_000;

/**
 * Runs (or resumes) one sync run. Idempotent and resumable: each page of contacts is written in
 * the same transaction as the run's checkpoint, so a crash at any point resumes after the last
 * committed page, and re-writing a page changes nothing. A finished run is a no-op.
 */
export async function runSync(deps: SyncDeps, runId: string): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const [run] = await deps.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run || run.status === "succeeded" || run.status === "canceled") return;
  const [portal] = await deps.db.select().from(portals).where(eq(portals.id, run.portalId));
  if (!portal?.hubId || portal.archivedAt) {
    await deps.db.update(syncRuns).set({ status: "canceled", finishedAt: now(), lastError: "The portal is archived or not connected" }).where(eq(syncRuns.id, runId));
    return;
  }
  const startedAt = run.startedAt ?? now();
  await deps.db
    .update(syncRuns)
    .set({ status: "running", startedAt, heartbeatAt: now(), attempts: sql`${syncRuns.attempts} + 1` })
    .where(eq(syncRuns.id, runId));
  const log = deps.log.child({ runId, portalId: portal.id, kind: run.kind });
  const gateway = await (deps.gatewayFor ?? ((p) => gatewayForPortal(deps, p)))(portal);
  const begin = performance.now();
  const baseProcessed = run.processed;
  const progress = async (tx: Db | Parameters<Parameters<Db["transaction"]>[0]>[0], count: number, checkpoint: typeof run.checkpoint) => {
    const elapsed = (performance.now() - begin) / 1000;
    await tx
      .update(syncRuns)
      .set({
        checkpoint,
        processed: sql`${syncRuns.processed} + ${count}`,
        requests: gateway.stats.requests,
        retries: gateway.stats.retries,
        ratePerSecond: elapsed > 0 ? (run.processed - baseProcessed + count) / elapsed : null,
        heartbeatAt: now(),
        lastError: null,
      })
      .where(eq(syncRuns.id, runId));
  };

  try {
    let highWater: Date;
    if (run.kind === "full") {
      if (run.expected === null) {
        const probe = await gateway.searchContactsModifiedSince({ since: new Date(0), limit: 1, properties: ["hs_object_id"] });
        await deps.db.update(syncRuns).set({ expected: probe.total }).where(eq(syncRuns.id, runId));
      }
      let after = run.checkpoint?.after;
      for (;;) {
        const page = await gateway.listContactsPage({ after, limit: 100 });
        await deps.db.transaction(async (tx) => {
          await upsertContacts(tx, portal.id, page.contacts, now());
          await progress(tx, page.contacts.length, { after: page.nextAfter });
        });
        if (!page.nextAfter) break;
        after = page.nextAfter;
      }
      // Contacts not seen since the run began were deleted in HubSpot.
      await deps.db
        .update(contacts)
        .set({ archived: true })
        .where(and(eq(contacts.portalId, portal.id), lt(contacts.syncedAt, startedAt), eq(contacts.archived, false)));
      highWater = new Date(startedAt.getTime() - OVERLAP_MS);
    } else {
      const [state] = await deps.db.select().from(portalSyncState).where(eq(portalSyncState.portalId, portal.id));
      const since = new Date(run.checkpoint?.since ?? state?.modifiedHighWater ?? 0);
      const until = new Date(run.checkpoint?.until ?? now());
      for await (const page of walkContactsModified(gateway, { since, until })) {
        await deps.db.transaction(async (tx) => {
          await upsertContacts(tx, portal.id, page.contacts, now());
          await progress(tx, page.contacts.length, { since: page.safeSince.toISOString(), until: until.toISOString() });
        });
      }
      highWater = until;
    }

    await deps.db.transaction(async (tx) => {
      await refreshPortalApps(tx, portal.id, now());
      // History first (days before today only), so the trend fits through it and today.
      await backfillUsageHistory(tx, portal, now());
      await refreshPortalUsage(tx, portal, now());
      const state = { modifiedHighWater: highWater, lastSyncAt: now(), lastError: null, ...(run.kind === "full" ? { lastFullSyncAt: now() } : {}) };
      await tx.insert(portalSyncState).values({ portalId: portal.id, ...state }).onConflictDoUpdate({ target: portalSyncState.portalId, set: state });
      await tx.update(syncRuns).set({ status: "succeeded", finishedAt: now(), heartbeatAt: now() }).where(eq(syncRuns.id, runId));
    });
    await evaluateAfterSync(deps, portal, now());
    log.info({ processed: (await deps.db.select({ p: syncRuns.processed }).from(syncRuns).where(eq(syncRuns.id, runId)))[0]?.p, stats: gateway.stats }, "sync finished");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, "sync attempt failed");
    await deps.db.update(syncRuns).set({ status: "failed", lastError: message, heartbeatAt: now() }).where(eq(syncRuns.id, runId));
    await deps.db
      .insert(portalSyncState)
      .values({ portalId: portal.id, lastError: message, lastErrorAt: now() })
      .onConflictDoUpdate({ target: portalSyncState.portalId, set: { lastError: message, lastErrorAt: now() } });
    await evaluateAfterSync(deps, portal, now());
    throw error;
  }
}
