import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { portals } from "./portals";

/**
 * A portal's option labels for the enumerations Marketable shows (record source, lifecycle stage),
 * read from its properties API: a portal may rename stages or add its own, so labels are kept per
 * portal. Empty until read; the web falls back to HubSpot's default labels.
 */
export const portalPropertyOptions = pgTable(
  "portal_property_options",
  {
    portalId: uuid("portal_id")
      .notNull()
      .references(() => portals.id, { onDelete: "cascade" }),
    property: text("property").notNull(),
    value: text("value").notNull(),
    label: text("label").notNull(),
    displayOrder: integer("display_order").notNull().default(0),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.property, t.value] })],
);
