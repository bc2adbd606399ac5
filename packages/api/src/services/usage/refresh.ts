import type { DbOrTx } from "@marketable/db";

import { refreshRecommendations } from "../billing/recommendations";
import { takeUsageSnapshot } from "./snapshot";
import { refreshUsageTrend } from "./trend";

/**
 * Recomputes from a portal's stored contacts what the billing panel and the roll-up read: today's
 * usage snapshot, the fitted usage trend (after the snapshot: it fits through today), and the
 * recommendation counts. Whatever changes contacts calls it in the same transaction: a sync, a
 * finished status request.
 */
export async function refreshPortalUsage(db: DbOrTx, portal: { id: string; timeZone: string }, now: Date): Promise<void> {
  await takeUsageSnapshot(db, portal, now);
  await refreshUsageTrend(db, portal, now);
  await refreshRecommendations(db, portal.id, now);
}
