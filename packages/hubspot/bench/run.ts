/**
 * Gateway benchmark (pnpm --filter @marketable/hubspot bench):
 * 1. full sync of one portal against the sandbox with HubSpot's real limits, as a share of the
 *    rate-limit ceiling (target ≥ 90%, zero 429s from the limiter's own traffic);
 * 2. the same paging with the official client's crm.contacts.getAll() (SDK retries, no limiter),
 *    and the ratio of the two;
 * 3. database ingest with limits removed: upsertContacts into PostgreSQL (target ≥ 20,000 contacts/s);
 * 4. many portals, two worker processes (bench/parallel.ts); 5. an OAuth-connected portal's sync
 *    (bench/oauthSync.ts: zero 429s, ≥ 90% of 110 / 10 s).
 * Env: BENCH_DATABASE_URL (PostgreSQL; default the local test server), BENCH_CONTACTS (200,000),
 * BENCH_BASELINE_CONTACTS (same as BENCH_CONTACTS).
 */
import os from "node:os";

import { Client } from "@hubspot/api-client";
import { sql } from "drizzle-orm";

import { createDb, runMigrations, type Db } from "@marketable/db";
import { createTestDatabase } from "@marketable/db/testing";
import { privateAppToken, startSandbox } from "@marketable/hubspot-sandbox";

import { CONTACT_PROPERTIES, createPortalGateway, upsertContacts, type ContactRecord, type PortalGateway } from "../src";
import { keyring, seedPortal } from "../test/fixtures";
import { oauthSyncBench } from "./oauthSync";
import { parallelBench } from "./parallel";

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 200_000);
// Same size by default: a rolling window lets a short run burst above the sustained rate, so only
// equal sizes compare fairly.
const BASELINE_CONTACTS = Number(process.env.BENCH_BASELINE_CONTACTS ?? CONTACTS);
const CEILING_PER_SECOND = 190 / 10; // Enterprise: 190 requests per rolling 10 s

function line(label: string, value: string, target?: string, ok?: boolean): void {
  const verdict = ok === undefined ? "" : ok ? "  ✓" : "  ✗ below target";
  console.log(`${label.padEnd(46)} ${value.padEnd(34)} ${target ? `target ${target}` : ""}${verdict}`);
}

async function openDatabase(): Promise<{ db: Db; close: () => Promise<void>; where: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const handle = await createDb(url, { poolSize: 5 });
    await runMigrations(handle.db);
    return { db: handle.db, close: () => handle.close(), where: "BENCH_DATABASE_URL" };
  }
  const tdb = await createTestDatabase("postgres");
  return { db: tdb.db, close: () => tdb.close(), where: "a fresh database on the local PostgreSQL" };
}

