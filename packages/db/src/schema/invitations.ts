import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";

import { agencyIdColumn, agencyRoleEnum } from "./agencies";
import { userReference } from "./auth";
import { createdAtColumn, idColumn, timestampTz } from "./columns";

export interface InvitationGrant {
  portalId: string;
  role: "manager" | "analyst" | "client";
}

/** An invite-by-link. Only the token's SHA-256 is stored; the link is shown once. */
export const invitations = pgTable(
  "invitations",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    email: text("email").notNull(),
    role: agencyRoleEnum("role").notNull(),
    grants: jsonb("grants").$type<InvitationGrant[]>().notNull().default([]),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: userReference("invited_by"),
    expiresAt: timestampTz("expires_at").notNull(),
    acceptedAt: timestampTz("accepted_at"),
    revokedAt: timestampTz("revoked_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("invitations_agency_idx").on(t.agencyId, t.createdAt)],
);
