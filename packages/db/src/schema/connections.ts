import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { users } from "./auth";
import { portals } from "./portals";

export const connectionKindEnum = pgEnum("connection_kind", ["oauth", "static"]);

/**
 * A portal's HubSpot credentials. Tokens are AES-256-GCM ciphertexts (`v<key version>:<iv>:<tag>:<data>`,
 * base64) under a key from env; plaintext never touches the database or the browser.
 */
export const portalConnections = pgTable("portal_connections", {
  portalId: uuid("portal_id")
    .primaryKey()
    .references(() => portals.id, { onDelete: "cascade" }),
  agencyId: uuid("agency_id")
    .notNull()
    .references(() => agencies.id, { onDelete: "cascade" }),
  kind: connectionKindEnum("kind").notNull(),
  hubId: text("hub_id").notNull(),
  /** The HubSpot app the tokens belong to (OAuth), for rate limits and webhooks. */
  appId: text("app_id"),
  scopes: text("scopes").array().notNull().default([]),
  accessTokenEnc: text("access_token_enc").notNull(),
  refreshTokenEnc: text("refresh_token_enc"),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
  /** Which encryption key version sealed the tokens; rotation re-seals rows with an older one. */
  keyVersion: integer("key_version").notNull(),
  connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
  connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
  lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
  /**
   * Private apps / service keys: the account's daily limit, shared with the client's other private
   * apps, and what was left of it, as HubSpot's X-HubSpot-RateLimit-Daily(-Remaining) headers last
   * said (OAuth installs have no daily limit: null). The scheduler keeps a reserve of it.
   */
  dailyLimit: integer("daily_limit"),
  dailyRemaining: integer("daily_remaining"),
  dailyCheckedAt: timestamp("daily_checked_at", { withTimezone: true }),
});

/** OAuth `state` values in flight: CSRF protection and where to return. Single use. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set when reconnecting an existing portal record. */
    portalId: uuid("portal_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("oauth_states_expiry_idx").on(t.expiresAt)],
);
