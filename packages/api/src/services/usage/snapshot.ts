import { sql } from "drizzle-orm";

import { contacts, usageSnapshots, type DbOrTx } from "@marketable/db";

/** The portal's calendar day for `now`, in its time zone (HubSpot's rules are local). */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * Today's usage for one portal, computed once from its contacts and kept as a row: marketing,
 * pending demotion, non-marketing, and per source and app. Re-running on the same day replaces it.
 */
export async function takeUsageSnapshot(db: DbOrTx, portal: { id: string; timeZone: string }, now: Date) {
  const rows = await db.execute<{ source: string | null; app: string | null; marketing: number; pending: number; total: number }>(sql`
    select ${contacts.objectSource} as source,
           case when ${contacts.objectSource} = 'INTEGRATION' then ${contacts.objectSourceId} end as app,
           (count(*) filter (where ${contacts.marketable}))::int as marketing,
           (count(*) filter (where ${contacts.marketable} and ${contacts.marketableUntilRenewal}))::int as pending,
           count(*)::int as total
    from ${contacts}
    where ${contacts.portalId} = ${portal.id} and not ${contacts.archived}
    group by 1, 2`);
  const bySource: Record<string, { marketing: number; total: number }> = {};
  const byApp: Record<string, { marketing: number; total: number }> = {};
  let marketing = 0;
  let pending = 0;
  let total = 0;
  for (const row of rows.rows) {
    marketing += row.marketing;
    pending += row.pending;
    total += row.total;
    const source = row.source ?? "UNKNOWN";
    const s = (bySource[source] ??= { marketing: 0, total: 0 });
    s.marketing += row.marketing;
    s.total += row.total;
    if (row.app) byApp[row.app] = { marketing: row.marketing, total: row.total };
  }
  const values = { marketing, pendingDemotion: pending, nonMarketing: total - marketing, bySource, byApp, takenAt: now };
  const day = localDay(now, portal.timeZone);
  await db
    .insert(usageSnapshots)
    .values({ portalId: portal.id, day, ...values })
    .onConflictDoUpdate({ target: [usageSnapshots.portalId, usageSnapshots.day], set: values });
  return { day, ...values };
}