async function fullSync(gateway: PortalGateway, db: Db): Promise<{ records: ContactRecord[]; ms: number }> {
  const records: ContactRecord[] = [];
  const started = performance.now();
  let after: string | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  do {
    const page = await gateway.listContactsPage({ after, limit: 100 });
    records.push(...page.contacts);
    // Write the page while the next one is fetched; one write in flight at a time.
    await writing;
    writing = upsertContacts(db, gateway.portal.portalId, page.contacts);
    after = page.nextAfter;
  } while (after);
  await writing;
  return { records, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const cpu = os.cpus();
  console.log(
    `machine: ${cpu[0]?.model ?? "unknown cpu"}, ${cpu.length} cores, node ${process.version}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  let status429 = 0;
  const sandbox = await startSandbox({
    preset: "empty",
    seed: 1,
    port: 0,
    limits: true,
    recorder: (r) => void (r.statusCode === 429 && status429++),
  });
  const database = await openDatabase();
  console.log(`database: PostgreSQL (${database.where}); sandbox ${sandbox.url}`);
  let failed = false;
  try {
    const t0 = performance.now();
    const hub = sandbox.admin.createPortal({ edition: "enterprise", contacts: CONTACTS }).hubId;
    const baselineHub = sandbox.admin.createPortal({ edition: "enterprise", contacts: BASELINE_CONTACTS }).hubId;
    console.log(`sandbox portals generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // 1. Full sync through the gateway, HubSpot's limits on.
    const portalId = await seedPortal(database.db, {
      hubId: String(hub),
      edition: "enterprise",
      connection: { kind: "static", token: privateAppToken(hub) },
    });
    const gateway = await createPortalGateway({
      db: database.db,
      keyring,
      portal: { portalId, hubId: String(hub), edition: "enterprise" },
      basePath: sandbox.url,
    });
    status429 = 0;
    const sync = await fullSync(gateway, database.db);
    const seconds = sync.ms / 1000;
    const reqPerSecond = gateway.stats.requests / seconds;
    const share = reqPerSecond / CEILING_PER_SECOND;
    const stored = Number(
      (await database.db.execute<{ n: string }>(sql`select count(*) as n from contacts where portal_id = ${portalId}`)).rows[0]!.n,
    );
    const gatewayRate = sync.records.length / seconds;
    console.log(`\n1. full sync, ${CONTACTS.toLocaleString("en")} contacts, HubSpot limits on (enterprise 190 / 10 s)`);
    line(
      "  contacts read / stored",
      `${sync.records.length.toLocaleString("en")} / ${stored.toLocaleString("en")}`,
      "all",
      stored === CONTACTS && sync.records.length === CONTACTS,
    );
    line("  time, requests", `${seconds.toFixed(1)} s, ${gateway.stats.requests} requests`);
    line("  throughput", `${gatewayRate.toFixed(0)} contacts/s, ${reqPerSecond.toFixed(2)} req/s`);
    line("  share of the rate-limit ceiling", `${(share * 100).toFixed(1)}%`, "≥ 90%", share >= 0.9);
    line("  429 responses", String(status429), "0", status429 === 0);
    failed ||= share < 0.9 || status429 !== 0 || stored !== CONTACTS;

    // 2. Baseline: the official client's getAll() with its own retries, no limiter.
    const baseline = new Client({ accessToken: privateAppToken(baselineHub), basePath: sandbox.url, numberOfApiCallRetries: 6 });
    status429 = 0;
    const b0 = performance.now();
    const all = await baseline.crm.contacts.getAll(100, undefined, [...CONTACT_PROPERTIES]);
    const baselineSeconds = (performance.now() - b0) / 1000;
    const baselineRate = all.length / baselineSeconds;
    console.log(
      `\n2. baseline: crm.contacts.getAll(), ${BASELINE_CONTACTS.toLocaleString("en")} contacts, SDK retries (numberOfApiCallRetries 6), no limiter`,
    );
    line("  contacts read", all.length.toLocaleString("en"));
    line("  time", `${baselineSeconds.toFixed(1)} s`);
    line(
      "  throughput",
      `${baselineRate.toFixed(0)} contacts/s (${((baselineRate / 100 / CEILING_PER_SECOND) * 100).toFixed(1)}% of ceiling)`,
    );
    line("  429 responses", String(status429));
    // Informational: the baseline is as fast only because it bursts into HubSpot's limit and sleeps 10 s on
    // each 429; the gateway gets the same throughput without a single 429, shared across processes.
    line("  gateway ÷ baseline throughput", `${(gatewayRate / baselineRate).toFixed(2)}×`);

    // 3. Database ingest, limits removed: the upsert alone, insert then update.
    const ingestPortal = await seedPortal(database.db, {
      hubId: "ingest",
      edition: "enterprise",
      connection: { kind: "static", token: "unused" },
    });
    const i0 = performance.now();
    await upsertContacts(database.db, ingestPortal, sync.records);
    const insertRate = sync.records.length / ((performance.now() - i0) / 1000);
    const u0 = performance.now();
    await upsertContacts(database.db, ingestPortal, sync.records);
    const updateRate = sync.records.length / ((performance.now() - u0) / 1000);
    // End to end with the sandbox's and the limiter's limits removed (one worker, sequential paging).
    sandbox.admin.setRateLimits({ enabled: false });
    await database.db.execute(sql`delete from contacts where portal_id = ${portalId}`);
    const open = await createPortalGateway({
      db: database.db,
      keyring,
      portal: { portalId, hubId: String(hub), edition: "enterprise" },
      basePath: sandbox.url,
      limiter: { limits: { perWindow: 1_000_000, windowMs: 10_000, daily: 100_000_000 } },
    });
    const unlimited = await fullSync(open, database.db);
    const endToEnd = unlimited.records.length / (unlimited.ms / 1000);
    console.log(
      `\n3. database ingest (load average now ${os.loadavg()[0]!.toFixed(1)}) into PostgreSQL, limits removed (${sync.records.length.toLocaleString("en")} contacts)`,
    );
    line("  upsertContacts, new rows", `${insertRate.toFixed(0)} contacts/s`, "≥ 20,000/s", insertRate >= 20_000);
    line("  upsertContacts, all conflicting (update)", `${updateRate.toFixed(0)} contacts/s`, "≥ 20,000/s", updateRate >= 20_000);
    line("  full sync end to end, no limits (1 worker)", `${endToEnd.toFixed(0)} contacts/s (${open.stats.requests} requests)`);
    failed ||= insertRate < 20_000 || updateRate < 20_000;
  } finally {
    await sandbox.close();
    await database.close();
  }
  // 4. Many portals, two worker processes, one shared limiter per portal.
  if (!(await parallelBench())) failed = true;
  // 5. An OAuth-connected portal: 110 / 10 s whatever the edition, no daily limit.
  if (!(await oauthSyncBench())) failed = true;
  if (failed) process.exitCode = 1;
}

await main();
