import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";

import { agencyIdColumn } from "./agencies";
import { userIdColumn, userReference } from "./auth";
import { timestampTz } from "./columns";
import { portalIdColumn } from "./portals";

export const connectionKindEnum = pgEnum("connection_kind", ["oauth", "static"]);

/**
 * A portal's HubSpot credentials. Tokens are AES-256-GCM ciphertexts (`v<key version>:<iv>:<tag>:<data>`,
 * base64) under a key from env; plaintext never touches the database or the browser.
 */
export const portalConnections = pgTable("portal_connections", {
  portalId: portalIdColumn().primaryKey(),
  agencyId: agencyIdColumn(),
  kind: connectionKindEnum("kind").notNull(),
  hubId: text("hub_id").notNull(),
  /** The HubSpot app the tokens belong to (OAuth), for rate limits and webhooks. */
  appId: text("app_id"),
  scopes: text("scopes").array().notNull().default([]),
  accessTokenEnc: text("access_token_enc").notNull(),
  refreshTokenEnc: text("refresh_token_enc"),
  accessTokenExpiresAt: timestampTz("access_token_expires_at"),
  /** Which encryption key version sealed the tokens; rotation re-seals rows with an older one. */
  keyVersion: integer("key_version").notNull(),
  connectedBy: userReference("connected_by"),
  connectedAt: timestampTz("connected_at").notNull().defaultNow(),
  lastRefreshedAt: timestampTz("last_refreshed_at"),
  /**
   * Private apps / service keys: the account's daily limit, shared with the client's other private
   * apps, and what was left of it, as HubSpot's X-HubSpot-RateLimit-Daily(-Remaining) headers last
   * said (OAuth installs have no daily limit: null). The scheduler keeps a reserve of it.
   */
  dailyLimit: integer("daily_limit"),
  dailyRemaining: integer("daily_remaining"),
  dailyCheckedAt: timestampTz("daily_checked_at"),
});

/** A portal's stored connection (tokens still sealed). */
export type PortalConnection = typeof portalConnections.$inferSelect;

/** OAuth `state` values in flight: CSRF protection and where to return. Single use. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    agencyId: agencyIdColumn(),
    userId: userIdColumn(),
    /** Set when reconnecting an existing portal record. */
    portalId: uuid("portal_id"),
    expiresAt: timestampTz("expires_at").notNull(),
    usedAt: timestampTz("used_at"),
  },
  (t) => [index("oauth_states_expiry_idx").on(t.expiresAt)],
);
