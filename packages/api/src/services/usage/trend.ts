import { and, asc, eq, gt } from "drizzle-orm";

import { addDays, DEFAULT_TREND_WINDOW_DAYS, fitUsageTrend } from "@marketable/billing";
import { portalUsageTrends, usageSnapshots, type DbOrTx } from "@marketable/db";

import { localDay } from "./snapshot";

/**
 * Fits the portal's usage trend (packages/billing's least-squares line over the trend window)
 * and stores it with the latest counts, so the agency roll-up reads one small row per portal
 * instead of 90 days of snapshots per portal. Call after every write of the portal's snapshots
 * (sync, backfill, the daily snapshot job). A portal without snapshots gets no row.
 */
export async function refreshUsageTrend(db: DbOrTx, portal: { id: string; timeZone: string }, now: Date) {
  const today = localDay(now, portal.timeZone);
  // The window plus slack: fitUsageTrend reads back from the newest point on or before today.
  const since = addDays(today, -(DEFAULT_TREND_WINDOW_DAYS + 2));
  const snapshots = await db
    .select({ date: usageSnapshots.day, marketing: usageSnapshots.marketing, pending: usageSnapshots.pendingDemotion })
    .from(usageSnapshots)
    .where(and(eq(usageSnapshots.portalId, portal.id), gt(usageSnapshots.day, since)))
    .orderBy(asc(usageSnapshots.day));
  const current = snapshots.filter((s) => s.date <= today);
  const latest = current[current.length - 1];
  if (!latest) {
    await db.delete(portalUsageTrends).where(eq(portalUsageTrends.portalId, portal.id));
    return null;
  }
  const fit = fitUsageTrend(current, now, portal.timeZone);
  const values = {
    windowDays: fit.windowDays,
    points: fit.points,
    slopePerDay: fit.slopePerDay,
    residualStdDev: fit.residualStdDev,
    slopeStdError: fit.slopeStdError,
    anchorDay: fit.anchorDate,
    anchorValue: fit.anchorValue,
    pendingDemotion: latest.pending,
    computedAt: now,
  };
  await db
    .insert(portalUsageTrends)
    .values({ portalId: portal.id, ...values })
    .onConflictDoUpdate({ target: portalUsageTrends.portalId, set: values });
  return values;
}
