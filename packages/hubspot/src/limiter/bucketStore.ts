import { sql } from "drizzle-orm";

import type { Db } from "@marketable/db";

import type { BucketSettings } from "./editionLimits";

/**
 * The token buckets live in `hubspot_rate_buckets` so that every worker process draws from the same
 * one. Each draw is ONE conditional UPDATE: PostgreSQL locks the row, and a concurrent UPDATE
 * re-evaluates the WHERE clause and the refill on the row version the first one committed, so two
 * processes can never spend the same token. Works unchanged on PGlite (one connection, serial).
 * No transactions, no named prepared statements, no LISTEN/NOTIFY (docs/toolchain.md).
 */

export interface BucketRow {
  tokens: number;
  refilledAtMs: number;
  dailyCount: number;
  dailyDate: string | null;
  blockedUntilMs: number | null;
}

/** Creates the bucket full if it does not exist yet (a no-op when another process created it first). */
export async function ensureBucket(db: Db, key: string, bucket: BucketSettings, nowMs: number, day: string): Promise<void> {
  await db.execute(sql`
    insert into hubspot_rate_buckets (key, tokens, refilled_at_ms, daily_count, daily_date)
    values (${key}, ${bucket.capacity}::float8, ${Math.floor(nowMs)}::bigint, 0, ${day})
    on conflict (key) do nothing`);
}

/**
 * Takes `n` tokens if the bucket (refilled up to now) holds them, nobody is blocked and the daily
 * count allows it. Returns the tokens left, or null when nothing was taken (or the row is missing).
 */
export async function tryTake(db: Db, key: string, bucket: BucketSettings, n: number, nowMs: number, day: string): Promise<number | null> {
  const now = Math.floor(nowMs);
  const refilled = sql`least(${bucket.capacity}::float8, tokens + greatest(0, ${now}::bigint - refilled_at_ms) * ${bucket.ratePerMs}::float8)`;
  const usedToday = sql`(case when daily_date = ${day} then daily_count else 0 end)`;
  const result = await db.execute<{ tokens: number }>(sql`
    update hubspot_rate_buckets set
      tokens = ${refilled} - ${n}::float8,
      refilled_at_ms = greatest(refilled_at_ms, ${now}::bigint),
      daily_count = ${usedToday} + ${n}::int,
      daily_date = ${day}
    where key = ${key}
      and coalesce(blocked_until_ms, 0) <= ${now}::bigint
      and ${refilled} >= ${n}::float8
      and (${bucket.daily}::int is null or ${usedToday} + ${n}::int <= ${bucket.daily}::int)
    returning tokens`);
  const row = result.rows[0];
  return row ? Number(row.tokens) : null;
}

export async function readBucket(db: Db, key: string): Promise<BucketRow | null> {
  const result = await db.execute<{
    tokens: number;
    refilled_at_ms: string | number;
    daily_count: number;
    daily_date: string | null;
    blocked_until_ms: string | number | null;
  }>(sql`
    select tokens, refilled_at_ms, daily_count, daily_date, blocked_until_ms from hubspot_rate_buckets where key = ${key}`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    tokens: Number(row.tokens),
    refilledAtMs: Number(row.refilled_at_ms),
    dailyCount: Number(row.daily_count),
    dailyDate: row.daily_date,
    blockedUntilMs: row.blocked_until_ms === null ? null : Number(row.blocked_until_ms),
  };
}

/**
 * After a 429: nobody sends before `untilMs`, and the bucket restarts empty then, so the processes
 * that were waiting do not all fire at once when the block ends.
 */
export async function blockBucket(db: Db, key: string, untilMs: number): Promise<void> {
  const until = Math.ceil(untilMs);
  await db.execute(sql`
    update hubspot_rate_buckets set
      blocked_until_ms = greatest(coalesce(blocked_until_ms, 0), ${until}::bigint),
      tokens = 0,
      refilled_at_ms = greatest(refilled_at_ms, ${until}::bigint)
    where key = ${key}`);
}

/** HubSpot said DAILY: record the day as spent so every process stops until the next day. */
export async function exhaustDay(db: Db, key: string, daily: number, day: string): Promise<void> {
  await db.execute(sql`
    update hubspot_rate_buckets set daily_count = greatest(${daily}::int, case when daily_date = ${day} then daily_count else 0 end), daily_date = ${day}
    where key = ${key}`);
}
