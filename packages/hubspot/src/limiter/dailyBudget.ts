import { eq } from "drizzle-orm";

import { portalConnections, type Db } from "@marketable/db";

import type { Clock } from "../clock";

/** What HubSpot last said of a private app's daily limit (the account's, shared with its other private apps). */
export interface DailyBudget {
  limit: number;
  remaining: number;
  /** When it was read (epoch ms). */
  checkedAtMs: number;
}

/**
 * `X-HubSpot-RateLimit-Daily` and `-Daily-Remaining`, sent to private apps and service keys only
 * (OAuth installs have no daily limit). Null when absent or malformed. Header names lower-cased.
 */
export function readDailyHeaders(headers: Record<string, string | undefined>): { limit: number; remaining: number } | null {
  const limit = Number(headers["x-hubspot-ratelimit-daily"]);
  const remaining = Number(headers["x-hubspot-ratelimit-daily-remaining"]);
  if (headers["x-hubspot-ratelimit-daily"] === undefined || headers["x-hubspot-ratelimit-daily-remaining"] === undefined) return null;
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0 || remaining < 0) return null;
  return { limit: Math.floor(limit), remaining: Math.floor(remaining) };
}

/**
 * Keeps the newest daily figures a portal's responses carried and writes them to its connection row,
 * so the scheduler can keep a reserve for the client's other integrations and the portal page can
 * say how much Marketable used. Writes at most once per `minIntervalMs` (a sync sends ~19 requests
 * a second) but always the first figures and any that reach zero.
 */
export class DailyBudgetRecorder {
  latest: DailyBudget | null = null;
  private dirty = false;
  private writtenAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly portalId: string | null,
    private readonly clock: Clock,
    private readonly minIntervalMs = 1_000,
  ) {}

  /** Called with every response's headers (lower-cased names). */
  observe(headers: Record<string, string | undefined>): void {
    const seen = readDailyHeaders(headers);
    if (!seen) return;
    this.latest = { ...seen, checkedAtMs: this.clock.now() };
    this.dirty = true;
  }

  /** Writes the newest figures when due; `force` writes them now. */
  async persist(force = false): Promise<void> {
    if (!this.dirty || !this.latest || this.portalId === null) return;
    const now = this.clock.now();
    if (!force && this.latest.remaining > 0 && now - this.writtenAtMs < this.minIntervalMs) return;
    this.dirty = false;
    this.writtenAtMs = now;
    await this.db
      .update(portalConnections)
      .set({ dailyLimit: this.latest.limit, dailyRemaining: this.latest.remaining, dailyCheckedAt: new Date(this.latest.checkedAtMs) })
      .where(eq(portalConnections.portalId, this.portalId));
  }
}
