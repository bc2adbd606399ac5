import { eq, sql } from "drizzle-orm";

import { portalSyncState, type DbOrTx } from "@marketable/db";

/** needsSourceDetailsBackfill as a condition on the portal's `portal_sync_state` row (the schedule asks for many portals at once). */
export const sourceDetailsPending = sql<boolean>`(${portalSyncState.sourceDetailsPendingSince} is not null and (${portalSyncState.lastFullSyncAt} is null or ${portalSyncState.lastFullSyncAt} < ${portalSyncState.sourceDetailsPendingSince}))`;

/**
 * Contacts stored before the product read `hs_object_source_detail_1` named their apps from
 * `hs_object_source_label`, which holds the record source code ("INTEGRATION"), not a name.
 * Migration 0009 marks those portals (`source_details_pending_since`); their next sync, scheduled
 * or manual, is a full one, which re-reads every contact and so stores every app's name. A full
 * sync finished after the mark clears the need.
 */
export async function needsSourceDetailsBackfill(db: DbOrTx, portalId: string): Promise<boolean> {
  const [state] = await db.select({ pending: sourceDetailsPending }).from(portalSyncState).where(eq(portalSyncState.portalId, portalId));
  return state?.pending === true;
}
