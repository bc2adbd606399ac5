import { contacts, portalApps, type DbOrTx } from "@marketable/db";
import { sql } from "drizzle-orm";

/** How many of an app's newest contacts decide its observed switch. */
export const OBSERVED_WINDOW = 10;

/** Apps known never to create contacts (calendar and meeting sync), matched by label. */
const NEVER_CREATES_CONTACTS = /calendar|meeting sync/i;

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
      select ${contacts.objectSourceId} as app_id, ${contacts.objectSourceLabel} as label, ${contacts.marketable} as marketable,
             ${contacts.createdAt} as created_at,
             row_number() over (partition by ${contacts.objectSourceId} order by ${contacts.createdAt} desc nulls last, ${contacts.hubspotId} desc) as recency
      from ${contacts}
      where ${contacts.portalId} = ${portalId} and ${contacts.objectSource} = 'INTEGRATION'
        and ${contacts.objectSourceId} is not null and not ${contacts.archived}
    )
    select app_id, max(label) as label, count(*)::int as contacts,
           (count(*) filter (where marketable))::int as marketing,
           (count(*) filter (where created_at >= ${since7}))::int as created_7d,
           (count(*) filter (where created_at >= ${since30}))::int as created_30d,
           (count(*) filter (where recency <= ${OBSERVED_WINDOW}))::int as recent_created,
           (count(*) filter (where recency <= ${OBSERVED_WINDOW} and marketable))::int as recent_marketing,
           max(created_at) as last_created_at
    from app_contacts group by app_id`);

  const seen = result.rows.map((row) => row.app_id);
  for (const row of result.rows) {
    const values = {
      label: row.label ?? `App ${row.app_id}`,
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
      .values({ portalId, appId: row.app_id, kind: "creates_contacts", ...values })
      .onConflictDoUpdate({ target: [portalApps.portalId, portalApps.appId], set: values });
  }
  // Apps that no longer have contacts keep their row (and policy) with zero counts.
  await db.execute(sql`
    update ${portalApps} set contacts = 0, marketing = 0, created_7d = 0, created_30d = 0, recent_created = 0,
      recent_marketing = 0, refreshed_at = ${now}
    where ${portalApps.portalId} = ${portalId}
      ${seen.length ? sql`and ${portalApps.appId} not in (${sql.join(seen.map((id) => sql`${id}`), sql`, `)})` : sql``}`);
  return seen.length;
}

export function kindForLabel(label: string): "creates_contacts" | "never_creates_contacts" {
  return NEVER_CREATES_CONTACTS.test(label) ? "never_creates_contacts" : "creates_contacts";
}
