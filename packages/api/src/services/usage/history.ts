import { and, eq, lt, sql } from "drizzle-orm";

import { addDays } from "@marketable/billing";
import { contacts, usageSnapshots, type DbOrTx } from "@marketable/db";

import { localDay } from "./snapshot";

/** How far back a first sync reconstructs daily history. */
export const BACKFILL_DAYS = 180;

/**
 * Reconstructs past daily snapshots for a portal that has none before today, from its synced
 * contacts' creation dates: the count on day D is the contacts created on or before D with
 * today's status. An approximation (it ignores status changes and deleted contacts), good
 * enough to draw a trend on day one; real snapshots replace it from then on, day by day.
 */
export async function backfillUsageHistory(db: DbOrTx, portal: { id: string; timeZone: string }, now: Date) {
  const today = localDay(now, portal.timeZone);
  const earlier = await db
    .select({ day: usageSnapshots.day })
    .from(usageSnapshots)
    .where(and(eq(usageSnapshots.portalId, portal.id), lt(usageSnapshots.day, today)))
    .limit(1);
  if (earlier.length > 0) return 0;
  const first = addDays(today, -BACKFILL_DAYS);
  const perDay = await db.execute<{ day: string | null; marketing: number; pending: number; total: number }>(sql`
    select case when ${contacts.createdAt} is null then null
                else to_char((${contacts.createdAt} at time zone ${portal.timeZone})::date, 'YYYY-MM-DD') end as day,
           (count(*) filter (where ${contacts.marketable}))::int as marketing,
           (count(*) filter (where ${contacts.marketable} and ${contacts.marketableUntilRenewal}))::int as pending,
           count(*)::int as total
    from ${contacts}
    where ${contacts.portalId} = ${portal.id} and not ${contacts.archived}
    group by 1 order by 1 nulls first`);
  let marketing = 0;
  let pending = 0;
  let total = 0;
  const created = new Map<string, { marketing: number; pending: number; total: number }>();
  for (const row of perDay.rows) {
    if (row.day === null || row.day < first) {
      marketing += row.marketing;
      pending += row.pending;
      total += row.total;
    } else created.set(row.day, row);
  }
  const rows = [];
  for (let day = first; day < today; day = addDays(day, 1)) {
    const add = created.get(day);
    if (add) {
      marketing += add.marketing;
      pending += add.pending;
      total += add.total;
    }
    rows.push({
      portalId: portal.id,
      day,
      marketing,
      pendingDemotion: pending,
      nonMarketing: total - marketing,
      bySource: {},
      byApp: {},
      takenAt: now,
    });
  }
  if (rows.length > 0) await db.insert(usageSnapshots).values(rows).onConflictDoNothing();
  return rows.length;
}
