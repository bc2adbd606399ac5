import { portalSyncState, type DbOrTx } from "@marketable/db";
import { eq } from "drizzle-orm";

/**
 * Contacts stored before the product read `hs_object_source_detail_1` named their apps from
 * `hs_object_source_label`, which holds the record source code ("INTEGRATION"), not a name.
 * Migration 0009 marks those portals (`source_details_pending_since`); their next sync, scheduled
 * or manual, is a full one, which re-reads every contact and so stores every app's name. A full
 * sync finished after the mark clears the need.
 */
export async function needsSourceDetailsBackfill(db: DbOrTx, portalId: string): Promise<boolean> {
  const [state] = await db
    .select({ pendingSince: portalSyncState.sourceDetailsPendingSince, lastFullSyncAt: portalSyncState.lastFullSyncAt })
    .from(portalSyncState)
    .where(eq(portalSyncState.portalId, portalId));
  if (!state?.pendingSince) return false;
  return !state.lastFullSyncAt || state.lastFullSyncAt.getTime() < state.pendingSince.getTime();
}
