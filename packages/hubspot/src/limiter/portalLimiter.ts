import type { Db } from "@marketable/db";

import { systemClock, type Clock } from "../clock";
import { DailyLimitReached } from "../errors";
import { blockBucket, ensureBucket, exhaustDay, readBucket, tryTake } from "./bucketStore";
import { dayKey } from "./dayKey";
import { bucketFor, limitsForConnection, searchBucket, type BucketSettings, type ConnectionKind, type Edition } from "./editionLimits";

export type RequestKind = "default" | "search";

/**
 * Per database and bucket key, the last of this process's takers in line (see take): shared by
 * every limiter on that bucket, as a sync's and a status request's gateways for one portal are.
 */
const linesByDb = new WeakMap<Db, Map<string, Promise<void>>>();

export interface PortalLimiterOptions {
  db: Db;
  hubId: string;
  /** The OAuth app whose allowance the tokens use; private-app / static tokens have their own. */
  appId?: string | null;
  edition: Edition;
  /**
   * OAuth installs get 110 / 10 s and no daily limit; static tokens (private apps, service keys) the
   * edition's window and daily limit. Default: OAuth when an app id is given, else static.
   */
  connectionKind?: ConnectionKind;
  /** Account time zone: the daily count resets at its midnight. */
  timeZone?: string;
  clock?: Clock;
  /** Share of the published limit to aim at (default 0.96) and the burst size (default 5). */
  share?: number;
  burst?: number;
  /** Override the published figures (tests, the API limit increase pack). */
  limits?: { perWindow?: number; windowMs?: number; daily?: number };
  /** Override the search budget (tests with a faster sandbox search limit). */
  searchLimits?: { perWindow: number; windowMs: number };
  /** Longest single sleep while waiting, so a changed bucket (e.g. a lifted block) is noticed. */
  maxSleepMs?: number;
}

export interface LimiterStats {
  acquired: number;
  waits: number;
  waitedMs: number;
}

/** The bucket key shared by every process: one per portal and app, as HubSpot counts. */
export function bucketKey(hubId: string, appId?: string | null): string {
  return `${hubId}:${appId ?? "private"}`;
}

/**
 * Per-portal limiter shared across processes through the database. `acquire()` returns when a
 * token was taken, sleeping (on the injected clock) until the bucket refills or a block ends.
 */
export class PortalRateLimiter {
  readonly key: string;
  readonly searchKey: string;
  readonly main: BucketSettings;
  readonly search: BucketSettings;
  readonly stats: LimiterStats = { acquired: 0, waits: 0, waitedMs: 0 };
  /** The published limit the bucket is sized under (requests per `windowMs`). */
  readonly perWindow: number;
  readonly windowMs: number;
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly timeZone: string;
  private readonly maxSleepMs: number;
  private readonly created = new Set<string>();

  constructor(options: PortalLimiterOptions) {
    this.db = options.db;
    this.clock = options.clock ?? systemClock;
    this.timeZone = options.timeZone ?? "UTC";
    this.maxSleepMs = options.maxSleepMs ?? 2_000;
    this.key = bucketKey(options.hubId, options.appId);
    this.searchKey = `${this.key}:search`;
    const published = limitsForConnection(options.connectionKind ?? (options.appId ? "oauth" : "static"), options.edition);
    const limit = {
      perWindow: options.limits?.perWindow ?? published.perWindow,
      windowMs: options.limits?.windowMs ?? published.windowMs,
    };
    this.main = bucketFor(limit, { share: options.share, burst: options.burst, daily: options.limits?.daily ?? published.daily });
    this.perWindow = limit.perWindow;
    this.windowMs = limit.windowMs;
    this.search = options.searchLimits ? bucketFor(options.searchLimits, { share: 0.95, burst: 1 }) : searchBucket();
  }

  /** Waits for the right to send one request. Search requests also draw from the search budget. */
  async acquire(kind: RequestKind = "default"): Promise<void> {
    if (kind === "search") await this.take(this.searchKey, this.search);
    await this.take(this.key, this.main);
    this.stats.acquired++;
  }

  /** After a 429 (or a Retry-After): blocks every process using this bucket until `untilMs`. */
  async block(untilMs: number, kind: RequestKind = "default"): Promise<void> {
    await blockBucket(this.db, kind === "search" ? this.searchKey : this.key, untilMs);
  }

  /** HubSpot answered DAILY: mark today spent for every process. */
  async exhaustToday(): Promise<void> {
    await exhaustDay(this.db, this.key, this.main.daily ?? 0, dayKey(this.clock.now(), this.timeZone));
  }

  /**
   * One taker at a time per bucket in this process (whichever limiter asks), in the order they
   * asked. Racing instead, two callers waiting on one bucket (a big full sync's list and search
   * ends) polled it together and the loser slept another refill: the search, which brings 200
   * contacts a call, ran at 88 % of its limit, and every lost race was a wasted query.
   */
  private async take(key: string, bucket: BucketSettings): Promise<void> {
    let lines = linesByDb.get(this.db);
    if (!lines) linesByDb.set(this.db, (lines = new Map<string, Promise<void>>()));
    const before = lines.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = before.then(() => mine);
    lines.set(key, tail);
    try {
      await before;
      await this.takeInTurn(key, bucket);
    } finally {
      done();
      if (lines.get(key) === tail) lines.delete(key);
    }
  }

  private async takeInTurn(key: string, bucket: BucketSettings): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const day = dayKey(now, this.timeZone);
      if (!this.created.has(key)) {
        await ensureBucket(this.db, key, bucket, now, day);
        this.created.add(key);
      }
      const left = await tryTake(this.db, key, bucket, 1, now, day);
      if (left !== null) return;
      const wait = await this.waitFor(key, bucket, now, day);
      this.stats.waits++;
      this.stats.waitedMs += wait;
      await this.clock.sleep(wait);
    }
  }

  /** How long until a token could be there; throws when today's allowance is spent. */
  private async waitFor(key: string, bucket: BucketSettings, now: number, day: string): Promise<number> {
    const row = await readBucket(this.db, key);
    if (!row) {
      this.created.delete(key); // someone deleted it: recreate on the next round
      return 0;
    }
    if (bucket.daily !== null && row.dailyDate === day && row.dailyCount >= bucket.daily) throw new DailyLimitReached(key, "limiter");
    if (row.blockedUntilMs !== null && row.blockedUntilMs > now) return Math.min(this.maxSleepMs, row.blockedUntilMs - now + jitter());
    const available = Math.min(bucket.capacity, row.tokens + Math.max(0, now - row.refilledAtMs) * bucket.ratePerMs);
    const needed = (1 - available) / bucket.ratePerMs;
    // A little jitter so processes waiting on the same bucket do not collide on the same row.
    return Math.min(this.maxSleepMs, Math.max(1, Math.ceil(needed)) + jitter());
  }
}

function jitter(): number {
  return Math.floor(Math.random() * 5);
}
