import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

import { timestampTz } from "./columns";
import { portalIdColumn } from "./portals";

/**
 * A portal's option labels for the enumerations Marketable shows (record source, lifecycle stage),
 * read from its properties API: a portal may rename stages or add its own, so labels are kept per
 * portal. Empty until read; the web falls back to HubSpot's default labels.
 */
export const portalPropertyOptions = pgTable(
  "portal_property_options",
  {
    portalId: portalIdColumn(),
    property: text("property").notNull(),
    value: text("value").notNull(),
    label: text("label").notNull(),
    displayOrder: integer("display_order").notNull().default(0),
    readAt: timestampTz("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.property, t.value] })],
);
