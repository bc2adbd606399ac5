import { jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userIdColumn } from "./auth";
import { idColumn, timestamps } from "./columns";
import { portalIdColumn } from "./portals";

/**
 * The shape of a Contacts-page filter as stored. It mirrors `ContactFilter` of
 * `@marketable/api/validation` (the api depends on this package, not the other way round);
 * the api checks at compile time that the two stay the same and validates every write with
 * the same zod schema the contacts procedures use.
 */
export interface StoredContactFilter {
  status?: "marketing" | "nonMarketing" | "pendingDemotion" | "marketable";
  source?: string;
  appId?: string;
  bounced?: boolean;
  optedOut?: boolean;
  noEngagementDays?: number;
  lifecycleStage?: string;
  createdFrom?: string;
  createdTo?: string;
  search?: string;
  recommendation?: "hard_bounced" | "opted_out" | "no_engagement" | "policy_no_app" | "duplicate_email";
}

/** A person's named Contacts-page filter on one portal: their own, not shared with others. */
export const savedContactFilters = pgTable(
  "saved_contact_filters",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    portalId: portalIdColumn(),
    userId: userIdColumn(),
    name: text("name").notNull(),
    filter: jsonb("filter").$type<StoredContactFilter>().notNull(),
    ...timestamps(),
  },
  // Saving under an existing name replaces that filter (an upsert on this key).
  (t) => [uniqueIndex("saved_contact_filters_portal_user_name_idx").on(t.portalId, t.userId, t.name)],
);
