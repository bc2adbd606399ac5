import { setTimeout as sleep } from "node:timers/promises";

import type PgBoss from "pg-boss";

/** pg-boss's own pool (PostgreSQL), as its Db keeps it; PGlite's executeSql wrapper has none. */
interface OwnedDb {
  isOurs?: boolean;
  opened?: boolean;
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
  close?: () => Promise<void>;
}

const QUIET_CHECKS = 3;
const CHECK_EVERY_MS = 50;

/**
 * After `boss.stop({ close: false })`: waits until pg-boss's pool has been idle for a few checks
 * in a row (bounded by `limitMs`), then closes it. pg-boss fails the jobs its workers hold when it
 * stops, but not a batch whose fetch is still in flight: that batch lands active after the stop and
 * nobody would run or fail it until it expired (an hour for a sync). runJob releases such late
 * jobs at once; the pool must stay open until their releases are written.
 */
export async function settleAndClose(boss: PgBoss, limitMs = 5_000): Promise<void> {
  const db = boss.getDb() as OwnedDb;
  if (!db.isOurs || !db.pool) return; // PGlite: the handle owns the connection and stays open
  const pool = db.pool;
  const busy = () => pool.totalCount - pool.idleCount + pool.waitingCount > 0;
  const until = Date.now() + limitMs;
  let quiet = 0;
  while (quiet < QUIET_CHECKS && Date.now() < until) {
    await sleep(CHECK_EVERY_MS);
    quiet = busy() ? 0 : quiet + 1;
  }
  if (db.opened) await db.close?.();
}
