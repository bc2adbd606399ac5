import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { users } from "./auth";
import { portals } from "./portals";
import { statusRequests } from "./statusRequests";

/**
 * In-app notices about status requests: "approval needed" to each person who may approve one,
 * "approved / rejected / finished / failed" to its requester. Written in the transaction of the
 * step; reading them re-checks the portal is still visible to the person.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    portalId: uuid("portal_id")
      .notNull()
      .references(() => portals.id, { onDelete: "cascade" }),
    requestId: uuid("request_id")
      .notNull()
      .references(() => statusRequests.id, { onDelete: "cascade" }),
    /** approval_needed, approved, rejected, finished, failed, expired. */
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** Set once the email went out (SMTP_URL set), so a retried job does not send it twice. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.agencyId, t.createdAt)],
);
