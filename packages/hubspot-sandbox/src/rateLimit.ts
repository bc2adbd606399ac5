import { randomUUID } from "node:crypto";

import { type Edition } from "./state/portal";
import { errorBody, type HubSpotErrorBody } from "./util/errors";

/**
 * HubSpot's published limits for private apps and service keys (static tokens), per app per
 * account; the daily figure is per account, shared by all of its private apps (docs/hubspot.md, "API
 * surface and limits").
 */
export const EDITION_LIMITS: Readonly<Record<Edition, { perWindow: number; daily: number }>> = {
  starter: { perWindow: 100, daily: 250_000 },
  professional: { perWindow: 190, daily: 625_000 },
  enterprise: { perWindow: 190, daily: 1_000_000 },
};

/** OAuth (public/marketplace) apps: 110 requests / 10 s per portal that installed them, no daily limit. */
export const OAUTH_PER_WINDOW = 110;

/** How the caller authenticated: HubSpot limits OAuth installs and private apps differently. */
export type GrantKind = "oauth" | "private";

export interface RateLimitSettings {
  enabled: boolean;
  /** The rolling window; HubSpot's is 10 s. Tests shrink it. */
  windowMs: number;
  /** Search requests a second per token (HubSpot: about 4). */
  searchPerSecond: number;
  /** Per-portal overrides of the edition's figures. */
  overrides: Map<number, { perWindow?: number; daily?: number; searchPerSecond?: number; oauthPerWindow?: number }>;
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
}

/** One account's private-app calls today: ours per app, plus what its other private apps used. */
interface DailyUsage {
  day: string;
  byApp: Map<number, number>;
  /** Calls by the client's other private apps (not simulated call by call; set by the admin API). */
  otherApps: number;
}

export interface RateDecision {
  headers: Record<string, string>;
  /** Present when refused. */
  refusal?: { body: HubSpotErrorBody };
}

/**
 * Per app per portal: a 10-second rolling window and the search limit. OAuth installs get 110 per
 * window and no daily limit; private apps get their edition's window and count against the
 * account's daily limit, shared with the account's other private apps (simulated day, UTC).
 */
export class RateLimiter {
  private readonly usage = new Map<string, Usage>();
  private readonly daily = new Map<number, DailyUsage>();

  constructor(public settings: RateLimitSettings) {}

  private usageFor(key: string): Usage {
    let u = this.usage.get(key);
    if (!u) {
      u = { window: new Window(), search: new Window() };
      this.usage.set(key, u);
    }
    return u;
  }

  private dailyFor(hubId: number, day: string): DailyUsage {
    let d = this.daily.get(hubId);
    if (!d) {
      d = { day, byApp: new Map(), otherApps: 0 };
      this.daily.set(hubId, d);
    }
    if (d.day !== day) {
      d.day = day;
      d.byApp.clear();
      d.otherApps = 0;
    }
    return d;
  }

  /** The private-app limits of a portal (the edition's, or overrides). */
  limitsFor(hubId: number, edition: Edition): { perWindow: number; daily: number; searchPerSecond: number; oauthPerWindow: number } {
    const base = EDITION_LIMITS[edition];
    const o = this.settings.overrides.get(hubId);
    return {
      perWindow: o?.perWindow ?? base.perWindow,
      daily: o?.daily ?? base.daily,
      searchPerSecond: o?.searchPerSecond ?? this.settings.searchPerSecond,
      oauthPerWindow: o?.oauthPerWindow ?? OAUTH_PER_WINDOW,
    };
  }

  /** Today's private-app calls of one app in a portal. */
  dailyUsage(hubId: number, appId: number, simNow: number): number {
    const d = this.daily.get(hubId);
    return d && d.day === dayKey(simNow) ? (d.byApp.get(appId) ?? 0) : 0;
  }

  /** Today's private-app calls of the whole account: every private app, the simulated others included. */
  accountDailyUsage(hubId: number, simNow: number): number {
    const d = this.daily.get(hubId);
    if (!d || d.day !== dayKey(simNow)) return 0;
    let total = d.otherApps;
    for (const n of d.byApp.values()) total += n;
    return total;
  }

  /** Sets how many calls the account's other private apps made today (tests put a portal near its limit). */
  setOtherAppsUsage(hubId: number, calls: number, simNow: number): void {
    this.dailyFor(hubId, dayKey(simNow)).otherApps = calls;
  }

  check(
    hubId: number,
    appId: number,
    edition: Edition,
    isSearch: boolean,
    realNow: number,
    simNow: number,
    kind: GrantKind = "private",
  ): RateDecision {
    if (!this.settings.enabled) return { headers: {} };
    const limits = this.limitsFor(hubId, edition);
    const perWindow = kind === "oauth" ? limits.oauthPerWindow : limits.perWindow;
    const u = this.usageFor(`${hubId}:${appId}`);
    const day = kind === "private" ? this.dailyFor(hubId, dayKey(simNow)) : null;
    const usedToday = (): number => (day ? this.accountDailyUsage(hubId, simNow) : 0);
    const inWindow = u.window.count(realNow, this.settings.windowMs);
    const headers = (used: number): Record<string, string> => ({
      "X-HubSpot-RateLimit-Max": String(perWindow),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, perWindow - used)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(this.settings.windowMs),
      // OAuth installs have no daily limit, so HubSpot sends no daily headers to them.
      ...(day
        ? {
            "X-HubSpot-RateLimit-Daily": String(limits.daily),
            "X-HubSpot-RateLimit-Daily-Remaining": String(Math.max(0, limits.daily - usedToday())),
          }
        : {}),
    });
    if (day && usedToday() >= limits.daily) {
      return { headers: headers(inWindow), refusal: { body: rateLimitBody("You have reached your daily limit.", "DAILY") } };
    }
    if (inWindow >= perWindow) {
      const retryAfter = Math.max(1, Math.ceil(((u.window.oldest() ?? realNow) + this.settings.windowMs - realNow) / 1000));
      return {
        headers: { ...headers(inWindow), "Retry-After": String(retryAfter) },
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
    if (day) day.byApp.set(appId, (day.byApp.get(appId) ?? 0) + 1);
    return { headers: headers(inWindow + 1) };
  }

  reset(): void {
    this.usage.clear();
    this.daily.clear();
  }
}

export function rateLimitBody(message: string, policyName: string): HubSpotErrorBody {
  return { ...errorBody("RATE_LIMITS", message), errorType: "RATE_LIMIT", policyName, requestId: randomUUID() };
}

function dayKey(simNow: number): string {
  return new Date(simNow).toISOString().slice(0, 10);
}
