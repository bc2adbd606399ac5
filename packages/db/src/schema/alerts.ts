import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userReference } from "./auth";
import { createdAtColumn, idColumn, timestampTz, updatedAtColumn } from "./columns";
import { portalIdColumn } from "./portals";

export const alertKindEnum = pgEnum("alert_kind", ["threshold", "spike", "drift", "sync_failed"]);
export const alertSeverityEnum = pgEnum("alert_severity", ["info", "warning", "critical"]);
export const alertDeliveryStatusEnum = pgEnum("alert_delivery_status", ["pending", "delivered", "failed"]);

/** The rule columns a portal's own rules and its agency's defaults share (fresh builders per table). */
function ruleColumns() {
  return {
    /** Percentages of the tier, ascending. */
    thresholds: jsonb("thresholds").$type<number[]>().notNull(),
    /** Day-over-day growth of marketing contacts, in percent, that counts as a spike. */
    spikePct: integer("spike_pct").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    updatedBy: userReference("updated_by"),
    updatedAt: updatedAtColumn(),
  };
}

/**
 * Per-portal alert settings. A portal without a row uses its agency's defaults
 * (`agency_alert_rules`), and an agency without those the built-in 80/90/100 %, +10 % a day.
 */
export const alertRules = pgTable("alert_rules", {
  portalId: portalIdColumn().primaryKey(),
  agencyId: agencyIdColumn(),
  ...ruleColumns(),
});

/** The agency-wide default rules: what every portal without its own `alert_rules` row uses. */
export const agencyAlertRules = pgTable("agency_alert_rules", {
  agencyId: agencyIdColumn().primaryKey(),
  ...ruleColumns(),
});

/** The agency's outgoing webhook: alerts are POSTed here, signed with HMAC-SHA256. */
export const alertWebhooks = pgTable("alert_webhooks", {
  agencyId: agencyIdColumn().primaryKey(),
  url: text("url").notNull(),
  /** The signing secret, sealed with the deployment's keyring (it must be readable to sign). */
  secretEnc: text("secret_enc").notNull(),
  enabled: boolean("enabled").notNull().default(true),
  updatedBy: userReference("updated_by"),
  updatedAt: updatedAtColumn(),
});

/**
 * A raised alert. `dedupeKey` makes raising idempotent: one *open* (unresolved) alert per portal
 * and cause; once resolved, the same cause may raise a new row, so history is kept.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    portalId: portalIdColumn(),
    kind: alertKindEnum("kind").notNull(),
    severity: alertSeverityEnum("severity").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    title: text("title").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    /** In-app path to the cause (billing page, integrations page, sync card). */
    causePath: text("cause_path").notNull(),
    raisedAt: timestampTz("raised_at").notNull().defaultNow(),
    acknowledgedAt: timestampTz("acknowledged_at"),
    acknowledgedBy: userReference("acknowledged_by"),
    /** Set by evaluation when the condition clears (the alert is no longer open). */
    resolvedAt: timestampTz("resolved_at"),
  },
  (t) => [
    uniqueIndex("alerts_portal_dedupe_idx")
      .on(t.portalId, t.dedupeKey)
      .where(sql`${t.resolvedAt} is null`),
    index("alerts_agency_open_idx").on(t.agencyId, t.acknowledgedAt, t.raisedAt),
  ],
);

/** One webhook delivery of one alert, retried with backoff until delivered or out of attempts. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: idColumn(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    agencyId: agencyIdColumn(),
    url: text("url").notNull(),
    status: alertDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: timestampTz("next_attempt_at").notNull().defaultNow(),
    deliveredAt: timestampTz("delivered_at"),
    /** When the delivery was queued: the settings page lists the agency's newest ones. */
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("alert_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("alert_deliveries_agency_recent_idx").on(t.agencyId, t.createdAt),
  ],
);
