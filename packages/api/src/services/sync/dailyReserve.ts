import { and, eq, inArray, isNull } from "drizzle-orm";

import { hubspotRateBuckets, portalConnections, portals, type DbOrTx } from "@marketable/db";
import { bucketKey, dayKey } from "@marketable/hubspot";

/**
 * Share of a private app's daily limit Marketable leaves to the client's other integrations: the
 * limit is the account's, shared by all its private apps (docs/hubspot.md, "API surface and limits").
 */
export const DEFAULT_DAILY_RESERVE_PERCENT = 20;

/** What a portal's connection may spend today, as the portal page and the scheduler see it. */
export interface DailyApiUsage {
  kind: "oauth" | "static";
  /** The account's daily limit and what was left, as HubSpot last reported (null: OAuth, or not seen today). */
  limit: number | null;
  remaining: number | null;
  checkedAt: Date | null;
  /** Requests Marketable sent today with this connection (every process, retries included). */
  usedByMarketable: number;
  reservePercent: number;
  /** Scheduled syncs wait: what is left is under the reserve. Manual syncs still run. */
  heldBack: boolean;
}

/** Under the reserve: fewer than `reservePercent` % of the daily limit left. */
export function underReserve(limit: number, remaining: number, reservePercent: number): boolean {
  return remaining < (limit * reservePercent) / 100;
}

type ConnectionFigures = {
  kind: "oauth" | "static";
  hubId: string;
  dailyLimit: number | null;
  dailyRemaining: number | null;
  dailyCheckedAt: Date | null;
};

/** The figures count only on the day they were read: the limit resets at midnight in the account's time zone. */
function todays(c: ConnectionFigures, timeZone: string, now: Date): { limit: number; remaining: number; checkedAt: Date } | null {
  if (c.kind !== "static" || c.dailyLimit === null || c.dailyRemaining === null || !c.dailyCheckedAt) return null;
  if (dayKey(c.dailyCheckedAt.getTime(), timeZone) !== dayKey(now.getTime(), timeZone)) return null;
  return { limit: c.dailyLimit, remaining: c.dailyRemaining, checkedAt: c.dailyCheckedAt };
}

/** One portal's daily API usage; null when it has no connection. */
export async function dailyApiUsage(
  db: DbOrTx,
  portal: { id: string; timeZone: string },
  now: Date,
  reservePercent = DEFAULT_DAILY_RESERVE_PERCENT,
): Promise<DailyApiUsage | null> {
  const [c] = await db
    .select({
      kind: portalConnections.kind,
      hubId: portalConnections.hubId,
      appId: portalConnections.appId,
      dailyLimit: portalConnections.dailyLimit,
      dailyRemaining: portalConnections.dailyRemaining,
      dailyCheckedAt: portalConnections.dailyCheckedAt,
    })
    .from(portalConnections)
    .where(eq(portalConnections.portalId, portal.id));
  if (!c) return null;
  // The gateway's shared limiter counts every request per hub and app in the account's day.
  const today = dayKey(now.getTime(), portal.timeZone);
  const [bucket] = await db
    .select({ count: hubspotRateBuckets.dailyCount, day: hubspotRateBuckets.dailyDate })
    .from(hubspotRateBuckets)
    .where(eq(hubspotRateBuckets.key, bucketKey(c.hubId, c.kind === "oauth" ? c.appId : null)));
  const seen = todays(c, portal.timeZone, now);
  return {
    kind: c.kind,
    limit: seen?.limit ?? null,
    remaining: seen?.remaining ?? null,
    checkedAt: seen?.checkedAt ?? null,
    usedByMarketable: bucket && bucket.day === today ? bucket.count : 0,
    reservePercent,
    heldBack: seen !== null && underReserve(seen.limit, seen.remaining, reservePercent),
  };
}

/**
 * Of the given portals, those whose scheduled syncs wait today: private-app connections whose
 * last-read daily remainder is under the reserve. OAuth installs have no daily limit.
 */
export async function portalsUnderDailyReserve(
  db: DbOrTx,
  portalIds: readonly string[],
  now: Date,
  reservePercent = DEFAULT_DAILY_RESERVE_PERCENT,
) {
  if (portalIds.length === 0) return [];
  const rows = await db
    .select({
      portalId: portals.id,
      timeZone: portals.timeZone,
      kind: portalConnections.kind,
      hubId: portalConnections.hubId,
      dailyLimit: portalConnections.dailyLimit,
      dailyRemaining: portalConnections.dailyRemaining,
      dailyCheckedAt: portalConnections.dailyCheckedAt,
    })
    .from(portals)
    .innerJoin(portalConnections, eq(portalConnections.portalId, portals.id))
    .where(and(inArray(portals.id, [...portalIds]), isNull(portals.archivedAt), eq(portalConnections.kind, "static")));
  return rows.flatMap((r) => {
    const seen = todays(r, r.timeZone, now);
    return seen && underReserve(seen.limit, seen.remaining, reservePercent) ? [{ portalId: r.portalId, ...seen }] : [];
  });
}
