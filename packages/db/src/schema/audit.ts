import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";

/**
 * Append-only log: a trigger (migration 0001) refuses UPDATE and DELETE. No foreign key to
 * users or portals, so that the record outlives what it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    portalId: uuid("portal_id"),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_agency_idx").on(t.agencyId, t.id),
    index("audit_log_agency_action_idx").on(t.agencyId, t.action, t.id),
    index("audit_log_agency_portal_idx").on(t.agencyId, t.portalId, t.id),
  ],
);
