// Fleet bench (part of `pnpm --filter @marketable/api bench`): an agency of 500 client portals
// (the sandbox's `fleet` preset, ≈ 5 million contacts, HubSpot's rate limits on) kept by two real
// worker processes (apps/worker, as test/workerProcesses.ts starts them) on PostgreSQL.
//   1. ingest ceiling: the same rows (the sandbox's contacts, mapped as a sync maps them) written
//      straight into a second database, no HubSpot in between, as many writers as workers;
//   2. initial sync: a full sync of every portal through the `sync.portal` job: total time,
//      contacts/s beside the ceiling (target ≥ 50 %), each portal's share of its rate limit, 429s;
//   3. steady state: a burst of changes across the fleet (new form contacts, promotions), then
//      freshness per portal until the stored counts match the sandbox's, through webhooks (portals
//      connected by OAuth) and the 15-minute schedule (every portal);
//   4. API budget: an idle tick's calls per portal, a day's worth against each portal's limits.
// The schedule runs faster than real time: the bench calls the real `sync.scheduleAll` handler
// with a clock 15 minutes ahead per tick instead of waiting for the cron. Waiting for the tick is
// counted in simulated time (each portal's change falls at an evenly spread point of the 15
// minutes before the tick); everything after the tick is real time. Reports; never fails. Env:
// FLEET_PORTALS (500), FLEET_WORKER_CONCURRENCY (the worker's default).
import os from "node:os";

import { gte, sql } from "drizzle-orm";

