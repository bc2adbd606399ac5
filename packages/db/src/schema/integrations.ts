import { boolean, index, integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userReference } from "./auth";
import { timestampTz, updatedAtColumn } from "./columns";
import { portalIdColumn } from "./portals";

export const appKindEnum = pgEnum("app_kind", ["creates_contacts", "never_creates_contacts"]);

/**
 * The apps found in a portal (from contacts' creation source) with aggregates refreshed after each
 * sync, so the Integrations page never counts contact rows per request.
 */
export const portalApps = pgTable(
  "portal_apps",
  {
    portalId: portalIdColumn(),
    appId: text("app_id").notNull(),
    label: text("label").notNull(),
    kind: appKindEnum("kind").notNull().default("creates_contacts"),
    contacts: integer("contacts").notNull().default(0),
    marketing: integer("marketing").notNull().default(0),
    created7d: integer("created_7d").notNull().default(0),
    created30d: integer("created_30d").notNull().default(0),
    /** Of the recent contacts this app created (the window the observed switch is read from). */
    recentCreated: integer("recent_created").notNull().default(0),
    recentMarketing: integer("recent_marketing").notNull().default(0),
    lastCreatedAt: timestampTz("last_created_at"),
    refreshedAt: timestampTz("refreshed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.appId] })],
);

/** An app found in a portal, with its aggregates. */
export type PortalApp = typeof portalApps.$inferSelect;

/** The agency's wish for one app in one portal: should its new contacts be marketing? */
export const appPolicies = pgTable(
  "app_policies",
  {
    portalId: portalIdColumn(),
    appId: text("app_id").notNull(),
    agencyId: agencyIdColumn(),
    createMarketing: boolean("create_marketing").notNull(),
    /** True when it came from the agency template rather than a per-portal choice. */
    fromTemplate: boolean("from_template").notNull().default(false),
    updatedBy: userReference("updated_by"),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.appId] }), index("app_policies_agency_idx").on(t.agencyId, t.appId)],
);

/** Agency-wide template: the policy applied to every portal that has the app. */
export const appPolicyTemplates = pgTable(
  "app_policy_templates",
  {
    agencyId: agencyIdColumn(),
    appId: text("app_id").notNull(),
    label: text("label").notNull(),
    createMarketing: boolean("create_marketing").notNull(),
    updatedBy: userReference("updated_by"),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.appId] })],
);
