import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { createdAtColumn } from "./columns";

/**
 * Append-only log: a trigger (migration 0001) refuses UPDATE and DELETE. No foreign key to
 * users or portals, so that the record outlives what it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agencyId: agencyIdColumn(),
    portalId: uuid("portal_id"),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("audit_log_agency_idx").on(t.agencyId, t.id),
    index("audit_log_agency_action_idx").on(t.agencyId, t.action, t.id),
    index("audit_log_agency_portal_idx").on(t.agencyId, t.portalId, t.id),
  ],
);
