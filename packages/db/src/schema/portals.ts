import { boolean, date, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { belongsTo, idColumn, timestamps, timestampTz } from "./columns";

export const editionEnum = pgEnum("marketing_hub_edition", ["starter", "professional", "enterprise"]);
export const billingTermEnum = pgEnum("billing_term", ["monthly", "yearly"]);
/** HubSpot's update-date rule: monthly terms renew on the renewal day, yearly ones on the 1st. */
export const updateDateRuleEnum = pgEnum("update_date_rule", ["renewal_day", "first_of_month"]);
export const connectionStatusEnum = pgEnum("connection_status", ["manual", "connected", "needs_reauth", "disconnected"]);

/** A client's HubSpot portal and its Marketing Hub contract. */
export const portals = pgTable(
  "portals",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    hubId: text("hub_id"),
    name: text("name").notNull(),
    domain: text("domain"),
    timeZone: text("time_zone").notNull().default("UTC"),
    currency: text("currency").notNull().default("USD"),
    connectionStatus: connectionStatusEnum("connection_status").notNull().default("manual"),
    edition: editionEnum("edition").notNull(),
    /** Marketing contacts purchased (the tier's limit). */
    purchasedTier: integer("purchased_tier").notNull(),
    billingTerm: billingTermEnum("billing_term").notNull(),
    renewalDate: date("renewal_date", { mode: "string" }).notNull(),
    updateDateRule: updateDateRuleEnum("update_date_rule").notNull(),
    priceTableVersion: text("price_table_version"),
    /**
     * The contract fields hold placeholders (a portal created by connecting it: HubSpot exposes no
     * contract API) until someone with billing.manage saves the real contract.
     */
    contractNeedsConfirmation: boolean("contract_needs_confirmation").notNull().default(false),
    archivedAt: timestampTz("archived_at"),
    ...timestamps(),
  },
  (t) => [
    index("portals_agency_idx").on(t.agencyId, t.name),
    // One agency connects a HubSpot portal once; another agency may manage the same hub.
    uniqueIndex("portals_agency_hub_idx").on(t.agencyId, t.hubId),
  ],
);

/** A portal row as stored. */
export type Portal = typeof portals.$inferSelect;
/** The values to insert a portal (defaults may be left out). */
export type NewPortal = typeof portals.$inferInsert;

/** `portal_id` of a row that belongs to one portal and goes with it. */
export function portalIdColumn() {
  return belongsTo("portal_id", () => portals.id);
}
