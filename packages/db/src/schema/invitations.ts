import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies, agencyRoleEnum } from "./agencies";
import { users } from "./auth";

export interface InvitationGrant {
  portalId: string;
  role: "manager" | "analyst" | "client";
}

/** An invite-by-link. Only the token's SHA-256 is stored; the link is shown once. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: agencyRoleEnum("role").notNull(),
    grants: jsonb("grants").$type<InvitationGrant[]>().notNull().default([]),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_agency_idx").on(t.agencyId, t.createdAt)],
);