import { contacts, syncRuns } from "@marketable/db";
import { createTestDatabase } from "@marketable/db/testing";
import { limitsForConnection, OAUTH_LIMIT } from "@marketable/hubspot";
import { FLEET_PORTALS, PRODUCT_APP, startSandbox } from "@marketable/hubspot-sandbox";
import { createJobQueue } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { createJobHandlers, INCREMENTAL_EVERY_MS } from "../src/jobs/handlers";
import { queueScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { sandboxSettings } from "../test/hubspotSandbox";
import { startWebhookReceiver } from "../test/webhookReceiver";
import { workerProcesses } from "../test/workerProcesses";
import { measureIngestCeiling } from "./fleetCeiling";
import { connectFleet } from "./fleetConnect";
import { initialSyncFloorMs } from "./fleetFloor";
import { activeRuns, mismatches, queueFullSyncs, waitForRuns } from "./fleetRuns";
import { CallTally, fmt, line, pct, sandboxCounts, sleep, storedCounts } from "./fleetTally";

const PORTALS = Number(process.env.FLEET_PORTALS ?? FLEET_PORTALS);
const WORKERS = 2;
const INITIAL_SYNC_TIMEOUT_MS = 60 * 60_000;
const SETTLE_TIMEOUT_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
const TICKS_A_DAY = DAY_MS / INCREMENTAL_EVERY_MS;
const log = logger.child({ bench: "fleet" }, { level: process.env.LOG_LEVEL ?? "warn" });

const cpu = os.cpus();
console.log(
  `\nfleet bench: ${fmt(PORTALS)} client portals (sandbox preset "fleet"${PORTALS === FLEET_PORTALS ? "" : `, scaled down by FLEET_PORTALS`}), HubSpot's rate limits on, ${WORKERS} worker processes, PostgreSQL`,
);
console.log(
  `machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, Node ${process.version}, ${fmt(os.totalmem() / 2 ** 30)} GiB, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

const tally = new CallTally();
const generated = performance.now();
const sandbox = await startSandbox({ preset: "fleet", fleetPortals: PORTALS, seed: 15, port: 0, limits: true, recorder: tally.record });
const clients = sandbox.admin.listPortals().filter((p) => !p.partner);
const oauthHubs = new Set(clients.filter((p) => p.apps.some((a) => a.appId === PRODUCT_APP.appId)).map((p) => p.hubId));
const totalContacts = clients.reduce((n, p) => n + sandboxCounts(sandbox, p.hubId).live, 0);
console.log(
  `sandbox: ${fmt(clients.length)} portals (${oauthHubs.size} OAuth, ${clients.length - oauthHubs.size} private app), ${fmt(totalContacts)} live contacts, generated in ${((performance.now() - generated) / 1000).toFixed(1)} s (${fmt(sandbox.generation!.contacts / (sandbox.generation!.ms / 1000))} contacts/s)`,
);

const settings = sandboxSettings(sandbox);
const t = await createTestDatabase("postgres");
const workers = workerProcesses({ databaseUrl: t.url!, hub: { sandbox, settings } });
const queue = createJobQueue({ handle: t, maintenance: false, recoverActiveOnStart: false, log });
await queue.start();
const webhookDeps = createWorkerDeps({ db: t.db, settings, log, scheduler: queueScheduler(queue) });
const receiver = await startWebhookReceiver(() => webhookDeps);
try {
  const byPortalId = await connectFleet(t.db, sandbox, settings, clients, oauthHubs);
  sandbox.admin.setWebhooks(PRODUCT_APP.appId, {
    targetUrl: receiver.url,
    subscriptions: [
      { eventType: "contact.creation" },
      { eventType: "contact.propertyChange", propertyName: "hs_marketable_status" },
      { eventType: "contact.deletion" },
    ],
  });

  // 1. The database's own ingest ceiling: the same rows, no HubSpot, one writer per worker.
  console.log("\n1. initial sync of every portal");
  const { rows: ceilingRows, ms: ceilingMs } = await measureIngestCeiling(sandbox, clients, WORKERS);
  const ceilingRate = ceilingRows / (ceilingMs / 1000);
  line(
    "database ingest ceiling (no HubSpot)",
    `${fmt(ceilingRows)} rows in ${(ceilingMs / 1000).toFixed(1)} s = ${fmt(ceilingRate)} rows/s`,
    `report (${WORKERS} writers, upsertContacts batches)`,
  );

  // 2. The initial sync, by the worker processes.
  const workerEnv: Record<string, string> = process.env.FLEET_WORKER_CONCURRENCY
    ? { WORKER_CONCURRENCY: process.env.FLEET_WORKER_CONCURRENCY }
    : {};
  for (let i = 0; i < WORKERS; i++) workers.start({ WORKER_ID: `fleet-${i + 1}`, ...workerEnv });
  const scheduler = queueScheduler(queue);
  tally.reset();
  const syncStarted = performance.now();
  await queueFullSyncs(t.db, scheduler, [...byPortalId.keys()]);
  const settled = await waitForRuns(t.db, INITIAL_SYNC_TIMEOUT_MS);
  const syncMs = performance.now() - syncStarted;
  const stored = await storedCounts(t.db);
  const storedTotal = [...stored.values()].reduce((n, c) => n + c.live, 0);
  const syncRate = storedTotal / (syncMs / 1000);
  // In each portal's busiest 10 s (its size probe now comes long before its pages, so the span
  // from first to last call says little).
  const shares = [...byPortalId.values()].map((p) => {
    const limit = limitsForConnection(p.oauth ? "oauth" : "static", p.edition);
    return tally.busiestWindow(p.hubId, limit.windowMs) / limit.perWindow;
  });
  const floor = initialSyncFloorMs(clients, oauthHubs);
  const byWorker = await t.db
    .select({ worker: syncRuns.workerId, n: sql<number>`count(*)::int` })
    .from(syncRuns)
    .groupBy(syncRuns.workerId);
  line(
    "initial sync",
    `${fmt(storedTotal)} contacts in ${(syncMs / 1000).toFixed(1)} s${settled.unfinished ? ` (${settled.unfinished} runs NOT finished)` : ""}${settled.failed ? ` (${settled.failed} failed)` : ""}`,
    "report",
  );
  line(
    "slowest portal alone at its rate limit",
    `${(floor.published / 1000).toFixed(1)} s at HubSpot's limits, ${(floor.paced / 1000).toFixed(1)} s at the limiter's pace (lists of 100, searches of 200)`,
    "report: the initial sync can't be shorter",
  );
  line(
    "initial sync rate",
    `${fmt(syncRate)} contacts/s = ${((syncRate / ceilingRate) * 100).toFixed(0)} % of the ingest ceiling (the slowest portal's pace allows at most ${((storedTotal / (floor.paced / 1000) / ceilingRate) * 100).toFixed(0)} %)`,
    ">= 50 % of the ceiling",
    syncRate >= ceilingRate * 0.5,
  );
  line("429 responses during the initial sync", fmt(tally.refused429), "0", tally.refused429 === 0);
  line(
    "rate-limit share used per portal",
    `p50 ${(pct(shares, 50) * 100).toFixed(0)} %, max ${(Math.max(...shares) * 100).toFixed(0)} % of its limit in its busiest 10 s`,
    "report (0 × 429 is the test)",
  );
  line("runs per worker", byWorker.map((w) => `${w.worker ?? "none"}: ${w.n}`).join(", "), "both workers busy");
  const mismatched = await mismatches(t.db, sandbox);
  line(
    "stored counts = sandbox counts after it",
    `${fmt(clients.length - mismatched.length)} of ${fmt(clients.length)} portals`,
    "all",
    mismatched.length === 0,
  );

  // 4 (measured first, on a quiet fleet). An idle tick of the schedule: what it costs each portal.
  console.log("\n2. API budget of the schedule (an idle tick: nothing changed)");
  let clockOffset = 0;
  const handlers = createJobHandlers(
    createWorkerDeps({
      db: t.db,
      settings,
      log,
      scheduler: queueScheduler(queue),
      clock: { now: () => new Date(Date.now() + clockOffset) },
    }),
    { queue },
  );
  const scheduleAll = handlers["sync.scheduleAll"] as (job: unknown) => Promise<{ enqueued: number }>;
  const tick = async () => {
    clockOffset += INCREMENTAL_EVERY_MS;
    return scheduleAll({ id: "bench", name: "sync.scheduleAll", data: {} });
  };
  tally.reset();
  const idleSince = new Date();
  const idleStarted = performance.now();
  const idle = await tick();
  await waitForRuns(t.db, SETTLE_TIMEOUT_MS);
  const idleMs = performance.now() - idleStarted;
  const perTick = [...byPortalId.values()].map((p) => ({ ...p, calls: tally.calls.get(p.hubId) ?? 0 }));
  const privates = perTick.filter((p) => !p.oauth);
  const dailyShares = privates.map((p) => (p.calls * TICKS_A_DAY) / limitsForConnection("static", p.edition).daily!);
  line(
    "idle tick",
    `${fmt(idle.enqueued)} syncs queued, all done in ${(idleMs / 1000).toFixed(1)} s; ${fmt(tally.total())} calls`,
    "report",
  );
  const [rewritten] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contacts)
    .where(gte(contacts.syncedAt, idleSince));
  line("contact rows written by the idle tick", fmt(rewritten!.n), "0 (nothing changed)", rewritten!.n === 0);
  line(
    "calls per portal per tick",
    `p50 ${pct(
      perTick.map((p) => p.calls),
      50,
    )}, max ${Math.max(...perTick.map((p) => p.calls))}`,
    "report",
  );
  line(
    "private apps: schedule's calls a day",
    `max ${fmt(Math.max(...privates.map((p) => p.calls)) * TICKS_A_DAY)} = ${(Math.max(...dailyShares) * 100).toFixed(3)} % of the daily limit (worst portal)`,
    "< 5 % of every portal's limit",
    dailyShares.every((s) => s < 0.05),
  );
  const oauthBusiest = perTick.filter((p) => p.oauth).map((p) => tally.busiestWindow(p.hubId));
  line(
    "OAuth: busiest 10 s of a tick",
    `${oauthBusiest.length ? Math.max(...oauthBusiest) : 0} calls of ${OAUTH_LIMIT.perWindow} / 10 s`,
    "report (under the limit)",
  );

  // 3. Steady state: a burst of changes across the fleet, then freshness per portal.
  console.log("\n3. freshness after a burst of changes (webhooks, then the schedule)");
  const burstPortals = [...byPortalId.entries()];
  // When each portal's change happened: webhooks may apply the first before the last is made.
  const changedAt = new Map<string, number>();
  for (const [id, p] of burstPortals) {
    const live = sandboxCounts(sandbox, p.hubId).live;
    const count = Math.max(3, Math.round(live * 0.005));
    sandbox.admin.createContacts(p.hubId, { source: "form", count });
    changedAt.set(id, performance.now());
  }
  const matchedAt = new Map<string, number>();
  const watch = async () => {
    const now = performance.now();
    // Only the portals not fresh yet: a count of every stored contact twice a second would load
    // the database the syncs write to.
    const waiting = burstPortals.filter(([id]) => !matchedAt.has(id));
    const counts = await storedCounts(
      t.db,
      waiting.map(([id]) => id),
    );
    for (const [id, p] of waiting) {
      const want = sandboxCounts(sandbox, p.hubId);
      const got = counts.get(id);
      if (got && got.live === want.live && got.marketing === want.marketing) matchedAt.set(id, now);
    }
  };
  // Webhooks first (real time): until deliveries are done and the OAuth portals have settled.
  const webhookDeadline = performance.now() + 120_000;
  for (;;) {
    await watch();
    const oauthLeft = burstPortals.filter(([id, p]) => p.oauth && !matchedAt.has(id)).length;
    if (oauthLeft === 0 || performance.now() > webhookDeadline) break;
    await sleep(500);
  }
  const viaWebhooks = matchedAt.size;
  // Then the schedule: each portal's change fell at an evenly spread point of the 15 minutes before
  // the tick, in an order unrelated to the order the tick syncs them in (a stride through the
  // portals; a portal's place in the queue says nothing about when its change came).
  const n = burstPortals.length;
  const stride = [7919, 7907, 7901].find((p) => n % p !== 0)!;
  const phase = new Map(burstPortals.map(([id], i) => [id, ((((i * stride) % n) + 0.5) / n) * INCREMENTAL_EVERY_MS]));
  const freshness = new Map<string, number>();
  for (const [id, at] of matchedAt) freshness.set(id, at - changedAt.get(id)!);
  for (let k = 0; k < 3 && matchedAt.size < burstPortals.length; k++) {
    const tickAt = performance.now();
    await tick();
    const deadline = tickAt + SETTLE_TIMEOUT_MS;
    for (;;) {
      await watch();
      const unfinished = await activeRuns(t.db);
      if ((unfinished === 0 && matchedAt.size === burstPortals.length) || performance.now() > deadline) break;
      if (unfinished === 0) break;
      await sleep(500);
    }
    await watch();
    for (const [id, at] of matchedAt) if (!freshness.has(id)) freshness.set(id, phase.get(id)! + k * INCREMENTAL_EVERY_MS + (at - tickAt));
  }
  const values = [...freshness.values()];
  const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  const p95 = pct(values, 95);
  const webhookSeconds = [...freshness.values()].slice(0, viaWebhooks).map((ms) => ms / 1000);
  line(
    "portals fresh via webhooks alone",
    `${fmt(viaWebhooks)} of ${fmt(oauthHubs.size)} OAuth portals; p50 ${pct(webhookSeconds, 50).toFixed(1)} s, max ${Math.max(0, ...webhookSeconds).toFixed(1)} s`,
    "report",
  );
  line("portals fresh in the end", `${fmt(freshness.size)} of ${fmt(burstPortals.length)}`, "all", freshness.size === burstPortals.length);
  line(
    "freshness (change → stored counts match)",
    `p50 ${minutes(pct(values, 50))}, p95 ${minutes(p95)}, max ${minutes(Math.max(...values))}`,
    "p95 < 15 min",
    p95 < 15 * 60_000 && freshness.size === burstPortals.length,
  );
  line("429 responses since the initial sync", fmt(tally.refused429), "0", tally.refused429 === 0);
  console.log("  (schedule run faster than real time: the wait for the 15-minute tick is simulated, the work after it real)");
} finally {
  await workers.killAll();
  await queue.stop({ graceful: false }).catch(() => {});
  await receiver.close();
  await sandbox.close();
  await t.close();
}
