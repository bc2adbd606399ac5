/** Marketing Hub editions as stored in `portals.edition`. */
export type Edition = "starter" | "professional" | "enterprise";

/** How a connection authenticates; HubSpot limits the two differently (docs/hubspot.md, "API surface and limits"). */
export type ConnectionKind = "oauth" | "static";

/**
 * HubSpot's published limits for private apps and service keys (static tokens), per app per
 * account; the daily figure is the account's, shared by all of its private apps.
 */
export const EDITION_LIMITS: Readonly<Record<Edition, { perWindow: number; windowMs: number; daily: number }>> = {
  starter: { perWindow: 100, windowMs: 10_000, daily: 250_000 },
  professional: { perWindow: 190, windowMs: 10_000, daily: 625_000 },
  enterprise: { perWindow: 190, windowMs: 10_000, daily: 1_000_000 },
};

/** OAuth (public/marketplace) apps: 110 requests / 10 s per portal that installed them, whatever the edition; no daily limit. */
export const OAUTH_LIMIT = { perWindow: 110, windowMs: 10_000, daily: null } as const;

/** The published limits of a connection: OAuth installs by the app, static tokens by the edition. */
export function limitsForConnection(kind: ConnectionKind, edition: Edition): { perWindow: number; windowMs: number; daily: number | null } {
  return kind === "oauth" ? { ...OAUTH_LIMIT } : EDITION_LIMITS[edition];
}

/** HubSpot's search API allows about 4 requests a second per token. */
export const SEARCH_LIMIT = { perWindow: 4, windowMs: 1_000 };

export interface BucketSettings {
  /** Tokens that may be spent at once (burst). */
  capacity: number;
  /** Tokens added per millisecond. */
  ratePerMs: number;
  /** Requests a day (null: not counted, e.g. the search bucket, which also draws from the main one). */
  daily: number | null;
}

/**
 * Turns a rolling-window limit into token-bucket settings that can never exceed it.
 *
 * HubSpot counts requests in a *rolling* window. A bucket of capacity C refilled at rate r lets
 * through at most C + r·W requests in any window of length W, so we pick C + r·W = share·limit:
 * a small burst and a steady rate just under the ceiling. With the defaults (share 0.96, burst 5)
 * Professional gets 182.4 per 10 s at most and 177.4 per 10 s sustained (93% of 190); the margin
 * absorbs network jitter between taking a token and HubSpot counting the request.
 */
export function bucketFor(
  limit: { perWindow: number; windowMs: number },
  options: { share?: number; burst?: number; daily?: number | null } = {},
): BucketSettings {
  const share = options.share ?? 0.96;
  const budget = limit.perWindow * share;
  const capacity = Math.max(1, Math.min(options.burst ?? 5, budget / 2));
  return { capacity, ratePerMs: (budget - capacity) / limit.windowMs, daily: options.daily ?? null };
}

/** The search budget: a 1-second window of 4, with room for jitter (1 + 2.8/s, at most 3.8 in any second). */
export function searchBucket(options: { share?: number } = {}): BucketSettings {
  return bucketFor(SEARCH_LIMIT, { share: options.share ?? 0.95, burst: 1 });
}
