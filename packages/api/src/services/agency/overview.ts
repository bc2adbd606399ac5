import { and, desc, eq, inArray, isNull } from "drizzle-orm";

import { portals, portalSyncState, syncRuns, type Access, type DbOrTx } from "@marketable/db";
import { can } from "@marketable/permissions";

import { inIdArray } from "../anyOf";
import { integrationsMatrix } from "../integrations/portalIntegrations";

/**
 * The Home page's "what needs attention": every figure limited to portals the person may see,
 * each with the ids needed to link to its cause. Reads aggregates only.
 */
export async function agencyOverview(db: DbOrTx, access: Access, now: Date) {
  const all = await db
    .select()
    .from(portals)
    .where(and(eq(portals.agencyId, access.agency.id), isNull(portals.archivedAt)));
  const visible = all.filter((p) => can(access.actor, "portal.view", p.id));
  const ids = visible.map((p) => p.id);
  if (ids.length === 0) return { portals: 0, connected: 0, drift: [], syncsRunning: [], syncErrors: [] };
  const withIntegrations = visible.filter((p) => can(access.actor, "integrations.view", p.id));
  const matrix = await integrationsMatrix(db, withIntegrations, now);
  const names = new Map(visible.map((p) => [p.id, p.name]));
  const running = await db
    .select({ portalId: syncRuns.portalId, processed: syncRuns.processed, expected: syncRuns.expected, status: syncRuns.status })
    .from(syncRuns)
    .where(and(inIdArray(syncRuns.portalId, ids), inArray(syncRuns.status, ["queued", "running"])))
    .orderBy(desc(syncRuns.createdAt));
  const errors = await db
    .select({
      portalId: portalSyncState.portalId,
      lastError: portalSyncState.lastError,
      at: portalSyncState.lastErrorAt,
      lastSyncAt: portalSyncState.lastSyncAt,
    })
    .from(portalSyncState)
    .where(inIdArray(portalSyncState.portalId, ids));
  return {
    portals: visible.length,
    connected: visible.filter((p) => p.connectionStatus === "connected").length,
    drift: matrix.cells
      .filter((c) => c.drift.drifting)
      .map((c) => ({
        portalId: c.portalId,
        portalName: names.get(c.portalId)!,
        appLabel: c.label,
        contactsAffected: c.drift.contactsAffected,
        driftContacts: c.driftContacts,
        monthlyCostMinor: c.drift.monthlyCostMinor,
        currency: c.currency,
      })),
    syncsRunning: running.map((r) => ({ ...r, portalName: names.get(r.portalId)! })),
    // An error newer than the last good sync is still open.
    syncErrors: errors
      .filter((e) => e.lastError && e.at && (!e.lastSyncAt || e.at > e.lastSyncAt))
      .map((e) => ({ portalId: e.portalId, portalName: names.get(e.portalId)!, message: e.lastError!, at: e.at! })),
  };
}
