import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { belongsTo, idColumn, timestampTz, updatedAtColumn } from "./columns";
import { portalIdColumn } from "./portals";

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
  agencyId: agencyIdColumn().primaryKey(),
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
  updatedAt: updatedAtColumn(),
});

/** A request to set contacts of one portal to marketing or non-marketing. */
export const statusRequests = pgTable(
  "status_requests",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    portalId: portalIdColumn(),
    target: statusTargetEnum("target").notNull(),
    reason: text("reason").notNull(),
    state: statusRequestStateEnum("state").notNull(),
    /** How the contacts were chosen (filter, CSV, selection), for the history. */
    selection: jsonb("selection").$type<Record<string, unknown>>().notNull(),
    /** Contacts that actually change (already-matching ones excluded). */
    changeCount: integer("change_count").notNull(),
    /** The billing preview shown when it was requested (or last recomputed). */
    preview: jsonb("preview").$type<Record<string, unknown>>().notNull(),
    previewAt: timestampTz("preview_at").notNull(),
    /** Why approval is needed (tier crossing, size, cost); empty when it is not. */
    approvalReasons: jsonb("approval_reasons").$type<string[]>().notNull(),
    requestedBy: uuid("requested_by").notNull(),
    requestedByEmail: text("requested_by_email").notNull(),
    approvalExpiresAt: timestampTz("approval_expires_at"),
    decidedBy: uuid("decided_by"),
    decidedByEmail: text("decided_by_email"),
    decidedAt: timestampTz("decided_at"),
    decisionNote: text("decision_note"),
    /** Set before the import is created: a retry looks the import up by name instead of creating another. */
    importName: text("import_name"),
    importStartedAt: timestampTz("import_started_at"),
    importId: text("import_id"),
    importState: text("import_state"),
    processed: integer("processed").notNull().default(0),
    succeeded: integer("succeeded").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** The worker executing it (as sync_runs.worker_id): a restarted worker takes its own up at once. */
    workerId: text("worker_id"),
    createdAt: timestampTz("created_at").notNull(),
    updatedAt: timestampTz("updated_at").notNull(),
    finishedAt: timestampTz("finished_at"),
  },
  (t) => [
    index("status_requests_portal_idx").on(t.portalId, t.createdAt),
    index("status_requests_agency_state_idx").on(t.agencyId, t.state),
    // The workers' frequent look for stale executions reads running rows only.
    index("status_requests_running_idx")
      .on(t.updatedAt)
      .where(sql`${t.state} = 'running'`),
  ],
);

/** A status request row as stored. */
export type StatusRequest = typeof statusRequests.$inferSelect;
/** The values to insert a status request. */
export type NewStatusRequest = typeof statusRequests.$inferInsert;

/** `request_id` of a row that belongs to one status request and goes with it. */
export function requestIdColumn() {
  return belongsTo("request_id", () => statusRequests.id);
}

/** The contacts of a request, their status before, and what happened to each. */
export const statusRequestContacts = pgTable(
  "status_request_contacts",
  {
    requestId: requestIdColumn(),
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
    requestId: requestIdColumn(),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    actorEmail: text("actor_email"),
    detail: jsonb("detail"),
    at: timestampTz("at").notNull(),
  },
  (t) => [index("status_request_events_request_idx").on(t.requestId, t.id)],
);
