// Load: the production build (`next start`) on PostgreSQL under 100 signed-in users.
// A fresh database (created here, dropped at the end) is seeded with the billing benches' data
// (packages/api/bench/billingSeed.ts: 500 portals, a year of daily usage each, apps and
// recommendation counts) plus synced contacts in some portals; 100 people of the agency each sign
// in the way a browser does (next-auth's CSRF token, then the credentials callback). Each person
// goes through the roll-up (/billing, one of its 10 pages of 50 portals), a portal's billing page,
// a portal's contacts page and the Integrations matrix (one of its 10 pages), and every answer is
// checked: status 200 and the page's own text (a redirect to sign-in or an error page counts as an
// error).
//
// Two load models, printed one after the other:
// - Users (judged against the target, p99 < 500 ms and 0 errors): 100 people, each loading a page
//   and then reading it for a think time of 5 s ± 2.5 s (uniform), starting at random moments in
//   the first 5 s. That is what 100 people at their desks do: about 20 pages/s in all, and a page
//   that takes long delays only its own person. Measured with fetch, one loop per person.
// - Stress (informational, no target): autocannon keeps 100 connections busy with no think time,
//   i.e. 100 requests always in flight. That is not 100 people (it is closer to 2,000 of them at
//   the rate above); it shows the throughput ceiling and how latency grows past it.
// Prints p50/p95/p99, throughput and errors for each, the load average before and after each run
// and the machine: the server, PostgreSQL and the load tool share its cores, and on a shared
// machine other work changes the figures. Reports only; never fails. Needs a production build.
// Run: pnpm --filter @marketable/web run bench:load
//   (BENCH_LOAD_USERS, BENCH_LOAD_SECONDS, BENCH_LOAD_THINK_MS, BENCH_LOAD_PORT, BENCH_LOAD_PAGES, BENCH_LOAD_CPU_PROF)
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { sql } from "drizzle-orm";

import { seedBillingPortals } from "@marketable/api/bench/billingSeed";
import { hashPassword } from "@marketable/db";
import { createMember } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";

import { signInOverHttp } from "../e2e/httpSession";
import { productionServerEnv } from "../smoke/productionEnv";
import { pct, report, treeCpuMs } from "./load/report";
import { runStress, runUsers, type Page, type PageName, type RunSettings } from "./load/runs";

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 100);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** A person's mean reading time between pages; each pause is uniform in ±50 % of it. */
const THINK_MS = Number(process.env.BENCH_LOAD_THINK_MS ?? 5_000);
/** The pages the roll-up and the matrix have at 500 portals, 50 a page. */
const LIST_PAGES = 10;
const PORTALS = 500;
/** Portals with synced contact rows (the rest have aggregates only), and rows in each. */
const CONTACT_PORTALS = 20;
const CONTACTS_PER_PORTAL = 5_000;
const TARGET = { p99Ms: 500, errors: 0 };
const PASSWORD = "bench-load-password";
const port = Number(process.env.BENCH_LOAD_PORT ?? 3191);
const baseUrl = `http://127.0.0.1:${port}`;
const webDir = path.resolve(import.meta.dirname, "..");
const settings: RunSettings = { baseUrl, users: USERS, seconds: SECONDS, thinkMs: THINK_MS };

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`next start did not answer on ${baseUrl} within the deadline`);
}

