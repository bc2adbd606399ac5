import { agencyRoles, portalRoles } from "@marketable/permissions";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const agencyRoleEnum = pgEnum("agency_role", agencyRoles);
export const portalRoleEnum = pgEnum("portal_role", portalRoles);

/** A tenant. Nothing is ever visible across agencies. */
export const agencies = pgTable("agencies", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const agencyMemberships = pgTable(
  "agency_memberships",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: agencyRoleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index("agency_memberships_user_idx").on(t.userId)],
);

/** A member's role on one portal (manager / analyst / client). */
export const portalGrants = pgTable(
  "portal_grants",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    portalId: uuid("portal_id").notNull(),
    role: portalRoleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portal_grants_user_portal_idx").on(t.userId, t.portalId),
    index("portal_grants_agency_user_idx").on(t.agencyId, t.userId),
  ],
);
