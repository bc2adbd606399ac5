import { sql } from "drizzle-orm";
import { bigint, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

import { createdAtColumn, idColumn, timestampTz } from "./columns";
import { portalIdColumn, portals } from "./portals";

export const syncKindEnum = pgEnum("sync_kind", ["full", "incremental"]);
export const syncStatusEnum = pgEnum("sync_status", ["queued", "running", "succeeded", "failed", "canceled"]);

/**
 * Where a run continues. A full sync: the list's cursor (`after`) and, for a big portal read from
 * both ends at once (`split`), the ids where the list and the search stand and which of them is
 * done. An incremental sync: the modified-date window it walks.
 */
export interface SyncCheckpoint {
  after?: string;
  split?: boolean;
  listHigh?: string;
  below?: string;
  listDone?: boolean;
  searchDone?: boolean;
  since?: string;
  until?: string;
}

/**
 * One sync of one portal. `checkpoint` is where a resumed run continues (the last paging cursor
 * committed together with the contacts it covered), so a restart never starts over.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: idColumn(),
    portalId: portalIdColumn(),
    kind: syncKindEnum("kind").notNull(),
    status: syncStatusEnum("status").notNull().default("queued"),
    checkpoint: jsonb("checkpoint").$type<SyncCheckpoint | null>(),
    /** HubSpot's total when known (search), else an estimate from the previous run. */
    expected: integer("expected"),
    processed: integer("processed").notNull().default(0),
    requests: integer("requests").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    ratePerSecond: doublePrecision("rate_per_second"),
    lastError: text("last_error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAtColumn(),
    startedAt: timestampTz("started_at"),
    heartbeatAt: timestampTz("heartbeat_at"),
    /**
     * The worker running it (WORKER_ID plus a slot number, see packages/jobs' claimWorkerId): a
     * restarted worker takes up its own runs at once, since its earlier life is known to be over.
     */
    workerId: text("worker_id"),
    finishedAt: timestampTz("finished_at"),
  },
  (t) => [
    index("sync_runs_portal_idx").on(t.portalId, t.createdAt),
    // Every worker looks for stale running runs every few seconds: only running rows are indexed.
    index("sync_runs_running_idx")
      .on(t.heartbeatAt)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** A sync run row as stored. */
export type SyncRun = typeof syncRuns.$inferSelect;

/** Per portal: the incremental sync's high-water mark and the last outcome. */
export const portalSyncState = pgTable("portal_sync_state", {
  portalId: portalIdColumn().primaryKey(),
  /** Largest `lastmodifieddate` fully synced; the next incremental sync starts here. */
  modifiedHighWater: timestampTz("modified_high_water"),
  lastFullSyncAt: timestampTz("last_full_sync_at"),
  lastSyncAt: timestampTz("last_sync_at"),
  lastError: text("last_error"),
  lastErrorAt: timestampTz("last_error_at"),
  /**
   * Set (by migration 0009) on portals whose stored contacts predate hs_object_source_detail_1:
   * the next sync is a full one, which re-reads every contact and so backfills the apps' names.
   * A full sync finished after this time clears the need.
   */
  sourceDetailsPendingSince: timestampTz("source_details_pending_since"),
});

/** Webhook deliveries already applied, so a replayed event changes nothing. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    eventId: text("event_id").primaryKey(),
    portalId: uuid("portal_id").references(() => portals.id, { onDelete: "cascade" }),
    subscriptionType: text("subscription_type").notNull(),
    objectId: text("object_id"),
    occurredAt: timestampTz("occurred_at"),
    receivedAt: timestampTz("received_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_events_received_idx").on(t.receivedAt)],
);

/** Daily usage per portal, the billing panel's history. Counts, never contact rows. */
export const usageSnapshots = pgTable(
  "usage_snapshots",
  {
    portalId: portalIdColumn(),
    day: date("day", { mode: "string" }).notNull(),
    marketing: integer("marketing").notNull(),
    pendingDemotion: integer("pending_demotion").notNull(),
    nonMarketing: integer("non_marketing").notNull(),
    bySource: jsonb("by_source").$type<Record<string, { marketing: number; total: number }>>().notNull(),
    byApp: jsonb("by_app").$type<Record<string, { marketing: number; total: number }>>().notNull(),
    takenAt: timestampTz("taken_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.day] })],
);

/**
 * Shared HubSpot rate-limit state per (hub, app): a token bucket that every worker process
 * draws from in one atomic UPDATE, so several processes together stay under the portal's limit.
 */
export const hubspotRateBuckets = pgTable("hubspot_rate_buckets", {
  key: text("key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  /** Epoch milliseconds of the last refill. */
  refilledAtMs: bigint("refilled_at_ms", { mode: "number" }).notNull(),
  dailyCount: integer("daily_count").notNull().default(0),
  dailyDate: text("daily_date"),
  /** Set after a 429: nobody sends before this (epoch ms). */
  blockedUntilMs: bigint("blocked_until_ms", { mode: "number" }),
});
