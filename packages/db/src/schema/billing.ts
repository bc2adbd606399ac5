import { boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userReference } from "./auth";
import { createdAtColumn, idColumn, timestampTz } from "./columns";
import { portalIdColumn } from "./portals";

/** One row of a price table, as packages/billing's PriceRow (money in integer minor units, per month). */
export interface StoredPriceRow {
  edition: "starter" | "professional" | "enterprise";
  term: "monthly" | "yearly";
  currency: string;
  includedContacts: number;
  blockSize: number;
  blockPriceMinor: number;
  basePriceMinor?: number;
}

/**
 * An agency's price tables, versioned: editing a table inserts the next version and leaves the
 * old one untouched, so a portal's contract (`portals.price_table_version` holds a row id here)
 * keeps pointing at the prices it was signed under. Each table is priced in one currency.
 */
export const priceTables = pgTable(
  "price_tables",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    /** Stable across versions, e.g. "starting-points-usd". */
    tableKey: text("table_key").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    currency: text("currency").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    /** Where the numbers came from; shown next to every cost. */
    source: text("source").notNull(),
    /** True for the seeded published starting points: labelled as editable placeholders. */
    startingPoint: boolean("starting_point").notNull().default(false),
    rows: jsonb("rows").$type<StoredPriceRow[]>().notNull(),
    createdBy: userReference("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("price_tables_key_version_idx").on(t.agencyId, t.tableKey, t.version),
    index("price_tables_agency_currency_idx").on(t.agencyId, t.currency),
  ],
);

/** One stored version of a price table (packages/billing's PriceTable is what it is read into). */
export type StoredPriceTable = typeof priceTables.$inferSelect;

export const recommendationKindEnum = pgEnum("recommendation_kind", [
  "hard_bounced",
  "opted_out",
  "no_engagement",
  "policy_no_app",
  "duplicate_email",
  /** Contacts matching any kind, each counted once: what the savings figures use. */
  "any",
]);

/**
 * Non-marketing candidates per portal and kind, counted once after each sync (like usage
 * snapshots), so the billing pages read aggregates and never count contact rows per request.
 */
export const portalRecommendations = pgTable(
  "portal_recommendations",
  {
    portalId: portalIdColumn(),
    kind: recommendationKindEnum("kind").notNull(),
    /** Marketing contacts (not already pending demotion) that match. */
    candidates: integer("candidates").notNull(),
    /** The "N" of "no engagement for N days", when the kind has one. */
    parameterDays: integer("parameter_days"),
    computedAt: timestampTz("computed_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("portal_recommendations_pk").on(t.portalId, t.kind)],
);

/**
 * Each portal's fitted usage trend (packages/billing's fitUsageTrend) and latest counts, stored
 * whenever its snapshots are written, so the agency roll-up projects 500 portals from 500 small
 * rows instead of reading 90 days of history per portal.
 */
export const portalUsageTrends = pgTable("portal_usage_trends", {
  portalId: portalIdColumn().primaryKey(),
  windowDays: integer("window_days").notNull(),
  /** History points the line was fitted to. */
  points: integer("points").notNull(),
  slopePerDay: doublePrecision("slope_per_day").notNull(),
  residualStdDev: doublePrecision("residual_std_dev").notNull(),
  slopeStdError: doublePrecision("slope_std_error").notNull(),
  /** The newest snapshot's day (portal time zone) and its marketing count. */
  anchorDay: date("anchor_day", { mode: "string" }).notNull(),
  anchorValue: integer("anchor_value").notNull(),
  /** Pending demotions in the newest snapshot. */
  pendingDemotion: integer("pending_demotion").notNull(),
  computedAt: timestampTz("computed_at").notNull().defaultNow(),
});
