import type { Keyring } from "@marketable/db";

/**
 * How this deployment reaches HubSpot: the API base (HubSpot, or the bundled sandbox), the
 * product's OAuth app, and the keyring that seals tokens. Built once from env by the app.
 */
export interface HubSpotSettings {
  apiBase: string;
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  redirectUri: string;
  keyring: Keyring;
  /**
   * Percent of a private app's daily limit (shared with the client's other private apps) that
   * scheduled syncs leave untouched; default 20 (`HUBSPOT_DAILY_RESERVE_PERCENT`).
   */
  dailyReservePercent?: number;
}
