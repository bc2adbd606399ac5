// Billing panel latency on PostgreSQL: 500 portals, a year of daily usage snapshots each (about
// 50 million marketing contacts in all, as aggregates: no contact rows), apps and recommendation
// counts. Reports p50/p95 of the roll-up procedure and of a portal's billing page procedure next
// to their targets and the machine. Reports only; never fails. Run: pnpm --filter @marketable/api bench
import { portalApps, portalRecommendations, portalUsageTrends, usageSnapshots } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";
import { createRng } from "@marketable/hubspot-sandbox";
import { logger } from "@marketable/logger";
import { inArray, sql } from "drizzle-orm";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createCaller } from "../src/root";
import { refreshUsageTrend } from "../src/services/billing/usageTrend";

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
  const random = createRng(42);
  const agency = await createAgency(t.db, { name: "Bench agency" });
  const owner = await createMember(t.db, { agencyId: agency.id, role: "owner", email: "bench-owner@example.test" });
  const editions = [
    { edition: "starter", included: 1_000, block: 1_000 },
    { edition: "professional", included: 2_000, block: 5_000 },
    { edition: "enterprise", included: 10_000, block: 10_000 },
  ] as const;
  const portalIds: string[] = [];
  let totalToday = 0;
  const day0 = Date.UTC(2026, 10, 29) - (DAYS - 1) * 86_400_000;
  for (let p = 0; p < PORTALS; p++) {
    // Marketing contacts today: 20,000-180,000 (100,000 on average: 50 million over 500 portals).
    const today = Math.round(20_000 + random() * 160_000);
    const growth = Math.round(random() * 120);
    const e = editions[p % 3]!;
    const tier = e.included + Math.ceil((today * (1.02 + random() * 0.3) - e.included) / e.block) * e.block;
    const portal = await createPortal(t.db, {
      agencyId: agency.id,
      name: `Bench portal ${String(p).padStart(3, "0")}`,
      edition: e.edition,
      purchasedTier: tier,
      billingTerm: p % 2 ? "yearly" : "monthly",
      updateDateRule: p % 2 ? "first_of_month" : "renewal_day",
      renewalDate: `2027-0${1 + (p % 9)}-${String(1 + (p % 28)).padStart(2, "0")}`,
      timeZone: ["UTC", "America/New_York", "Europe/Berlin", "Asia/Tokyo"][p % 4]!,
    });
    portalIds.push(portal.id);
    totalToday += today;
    const days: string[] = [];
    const marketing: number[] = [];
    for (let d = 0; d < DAYS; d++) {
      days.push(new Date(day0 + d * 86_400_000).toISOString().slice(0, 10));
      marketing.push(Math.max(0, Math.round(today - growth * (DAYS - 1 - d) + (random() - 0.5) * 200)));
    }
    marketing[DAYS - 1] = today;
    await t.db.execute(sql`
      insert into usage_snapshots (portal_id, day, marketing, pending_demotion, non_marketing, by_source, by_app, taken_at)
      select ${portal.id}::uuid, d::date, m, (m / 200)::int, m / 3, '{}'::jsonb, '{}'::jsonb, now()
      from unnest(${sql.param(days)}::text[], ${sql.param(marketing)}::int[]) as u(d, m)`);
    // What a sync does after writing snapshots: store the fitted trend the roll-up reads.
    await refreshUsageTrend(t.db, portal, now);
    await t.db.insert(portalApps).values(
      ["1160452", "1220873", "1030229"].map((appId, i) => ({
        portalId: portal.id, appId, label: ["Salesforce", "Shopify", "Zapier"][i]!, contacts: 5_000, marketing: i === 0 ? 5_000 : 0,
        created7d: 70, created30d: 300, recentCreated: 10, recentMarketing: i === 0 ? 10 : 0,
      })),
    );
    await t.db.insert(portalRecommendations).values(
      (["hard_bounced", "opted_out", "no_engagement", "policy_no_app", "duplicate_email", "any"] as const).map((kind, i) => ({
        portalId: portal.id, kind, candidates: Math.round(today * 0.01 * (i + 1)), computedAt: now,
      })),
    );
  }
  await t.db.execute(sql`analyze`);
  const [{ rows: snapshotRows }] = [await t.db.execute<{ n: number }>(sql`select count(*)::int as n from ${usageSnapshots}`)];
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // Warnings only: a log line per call would bury the figures.
  const log = logger.child({ bench: "billing" }, { level: process.env.LOG_LEVEL ?? "warn" });
  const caller = createCaller(createTRPCContext({ db: t.db, userId: owner.id, clock: fixedClock(now), log }));
  const rollup = await time(RUNS, () => caller.billing.rollup({ sort: { id: "headroomPct", desc: false } }));
  const page = await time(RUNS, (i) => caller.billing.portal({ portalId: portalIds[(i * 37) % PORTALS]! }));
  const rows = (await caller.billing.rollup({})).rows.length;
  // The roll-up's trend read on its own, to tell SQL time from projection time.
  const trendQuery = await time(RUNS, () => t.db.select().from(portalUsageTrends).where(inArray(portalUsageTrends.portalId, portalIds)));

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`billing panel bench on PostgreSQL: ${PORTALS} portals, ${snapshotRows[0]!.n.toLocaleString("en-US")} daily snapshots, ${totalToday.toLocaleString("en-US")} marketing contacts today (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`billing.rollup (${rows} rows)  p50 ${rollup.p50.toFixed(1)} ms  p95 ${rollup.p95.toFixed(1)} ms  target p95 < ${TARGETS.rollup} ms  ${rollup.p95 < TARGETS.rollup ? "met" : "MISSED"}`);
  console.log(`  of which the stored-trend read p50 ${trendQuery.p50.toFixed(1)} ms  p95 ${trendQuery.p95.toFixed(1)} ms`);
  console.log(`billing.portal             p50 ${page.p50.toFixed(1)} ms  p95 ${page.p95.toFixed(1)} ms  target p95 < ${TARGETS.portal} ms  ${page.p95 < TARGETS.portal ? "met" : "MISSED"}`);
} finally {
  await t.close();
}
