import { integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

import { belongsTo, createdAtColumn, idColumn, timestampTz } from "./columns";

/** Auth.js tables (the Drizzle adapter's shape), plus our password hash and throttle. */
export const users = pgTable("users", {
  id: idColumn(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestampTz("email_verified"),
  image: text("image"),
  /** argon2id hash; null for people who only sign in through SSO. */
  passwordHash: text("password_hash"),
  /** The agency the person last chose; re-validated against memberships on every request. */
  currentAgencyId: uuid("current_agency_id"),
  createdAt: createdAtColumn(),
});

/** `user_id` of a row that belongs to a person and goes when they are deleted. */
export function userIdColumn() {
  return belongsTo("user_id", () => users.id);
}

/** A column naming who did something (`updated_by`, `created_by` …): the row outlives the person. */
export function userReference<TName extends string>(name: TName) {
  return uuid(name).references(() => users.id, { onDelete: "set null" });
}

export const accounts = pgTable(
  "accounts",
  {
    userId: userIdColumn(),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: userIdColumn(),
  expires: timestampTz("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestampTz("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * Failed sign-ins per key (email, and client address), for throttling. Kept in the database
 * so that every web process sees the same count.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestampTz("window_started_at").notNull().defaultNow(),
  lockedUntil: timestampTz("locked_until"),
});
