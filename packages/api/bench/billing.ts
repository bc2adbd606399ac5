// Billing panel latency on PostgreSQL: 500 portals, a year of daily usage snapshots each (about
// 50 million marketing contacts in all, as aggregates: no contact rows), apps and recommendation
// counts. Reports p50/p95 of the roll-up procedure and of a portal's billing page procedure next
// to their targets and the machine. Reports only; never fails. Run: pnpm --filter @marketable/api bench
import os from "node:os";
import { performance } from "node:perf_hooks";

import { inArray, sql } from "drizzle-orm";

import { portalUsageTrends, usageSnapshots } from "@marketable/db";
import { createTestDatabase } from "@marketable/db/testing";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { seedBillingPortals } from "./billingSeed";

const PORTALS = 500;
const DAYS = 365;
const RUNS = 40;
const TARGETS = { rollup: 100, portal: 150 };
const now = new Date("2026-11-29T12:00:00Z");

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i); // warm: JIT, time-zone data, plans
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    ms.push(performance.now() - started);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

const t = await createTestDatabase("postgres");
try {
  const seedStarted = performance.now();
  const { ownerId, portalIds, totalToday } = await seedBillingPortals(t.db, { portals: PORTALS, days: DAYS, now });
  const [{ rows: snapshotRows }] = [await t.db.execute<{ n: number }>(sql`select count(*)::int as n from ${usageSnapshots}`)];
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // Warnings only: a log line per call would bury the figures.
  const log = logger.child({ bench: "billing" }, { level: process.env.LOG_LEVEL ?? "warn" });
  const caller = createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock(now), log }));
  const rollup = await time(RUNS, () => caller.billing.rollup({ sort: { id: "headroomPct", desc: false } }));
  const page = await time(RUNS, (i) => caller.billing.portal({ portalId: portalIds[(i * 37) % PORTALS]! }));
  const rows = (await caller.billing.rollup({})).matched;
  // The roll-up's trend read on its own, to tell SQL time from projection time.
  const trendQuery = await time(RUNS, () => t.db.select().from(portalUsageTrends).where(inArray(portalUsageTrends.portalId, portalIds)));

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `billing panel bench on PostgreSQL: ${PORTALS} portals, ${snapshotRows[0]!.n.toLocaleString("en-US")} daily snapshots, ${totalToday.toLocaleString("en-US")} marketing contacts today (seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log(
    `machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `billing.rollup (${rows} rows)  p50 ${rollup.p50.toFixed(1)} ms  p95 ${rollup.p95.toFixed(1)} ms  target p95 < ${TARGETS.rollup} ms  ${rollup.p95 < TARGETS.rollup ? "met" : "MISSED"}`,
  );
  console.log(`  of which the stored-trend read p50 ${trendQuery.p50.toFixed(1)} ms  p95 ${trendQuery.p95.toFixed(1)} ms`);
  console.log(
    `billing.portal             p50 ${page.p50.toFixed(1)} ms  p95 ${page.p95.toFixed(1)} ms  target p95 < ${TARGETS.portal} ms  ${page.p95 < TARGETS.portal ? "met" : "MISSED"}`,
  );
} finally {
  await t.close();
}
