import type { Keyring } from "@marketable/db";
import type { RequestNoticeKind } from "../services/notifications/requestNotices";

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

/** Starts syncs: the app wires it to the job queue; tests may run the job directly. */
export interface SyncScheduler {
  requestSync(input: { portalId: string; runId: string; kind: "full" | "incremental" }): Promise<void>;
  /** Queues the `status.execute` job of a request; absent: the request waits for a worker sweep. */
  executeStatusRequest?(requestId: string): Promise<void>;
  /** Queues the email and webhook of a request's step (its in-app notices are already written). */
  notifyRequest?(requestId: string, kind: RequestNoticeKind): Promise<void>;
}
