import { index, pgTable, text } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userIdColumn } from "./auth";
import { idColumn, timestampTz } from "./columns";
import { portalIdColumn } from "./portals";
import { requestIdColumn } from "./statusRequests";

/**
 * In-app notices about status requests: "approval needed" to each person who may approve one,
 * "approved / rejected / finished / failed" to its requester. Written in the transaction of the
 * step; reading them re-checks the portal is still visible to the person.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: idColumn(),
    agencyId: agencyIdColumn(),
    userId: userIdColumn(),
    portalId: portalIdColumn(),
    requestId: requestIdColumn(),
    /** approval_needed, approved, rejected, finished, failed, expired. */
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    createdAt: timestampTz("created_at").notNull(),
    readAt: timestampTz("read_at"),
    /** Set once the email went out (SMTP_URL set), so a retried job does not send it twice. */
    emailedAt: timestampTz("emailed_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.agencyId, t.createdAt)],
);
