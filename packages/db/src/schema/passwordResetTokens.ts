import { index, pgTable, text } from "drizzle-orm/pg-core";

import { userIdColumn } from "./auth";
import { createdAtColumn, idColumn, timestampTz } from "./columns";

/**
 * Emailed password-reset links. Only the SHA-256 of the random token is kept, so a copy of the
 * database cannot be used to reset anyone's password; a token is single-use and expires.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: idColumn(),
    userId: userIdColumn(),
    /** Hex SHA-256 of the token in the link. */
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestampTz("expires_at").notNull(),
    /** Set when the token was used, or when another of the person's tokens was used first. */
    usedAt: timestampTz("used_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId)],
);
