import { index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { agencyRoles, portalRoles } from "@marketable/permissions";

import { userIdColumn } from "./auth";
import { belongsTo, createdAtColumn, idColumn } from "./columns";

export const agencyRoleEnum = pgEnum("agency_role", agencyRoles);
export const portalRoleEnum = pgEnum("portal_role", portalRoles);

/** A tenant. Nothing is ever visible across agencies. */
export const agencies = pgTable("agencies", {
  id: idColumn(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  createdAt: createdAtColumn(),
});

/** `agency_id` of a row that belongs to one agency and goes with it. */
export function agencyIdColumn() {
  return belongsTo("agency_id", () => agencies.id);
}

export const agencyMemberships = pgTable(
  "agency_memberships",
  {
    agencyId: agencyIdColumn(),
    userId: userIdColumn(),
    role: agencyRoleEnum("role").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index("agency_memberships_user_idx").on(t.userId)],
);

/** A member's role on one portal (manager / analyst / client). */
export const portalGrants = pgTable(
  "portal_grants",
  {
    agencyId: agencyIdColumn(),
    userId: userIdColumn(),
    portalId: uuid("portal_id").notNull(),
    role: portalRoleEnum("role").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("portal_grants_user_portal_idx").on(t.userId, t.portalId),
    index("portal_grants_agency_user_idx").on(t.agencyId, t.userId),
  ],
);
