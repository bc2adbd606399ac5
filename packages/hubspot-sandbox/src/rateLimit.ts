import { randomUUID } from "node:crypto";
import { type Edition } from "./state/portal";
import { errorBody, type HubSpotErrorBody } from "./util/errors";

/** HubSpot's published limits per app per account (HUBSPOT.md "Rate limits"). */
export const EDITION_LIMITS: Readonly<Record<Edition, { perWindow: number; daily: number }>> = {
  starter: { perWindow: 100, daily: 250_000 },
  professional: { perWindow: 190, daily: 625_000 },
  enterprise: { perWindow: 190, daily: 1_000_000 },
};

export interface RateLimitSettings {
  enabled: boolean;
  /** The rolling window; HubSpot's is 10 s. Tests shrink it. */
  windowMs: number;
  /** Search requests a second per token (HubSpot: about 4). */
  searchPerSecond: number;
  /** Per-portal overrides of the edition's figures. */
  overrides: Map<number, { perWindow?: number; daily?: number; searchPerSecond?: number }>;
}

export function defaultRateLimitSettings(enabled = true): RateLimitSettings {
  return { enabled, windowMs: 10_000, searchPerSecond: 4, overrides: new Map() };
}

/** A rolling window of request times, kept as a queue with a moving head. */
class Window {
  private times: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - windowMs) this.head++;
    if (this.head > 1024) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  oldest(): number | undefined {
    return this.times[this.head];
  }

  add(now: number): void {
    this.times.push(now);
  }
}

interface Usage {
  window: Window;
  search: Window;
  day: string;
  daily: number;
}

export interface RateDecision {
  headers: Record<string, string>;
  /** Present when refused. */
  refusal?: { body: HubSpotErrorBody };
}

/** Per app per portal: a 10-second rolling window, a daily count (simulated day, UTC) and the search limit. */
export class RateLimiter {
  private readonly usage = new Map<string, Usage>();

  constructor(public settings: RateLimitSettings) {}

  private usageFor(key: string, day: string): Usage {
    let u = this.usage.get(key);
    if (!u) {
      u = { window: new Window(), search: new Window(), day, daily: 0 };
      this.usage.set(key, u);
    }
    if (u.day !== day) {
      u.day = day;
      u.daily = 0;
    }
    return u;
  }

  limitsFor(hubId: number, edition: Edition): { perWindow: number; daily: number; searchPerSecond: number } {
    const base = EDITION_LIMITS[edition];
    const o = this.settings.overrides.get(hubId);
    return {
      perWindow: o?.perWindow ?? base.perWindow,
      daily: o?.daily ?? base.daily,
      searchPerSecond: o?.searchPerSecond ?? this.settings.searchPerSecond,
    };
  }

  /** Today's count for an app in a portal (serves account-info's api-usage). */
  dailyUsage(hubId: number, appId: number, simNow: number): number {
    const u = this.usage.get(`${hubId}:${appId}`);
    return u && u.day === dayKey(simNow) ? u.daily : 0;
  }

  check(hubId: number, appId: number, edition: Edition, isSearch: boolean, realNow: number, simNow: number): RateDecision {
    if (!this.settings.enabled) return { headers: {} };
    const limits = this.limitsFor(hubId, edition);
    const u = this.usageFor(`${hubId}:${appId}`, dayKey(simNow));
    const inWindow = u.window.count(realNow, this.settings.windowMs);
    const headers = (used: number, daily: number): Record<string, string> => ({
      "X-HubSpot-RateLimit-Max": String(limits.perWindow),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, limits.perWindow - used)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(this.settings.windowMs),
      "X-HubSpot-RateLimit-Daily": String(limits.daily),
      "X-HubSpot-RateLimit-Daily-Remaining": String(Math.max(0, limits.daily - daily)),
    });
    if (u.daily >= limits.daily) {
      return { headers: headers(inWindow, u.daily), refusal: { body: rateLimitBody("You have reached your daily limit.", "DAILY") } };
    }
    if (inWindow >= limits.perWindow) {
      const retryAfter = Math.max(1, Math.ceil(((u.window.oldest() ?? realNow) + this.settings.windowMs - realNow) / 1000));
      return {
        headers: { ...headers(inWindow, u.daily), "Retry-After": String(retryAfter) },
        refusal: { body: rateLimitBody("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING") },
      };
    }
    if (isSearch) {
      const inSecond = u.search.count(realNow, 1000);
      if (inSecond >= limits.searchPerSecond) {
        // HubSpot's search limit answers with its own wording and no policy headers of the window kind.
        return { headers: { "Retry-After": "1" }, refusal: { body: rateLimitBody("You have reached your secondly limit.", "SECONDLY") } };
      }
      u.search.add(realNow);
    }
    u.window.add(realNow);
    u.daily++;
    return { headers: headers(inWindow + 1, u.daily) };
  }

  reset(): void {
    this.usage.clear();
  }
}

export function rateLimitBody(message: string, policyName: string): HubSpotErrorBody {
  return { ...errorBody("RATE_LIMITS", message), errorType: "RATE_LIMIT", policyName, requestId: randomUUID() };
}

function dayKey(simNow: number): string {
  return new Date(simNow).toISOString().slice(0, 10);
}
