import { sql } from "drizzle-orm";

import type { DbOrTx } from "@marketable/db";

import type { ContactRecord } from "../mapping";

/** Rows per statement: big enough to amortise the round trip, small enough to keep parameters modest. */
export const UPSERT_BATCH_SIZE = 5_000;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Inserts or updates contacts of one portal. One statement per batch: every column travels as ONE
 * array parameter (`sql.param`, or Drizzle would expand it into a parameter per element) and
 * `unnest` turns them back into rows (docs/toolchain.md: ~35,000 upserts/s on PostgreSQL, against
 * ~10,000 with Drizzle's values()). Rows repeated within a batch keep the last occurrence.
 */
export async function upsertContacts(
  db: DbOrTx,
  portalId: string,
  rows: readonly ContactRecord[],
  syncedAt: Date = new Date(),
): Promise<number> {
  let written = 0;
  for (let start = 0; start < rows.length; start += UPSERT_BATCH_SIZE) {
    const batch = lastOccurrence(rows.slice(start, start + UPSERT_BATCH_SIZE));
    const col = <T>(pick: (r: ContactRecord) => T) => sql.param(batch.map(pick));
    await db.execute(sql`
      insert into contacts (
        portal_id, hubspot_id, email, created_at, updated_at, marketable, marketable_until_renewal,
        marketable_reason_type, marketable_reason_id, object_source, object_source_id, object_source_label,
        object_source_detail_1, hard_bounced, opted_out, last_engagement_at, lifecycle_stage, archived, synced_at
      )
      select ${portalId}::uuid, u.* , ${syncedAt.toISOString()}::timestamptz
      from unnest(
        ${col((r) => r.hubspotId)}::text[],
        ${col((r) => r.email)}::text[],
        ${col((r) => iso(r.createdAt))}::timestamptz[],
        ${col((r) => iso(r.updatedAt))}::timestamptz[],
        ${col((r) => r.marketable)}::boolean[],
        ${col((r) => r.marketableUntilRenewal)}::boolean[],
        ${col((r) => r.marketableReasonType)}::text[],
        ${col((r) => r.marketableReasonId)}::text[],
        ${col((r) => r.objectSource)}::text[],
        ${col((r) => r.objectSourceId)}::text[],
        ${col((r) => r.objectSourceLabel)}::text[],
        ${col((r) => r.objectSourceDetail1)}::text[],
        ${col((r) => r.hardBounced)}::boolean[],
        ${col((r) => r.optedOut)}::boolean[],
        ${col((r) => iso(r.lastEngagementAt))}::timestamptz[],
        ${col((r) => r.lifecycleStage)}::text[],
        ${col((r) => r.archived)}::boolean[]
      ) as u
      on conflict (portal_id, hubspot_id) do update set
        email = excluded.email,
        created_at = excluded.created_at,
        updated_at = excluded.updated_at,
        marketable = excluded.marketable,
        marketable_until_renewal = excluded.marketable_until_renewal,
        marketable_reason_type = excluded.marketable_reason_type,
        marketable_reason_id = excluded.marketable_reason_id,
        object_source = excluded.object_source,
        object_source_id = excluded.object_source_id,
        object_source_label = excluded.object_source_label,
        -- The app's name is kept when a later read of the same source lacks it.
        object_source_detail_1 = coalesce(excluded.object_source_detail_1,
          case when contacts.object_source_id is not distinct from excluded.object_source_id then contacts.object_source_detail_1 end),
        hard_bounced = excluded.hard_bounced,
        opted_out = excluded.opted_out,
        last_engagement_at = excluded.last_engagement_at,
        lifecycle_stage = excluded.lifecycle_stage,
        archived = excluded.archived,
        synced_at = excluded.synced_at`);
    written += batch.length;
  }
  return written;
}

/** ON CONFLICT cannot touch the same row twice in one statement: keep each id's last version. */
function lastOccurrence(rows: readonly ContactRecord[]): ContactRecord[] {
  const byId = new Map<string, ContactRecord>();
  for (const r of rows) {
    byId.delete(r.hubspotId);
    byId.set(r.hubspotId, r);
  }
  return byId.size === rows.length ? [...rows] : [...byId.values()];
}
