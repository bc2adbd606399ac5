import { and, eq, ne, sql } from "drizzle-orm";

import { appPolicyTemplates, contacts, portalApps, portals, type DbOrTx } from "@marketable/db";

import { kindForApp } from "./calendarSyncApps";

/** How many of an app's newest contacts decide its observed switch. */
export const OBSERVED_WINDOW = 10;

const DAY_MS = 86_400_000;

/**
 * Recomputes one portal's app aggregates from its synced contacts, in one grouped query over the
 * (portal, source, app, created) index. Run after every sync; pages read `portal_apps` only.
 */
export async function refreshPortalApps(db: DbOrTx, portalId: string, now: Date): Promise<number> {
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const result = await db.execute<{
    app_id: string;
    label: string;
    contacts: number;
    marketing: number;
    created_7d: number;
    created_30d: number;
    recent_created: number;
    recent_marketing: number;
    last_created_at: Date | null;
  }>(sql`
    with app_contacts as (
      select ${contacts.objectSourceId} as app_id, ${contacts.objectSourceDetail1} as name, ${contacts.marketable} as marketable,
             ${contacts.createdAt} as created_at,
             row_number() over (partition by ${contacts.objectSourceId} order by ${contacts.createdAt} desc nulls last, ${contacts.hubspotId} desc) as recency
      from ${contacts}
      where ${contacts.portalId} = ${portalId} and ${contacts.objectSource} = 'INTEGRATION'
        and ${contacts.objectSourceId} is not null and not ${contacts.archived}
    )
    -- The app's name is hs_object_source_detail_1 (hs_object_source_label is the code
    -- "INTEGRATION"); the newest contact's wins, should the app have been renamed.
    select app_id, (array_agg(name order by recency) filter (where name is not null))[1] as label, count(*)::int as contacts,
           (count(*) filter (where marketable))::int as marketing,
           (count(*) filter (where created_at >= ${since7}))::int as created_7d,
           (count(*) filter (where created_at >= ${since30}))::int as created_30d,
           (count(*) filter (where recency <= ${OBSERVED_WINDOW}))::int as recent_created,
           (count(*) filter (where recency <= ${OBSERVED_WINDOW} and marketable))::int as recent_marketing,
           max(created_at) as last_created_at
    from app_contacts group by app_id`);

  const seen = result.rows.map((row) => row.app_id);
  const [portal] = await db.select({ agencyId: portals.agencyId }).from(portals).where(eq(portals.id, portalId));
  for (const row of result.rows) {
    const label = row.label ?? `App ${row.app_id}`;
    const values = {
      label,
      kind: kindForApp(row.app_id),
      contacts: row.contacts,
      marketing: row.marketing,
      created7d: row.created_7d,
      created30d: row.created_30d,
      recentCreated: row.recent_created,
      recentMarketing: row.recent_marketing,
      lastCreatedAt: row.last_created_at ? new Date(row.last_created_at) : null,
      refreshedAt: now,
    };
    await db
      .insert(portalApps)
      .values({ portalId, appId: row.app_id, ...values })
      .onConflictDoUpdate({ target: [portalApps.portalId, portalApps.appId], set: values });
    // An agency template copied the app's name when it was made (perhaps the old "INTEGRATION").
    if (portal && row.label) {
      await db
        .update(appPolicyTemplates)
        .set({ label })
        .where(
          and(
            eq(appPolicyTemplates.agencyId, portal.agencyId),
            eq(appPolicyTemplates.appId, row.app_id),
            ne(appPolicyTemplates.label, label),
          ),
        );
    }
  }
  // Apps that no longer have contacts keep their row (and policy) with zero counts.
  await db.execute(sql`
    update ${portalApps} set contacts = 0, marketing = 0, created_7d = 0, created_30d = 0, recent_created = 0,
      recent_marketing = 0, refreshed_at = ${now}
    where ${portalApps.portalId} = ${portalId}
      ${
        seen.length
          ? sql`and ${portalApps.appId} not in (${sql.join(
              seen.map((id) => sql`${id}`),
              sql`, `,
            )})`
          : sql``
      }`);
  return seen.length;
}
