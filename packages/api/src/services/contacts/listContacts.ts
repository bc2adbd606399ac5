import { asc, count, desc, sql } from "drizzle-orm";
import Papa from "papaparse";
import { type z } from "zod";

import { contacts, type DbOrTx } from "@marketable/db";

import { listContactsInput, type ContactFilter } from "../../validation/contacts";
import { portalLabels } from "../sync/propertyLabels";
import { contactConditions } from "./contactConditions";

/** A CSV export stops here: larger sets are for requests by filter, not spreadsheets. */
export const CONTACTS_EXPORT_LIMIT = 100_000;

const columns = {
  hubspotId: contacts.hubspotId,
  email: contacts.email,
  marketable: contacts.marketable,
  pendingDemotion: contacts.marketableUntilRenewal,
  objectSource: contacts.objectSource,
  objectSourceId: contacts.objectSourceId,
  objectSourceDetail1: contacts.objectSourceDetail1,
  hardBounced: contacts.hardBounced,
  optedOut: contacts.optedOut,
  lastEngagementAt: contacts.lastEngagementAt,
  lifecycleStage: contacts.lifecycleStage,
  createdAt: contacts.createdAt,
};

/**
 * The name shown for a contact's source: hs_object_source_detail_1 (the app's or form's name);
 * an app without one is named by its id. (hs_object_source_label is the code, never a name.)
 */
export function sourceName(r: {
  objectSource: string | null;
  objectSourceId: string | null;
  objectSourceDetail1: string | null;
}): string | null {
  if (r.objectSourceDetail1) return r.objectSourceDetail1;
  return r.objectSource === "INTEGRATION" && r.objectSourceId ? `App ${r.objectSourceId}` : null;
}

/** One page of a portal's synced contacts, filtered and sorted in SQL. */
export async function listContacts(db: DbOrTx, portalId: string, raw: z.input<typeof listContactsInput>, now: Date) {
  const input = listContactsInput.parse(raw);
  const where = contactConditions(portalId, input.filter, now);
  const sortColumn = input.sort === "marketable" ? contacts.marketable : contacts[input.sort];
  const order = input.direction === "asc" ? asc(sortColumn) : sql`${sortColumn} desc nulls last`;
  const [items, [total]] = await Promise.all([
    db
      .select(columns)
      .from(contacts)
      .where(where)
      .orderBy(order, asc(contacts.hubspotId))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ value: count() }).from(contacts).where(where),
  ]);
  return {
    items: items.map(({ objectSourceDetail1, ...r }) => ({ ...r, sourceName: sourceName({ ...r, objectSourceDetail1 }) })),
    total: total?.value ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** The current filter as CSV (first CONTACTS_EXPORT_LIMIT rows, newest first). */
export async function exportContactsCsv(db: DbOrTx, portalId: string, filter: ContactFilter, now: Date) {
  const rows = await db
    .select(columns)
    .from(contacts)
    .where(contactConditions(portalId, filter, now))
    .orderBy(desc(contacts.createdAt), asc(contacts.hubspotId))
    .limit(CONTACTS_EXPORT_LIMIT);
  const csv = Papa.unparse(
    rows.map((r) => ({
      id: r.hubspotId,
      email: r.email ?? "",
      status: r.marketable ? (r.pendingDemotion ? "pending demotion" : "marketing") : "non-marketing",
      source: r.objectSource ?? "",
      app_id: r.objectSourceId ?? "",
      app: sourceName(r) ?? "",
      hard_bounced: r.hardBounced,
      opted_out: r.optedOut,
      last_engagement: r.lastEngagementAt?.toISOString() ?? "",
      lifecycle_stage: r.lifecycleStage ?? "",
      created: r.createdAt?.toISOString() ?? "",
    })),
    {
      columns: [
        "id",
        "email",
        "status",
        "source",
        "app_id",
        "app",
        "hard_bounced",
        "opted_out",
        "last_engagement",
        "lifecycle_stage",
        "created",
      ],
    },
  );
  return { csv, rows: rows.length, truncated: rows.length === CONTACTS_EXPORT_LIMIT };
}

/** An app's name as its contacts carry it (`hs_object_source_detail_1`), else "App <id>". */
const appLabelOr = (appId: string, label: string | null | undefined) => label ?? `App ${appId}`;

/** The name of the app `appId` in this portal, for words such as a request's "created by Typeform". */
export async function appLabel(db: DbOrTx, portalId: string, appId: string): Promise<string> {
  const result = await db.execute<{ label: string | null }>(sql`
    select max(object_source_detail_1) as label from ${contacts}
    where portal_id = ${portalId} and object_source = 'INTEGRATION' and object_source_id = ${appId}`);
  return appLabelOr(appId, result.rows[0]?.label);
}

/** The values the filter's selects offer: sources, apps and lifecycle stages present in the portal. */
export async function contactFacets(db: DbOrTx, portalId: string) {
  const result = await db.execute<{ kind: string; value: string; label: string | null }>(sql`
    select 'source' as kind, object_source as value, null as label from ${contacts} where portal_id = ${portalId} and object_source is not null group by object_source
    union all
    select 'app', object_source_id, max(object_source_detail_1) from ${contacts} where portal_id = ${portalId} and object_source = 'INTEGRATION' and object_source_id is not null group by object_source_id
    union all
    select 'stage', lifecycle_stage, null from ${contacts} where portal_id = ${portalId} and lifecycle_stage is not null group by lifecycle_stage`);
  const of = (kind: string) => result.rows.filter((r) => r.kind === kind);
  return {
    sources: of("source")
      .map((r) => r.value)
      .sort(),
    apps: of("app")
      .map((r) => ({ appId: r.value, label: appLabelOr(r.value, r.label) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    lifecycleStages: of("stage")
      .map((r) => r.value)
      .sort(),
    /** HubSpot's option labels for this portal's codes (empty until its properties are read). */
    labels: await portalLabels(db, portalId),
  };
}
