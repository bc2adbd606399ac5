import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { portals } from "./portals";

export const statusTargetEnum = pgEnum("status_target", ["marketing", "non_marketing"]);

/**
 * A request's life: it waits for approval when a guardrail trips, is queued for the
 * `status.execute` job, runs (import, poll, verify) and ends in one of the final states.
 */
export const statusRequestStateEnum = pgEnum("status_request_state", [
  "pending_approval",
  "queued",
  "running",
  "succeeded",
  "partially_failed",
  "failed",
  "rejected",
  "expired",
]);

export const statusContactOutcomeEnum = pgEnum("status_contact_outcome", ["pending", "changed", "skipped", "failed"]);

/** Per agency: when a marketing-status request needs a second person's approval. */
export const agencySettings = pgTable("agency_settings", {
  agencyId: uuid("agency_id")
    .primaryKey()
    .references(() => agencies.id, { onDelete: "cascade" }),
  /** Requests changing more contacts than this need approval; null: no size limit. */
  approvalSizeThreshold: integer("approval_size_threshold"),
  /** Requests adding more than this to the monthly cost (minor units) need approval; null: none. */
  approvalCostThresholdMinor: integer("approval_cost_threshold_minor"),
  /**
   * A request changing more than this share (percent) of the portal's marketing contacts, or the
   * whole portal, is submitted only after the person types its count (approval is separate).
   */
  confirmSharePercent: integer("confirm_share_percent").notNull().default(25),
  /** An approval request not decided within this many hours expires. */
  approvalTtlHours: integer("approval_ttl_hours").notNull().default(72),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A request to set contacts of one portal to marketing or non-marketing. */
export const statusRequests = pgTable(
  "status_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    portalId: uuid("portal_id")
      .notNull()
      .references(() => portals.id, { onDelete: "cascade" }),
    target: statusTargetEnum("target").notNull(),
    reason: text("reason").notNull(),
    state: statusRequestStateEnum("state").notNull(),
    /** How the contacts were chosen (filter, CSV, selection), for the history. */
    selection: jsonb("selection").$type<Record<string, unknown>>().notNull(),
    /** Contacts that actually change (already-matching ones excluded). */
    changeCount: integer("change_count").notNull(),
    /** The billing preview shown when it was requested (or last recomputed). */
    preview: jsonb("preview").$type<Record<string, unknown>>().notNull(),
    previewAt: timestamp("preview_at", { withTimezone: true }).notNull(),
    /** Why approval is needed (tier crossing, size, cost); empty when it is not. */
    approvalReasons: jsonb("approval_reasons").$type<string[]>().notNull(),
    requestedBy: uuid("requested_by").notNull(),
    requestedByEmail: text("requested_by_email").notNull(),
    approvalExpiresAt: timestamp("approval_expires_at", { withTimezone: true }),
    decidedBy: uuid("decided_by"),
    decidedByEmail: text("decided_by_email"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    /** Set before the import is created: a retry looks the import up by name instead of creating another. */
    importName: text("import_name"),
    importStartedAt: timestamp("import_started_at", { withTimezone: true }),
    importId: text("import_id"),
    importState: text("import_state"),
    processed: integer("processed").notNull().default(0),
    succeeded: integer("succeeded").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The worker executing it (as sync_runs.worker_id): a restarted worker takes its own up at once. */
    workerId: text("worker_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("status_requests_portal_idx").on(t.portalId, t.createdAt),
    index("status_requests_agency_state_idx").on(t.agencyId, t.state),
    // The workers' frequent look for stale executions reads running rows only.
    index("status_requests_running_idx").on(t.updatedAt).where(sql`${t.state} = 'running'`),
  ],
);

/** The contacts of a request, their status before, and what happened to each. */
export const statusRequestContacts = pgTable(
  "status_request_contacts",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => statusRequests.id, { onDelete: "cascade" }),
    hubspotId: text("hubspot_id").notNull(),
    email: text("email"),
    wasMarketable: boolean("was_marketable").notNull(),
    wasPendingDemotion: boolean("was_pending_demotion").notNull(),
    outcome: statusContactOutcomeEnum("outcome").notNull().default("pending"),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.hubspotId] })],
);

/** Every step of a request, shown as its history. */
export const statusRequestEvents = pgTable(
  "status_request_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => statusRequests.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    actorEmail: text("actor_email"),
    detail: jsonb("detail"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("status_request_events_request_idx").on(t.requestId, t.id)],
);