const t = await createTestDatabase("postgres");
const server = { process: undefined as ReturnType<typeof spawn> | undefined };
try {
  // --- data: the billing benches' 500 portals, contact rows in 20 of them, 100 people ---
  const seedStarted = performance.now();
  const now = new Date();
  const seed = await seedBillingPortals(t.db, {
    portals: PORTALS,
    now,
    owner: { email: "load-user-000@example.test", password: PASSWORD },
  });
  const contactPortals = seed.portalIds.slice(0, CONTACT_PORTALS);
  for (const portalId of contactPortals) {
    await t.db.execute(sql`
      insert into contacts (portal_id, hubspot_id, email, created_at, updated_at, marketable, object_source, object_source_id, object_source_label, lifecycle_stage, last_engagement_at)
      select ${portalId}::uuid, g::text, 'person-' || g || '@example.test', now() - (g % 700) * interval '1 day', now(), g % 3 <> 0,
        case when g % 4 = 0 then 'INTEGRATION' else 'FORM' end, case when g % 4 = 0 then '1160452' end, case when g % 4 = 0 then 'Salesforce' end,
        (array['subscriber', 'lead', 'customer'])[1 + g % 3], now() - (g % 200) * interval '1 day'
      from generate_series(1, ${CONTACTS_PER_PORTAL}) as g`);
  }
  const passwordHash = await hashPassword(PASSWORD);
  const emails = ["load-user-000@example.test"];
  for (let u = 1; u < USERS; u++) {
    const email = `load-user-${String(u).padStart(3, "0")}@example.test`;
    // Owners and admins: both see every portal's billing, contacts and integrations.
    await createMember(t.db, { agencyId: seed.agencyId, role: u % 2 ? "admin" : "owner", email, passwordHash });
    emails.push(email);
  }
  await t.db.execute(sql`analyze`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const names = new Map<string, string>(
    (await t.db.execute<{ id: string; name: string }>(sql`select id, name from portals where agency_id = ${seed.agencyId}`)).rows.map(
      (r) => [r.id, r.name],
    ),
  );

  // --- the production server on that database ---
  // The server production runs (serve.mjs: Next's standalone output), not the `next` CLI.
  // BENCH_LOAD_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_LOAD_CPU_PROF ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_LOAD_CPU_PROF)}`] : [];
  server.process = spawn(process.execPath, [...profile, "serve.mjs"], {
    cwd: webDir,
    env: { ...process.env, ...productionServerEnv({ port, databaseUrl: t.url! }) },
    // Kept aside: requests still rendering when the server is stopped log errors that are not the bench's.
    // (warnings and errors only, at LOG_LEVEL warn: the cause of a wrong answer is printed from here).
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverErrors = "";
  const keep = (chunk: Buffer) => (serverErrors = (serverErrors + chunk.toString()).slice(-20_000));
  server.process.stdout!.on("data", keep);
  server.process.stderr!.on("data", keep);
  await waitForHealth(Date.now() + 120_000).catch((error: unknown) => {
    console.error(serverErrors);
    throw error;
  });

  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signInOverHttp(baseUrl, email, PASSWORD));

  const portalAt = (i: number) => seed.portalIds[(i * 37) % PORTALS]!;
  const contactPortalAt = (i: number) => contactPortals[(i * 7) % CONTACT_PORTALS]!;
  // Lists open on page 1 half the time (the first view), else on one of the others.
  const listPage = (i: number) => (i % 2 === 0 ? 1 : 1 + ((i * 7) % LIST_PAGES));
  const listPath = (path: string, i: number) => (listPage(i) === 1 ? path : `${path}?page=${listPage(i)}`);
  // The lists' rows arrive as the query data streamed into the same response (client tables
  // hydrate it), so their marker is a portal's name in that data.
  const allPages: Page[] = [
    { name: "roll-up", path: (i) => listPath("/billing", i), marker: () => "Bench portal" },
    { name: "portal billing", path: (i) => `/billing/${portalAt(i)}`, marker: (i) => `${names.get(portalAt(i))}: billing` },
    {
      name: "contacts",
      path: (i) => `/contacts?portal=${contactPortalAt(i)}`,
      marker: (i) => `${names.get(contactPortalAt(i))}: contacts`,
    },
    { name: "integrations", path: (i) => listPath("/integrations", i), marker: () => "Bench portal" },
  ];
  // BENCH_LOAD_PAGES=roll-up,contacts: only those pages (with BENCH_LOAD_CPU_PROF, one page's profile).
  const only = process.env.BENCH_LOAD_PAGES?.split(",").map((name) => name.trim());
  const pages = only ? allPages.filter((page) => only.includes(page.name)) : allPages;
  if (pages.length === 0) throw new Error(`BENCH_LOAD_PAGES names none of: ${allPages.map((p) => p.name).join(", ")}`);

  const pageBytes = new Map<PageName, number>();
  // Each page is checked once as a user before the run: a wrong marker would otherwise make every
  // answer an "error". Also warms the server (route modules, JIT, query plans).
  for (let i = 0; i < 4; i++) {
    for (const page of pages) {
      const response = await fetch(`${baseUrl}${page.path(i)}`, { headers: { cookie: cookies[i]! }, redirect: "manual" });
      const body = await response.text();
      pageBytes.set(page.name, Math.max(pageBytes.get(page.name) ?? 0, body.length));
      if (response.status !== 200 || !body.includes(page.marker(i))) {
        throw new Error(`${page.name} (${page.path(i)}) answered ${response.status} without "${page.marker(i)}"`);
      }
    }
  }

  // One user alone, page after page: what each page costs without queueing behind others, in
  // time and in the server's CPU (which, unlike time, does not depend on what else the machine runs).
  const alone = new Map<PageName, number[]>(pages.map((p) => [p.name, []]));
  const cpuPerPage = new Map<PageName, number>();
  const ALONE_RUNS = 6;
  for (const page of pages) {
    const cpuBefore = treeCpuMs(server.process.pid!);
    for (let i = 0; i < ALONE_RUNS; i++) {
      const started = performance.now();
      await (await fetch(`${baseUrl}${page.path(i)}`, { headers: { cookie: cookies[0]! } })).text();
      alone.get(page.name)!.push(performance.now() - started);
    }
    cpuPerPage.set(page.name, (treeCpuMs(server.process.pid!) - cpuBefore) / ALONE_RUNS);
  }
  const meanCpu = [...cpuPerPage.values()].reduce((a, b) => a + b, 0) / pages.length;

  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}`;
  console.log(
    `load bench: the standalone production server (serve.mjs) on PostgreSQL, ${PORTALS} portals (the billing bench's data), ${(CONTACT_PORTALS * CONTACTS_PER_PORTAL).toLocaleString("en-US")} contacts in ${CONTACT_PORTALS} of them (seeded in ${seedSeconds.toFixed(1)} s)`,
  );
  console.log(
    `machine: ${machine}; server, PostgreSQL and the load tool share it (and, on a shared machine, other work: see the load averages)`,
  );
  console.log(
    `one user alone (median of ${ALONE_RUNS}; server CPU per page; HTML):  ` +
      pages
        .map(
          (p) =>
            `${p.name} ${pct(
              alone.get(p.name)!.sort((a, b) => a - b),
              50,
            ).toFixed(0)} ms, ${cpuPerPage.get(p.name)!.toFixed(0)} ms CPU, ${(pageBytes.get(p.name)! / 1024).toFixed(0)} kB`,
        )
        .join("; "),
  );
  const offered = USERS / (THINK_MS / 1000);
  console.log(
    `capacity: ${meanCpu.toFixed(0)} ms of server CPU per page on average, so at most ${((os.cpus().length * 1000) / meanCpu).toFixed(0)} pages/s on ${os.cpus().length} idle cores (PostgreSQL and the load tool need some of them);` +
      ` the user model asks for about ${offered.toFixed(0)} pages/s`,
  );

  // --- the user model: each person loads a page, reads it, loads the next ---
  const users = await runUsers(settings, pages, cookies);
  report(
    `users: ${USERS} signed-in people for ${SECONDS} s, each loading a page then reading it for ${(THINK_MS / 1000).toFixed(1)} s ± ${(THINK_MS / 2000).toFixed(1)} s (uniform), roll-up → portal billing → contacts → integrations in turn`,
    users,
    true,
    TARGET,
    SECONDS,
  );

  // --- stress: 100 requests always in flight (autocannon, no think time) ---
  const stress = await runStress(settings, pages, cookies);
  report(
    `stress (informational, no target): ${USERS} connections always busy for ${SECONDS} s, no think time (autocannon): ${USERS} requests in flight at every moment, not ${USERS} people`,
    stress,
    false,
    TARGET,
    SECONDS,
  );
  // What the server logged about a wrong answer (its log holds the cause, the page only a reference).
  if (users.firstWrong || stress.firstWrong) {
    const cause = [...serverErrors.matchAll(/"(?:msg|message)":"([^"]{0,200})"/g)]
      .map((m) => m[1])
      .filter((m) => !/^(slow|request)/i.test(m!));
    console.log(`  the server's last logged errors: ${[...new Set(cause.slice(-20))].slice(-3).join(" | ") || "(none on stderr)"}`);
  }
} finally {
  server.process?.kill("SIGTERM");
  if (server.process) await new Promise((resolve) => server.process!.once("exit", resolve));
  await t.close();
}
