import type { Db, Keyring, PortalConnection } from "@marketable/db";
import type { Logger } from "@marketable/logger";

import type { Clock } from "./clock";
import type { Edition } from "./limiter/editionLimits";
import type { PortalLimiterOptions } from "./limiter/portalLimiter";
import type { ContactRecord, HubSpotContact } from "./mapping";
import type { TokenSource } from "./tokens/tokenSource";
import type { RetryPolicy } from "./transport/backoff";

/* What PortalGateway (gateway.ts) is built from and answers with. */

export interface PortalRef {
  /** Our `portals.id`. */
  portalId: string;
  hubId: string;
  edition: Edition;
  /** Account time zone (the daily limit resets at its midnight); default UTC. */
  timeZone?: string;
}

export interface PortalGatewayOptions {
  db: Db;
  keyring: Keyring;
  portal: PortalRef;
  /** HubSpot's API base, `https://api.hubapi.com`, or the sandbox's URL. */
  basePath: string;
  /** The product's OAuth app, to refresh OAuth connections. */
  oauthApp?: { clientId: string; clientSecret: string };
  /** Reads the connection row; default: `portal_connections` by portal id. */
  loadConnection?: (portalId: string) => Promise<PortalConnection | null>;
  /** Skip the stored connection and use these tokens (tests, one-off scripts). */
  tokens?: TokenSource;
  clock?: Clock;
  log?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Limiter tuning: share of the published limit, burst, limit overrides. */
  limiter?: Pick<PortalLimiterOptions, "share" | "burst" | "limits" | "searchLimits" | "maxSleepMs">;
}

export interface ContactPage {
  contacts: ContactRecord[];
  /** The contacts as HubSpot sent them (other properties asked for are here). */
  raw: HubSpotContact[];
  nextAfter?: string;
}

export interface SearchPage extends ContactPage {
  /** HubSpot's count of matches for the whole query (not capped at 10,000). */
  total: number;
}

export interface AccountDetails {
  hubId: string;
  timeZone: string;
  currency: string;
  /** Where the account's HubSpot UI lives (`app.hubspot.com`, `app-eu1.hubspot.com`): not a name. */
  uiDomain: string;
  accountType: string;
  /** The account's name (`portalName`), when HubSpot gives it. */
  name: string | null;
}

export interface PartnerClient {
  id: string;
  hubId: string;
  name: string | null;
  domain: string | null;
  hubTier: string | null;
}

export interface HubSpotImport {
  id: string;
  state: string;
  name: string | null;
  counters: Record<string, number>;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface ImportRowError {
  errorType: string;
  message: string | null;
  invalidValue: string | null;
  lineNumber: number | null;
}
