// Load: the production build (`next start`) on PostgreSQL under 100 concurrent signed-in users.
// A fresh database (created here, dropped at the end) is seeded with the billing benches' data
// (packages/api/bench/billingSeed.ts: 500 portals, a year of daily usage each, apps and
// recommendation counts) plus synced contacts in some portals; 100 people of the agency each sign
// in the way a browser does (next-auth's CSRF token, then the credentials callback). autocannon
// then keeps 100 connections busy for 60 s, each one a user going through the roll-up (/billing),
// a portal's billing page, a portal's contacts page and the integrations matrix, and every
// answer is checked: status 200 and the page's own text (a redirect to sign-in or an error page
// counts as an error). Prints p50/p95/p99, throughput and errors beside the target, and the
// machine. Reports only; never fails. Needs a production build (turbo builds first).
// Run: pnpm --filter @marketable/web run bench:load   (BENCH_LOAD_USERS, BENCH_LOAD_SECONDS, BENCH_LOAD_PORT)
import { seedBillingPortals } from "@marketable/api/bench/billingSeed";
import { createMember } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";
import { hashPassword } from "@marketable/db";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { signInOverHttp } from "../e2e/httpSession";

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 100);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const PORTALS = 500;
/** Portals with synced contact rows (the rest have aggregates only), and rows in each. */
const CONTACT_PORTALS = 20;
const CONTACTS_PER_PORTAL = 5_000;
const TARGET = { p99Ms: 500, errors: 0 };
const PASSWORD = "bench-load-password";
const port = Number(process.env.BENCH_LOAD_PORT ?? 3191);
const baseUrl = `http://127.0.0.1:${port}`;
const webDir = path.resolve(import.meta.dirname, "..");

type PageName = "roll-up" | "portal billing" | "contacts" | "integrations";

interface Page {
  name: PageName;
  path: (i: number) => string;
  /** Text only the real page has (not the sign-in page, not an error page). */
  marker: (i: number) => string;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

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
  const seed = await seedBillingPortals(t.db, { portals: PORTALS, now, owner: { email: "load-user-000@example.test", password: PASSWORD } });
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
    (await t.db.execute<{ id: string; name: string }>(sql`select id, name from portals where agency_id = ${seed.agencyId}`)).rows.map((r) => [r.id, r.name]),
  );

  // --- the production server on that database ---
  server.process = spawn(process.execPath, ["./node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: webDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: t.url!,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      MARKETABLE_ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
      MARKETABLE_DEMO: "0",
      // Required with PostgreSQL; the pages measured never call HubSpot.
      HUBSPOT_CLIENT_ID: "bench-client-id",
      HUBSPOT_CLIENT_SECRET: "bench-client-secret",
      APP_URL: baseUrl,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    // Kept aside: requests still rendering when the server is stopped log errors that are not the bench's.
    stdio: ["ignore", "ignore", "pipe"],
  });
  let serverErrors = "";
  server.process.stderr!.on("data", (chunk: Buffer) => (serverErrors = (serverErrors + chunk.toString()).slice(-20_000)));
  await waitForHealth(Date.now() + 120_000).catch((error: unknown) => {
    console.error(serverErrors);
    throw error;
  });

  const cookies: string[] = [];
  for (const email of emails) cookies.push(await signInOverHttp(baseUrl, email, PASSWORD));

  const portalAt = (i: number) => seed.portalIds[(i * 37) % PORTALS]!;
  const contactPortalAt = (i: number) => contactPortals[(i * 7) % CONTACT_PORTALS]!;
  const pages: Page[] = [
    { name: "roll-up", path: () => "/billing", marker: () => "Bench portal 499" },
    { name: "portal billing", path: (i) => `/billing/${portalAt(i)}`, marker: (i) => `${names.get(portalAt(i))}: billing` },
    { name: "contacts", path: (i) => `/contacts?portal=${contactPortalAt(i)}`, marker: (i) => `${names.get(contactPortalAt(i))}: contacts` },
    { name: "integrations", path: () => "/integrations", marker: () => "Salesforce" },
  ];

  const pageBytes = new Map<PageName, number>();
  // Each page is checked once as a user before the run: a wrong marker would otherwise make every
  // answer an "error". Also warms the server (route modules, JIT, query plans).
  for (let i = 0; i < 3; i++) {
    for (const page of pages) {
      const response = await fetch(`${baseUrl}${page.path(i)}`, { headers: { cookie: cookies[i]! }, redirect: "manual" });
      const body = await response.text();
      pageBytes.set(page.name, body.length);
      if (response.status !== 200 || !body.includes(page.marker(i))) {
        throw new Error(`${page.name} (${page.path(i)}) answered ${response.status} without "${page.marker(i)}"`);
      }
    }
  }

  // One user alone, page after page: what each page costs without queueing behind others.
  const alone = new Map<PageName, number[]>(pages.map((p) => [p.name, []]));
  for (let i = 0; i < 5; i++) {
    for (const page of pages) {
      const started = performance.now();
      await (await fetch(`${baseUrl}${page.path(i)}`, { headers: { cookie: cookies[0]! } })).text();
      alone.get(page.name)!.push(performance.now() - started);
    }
  }

  // --- the load: each connection loops roll-up → portal billing → contacts → integrations ---
  const latencies = new Map<PageName, number[]>(pages.map((p) => [p.name, []]));
  const wrong = new Map<PageName, number>(pages.map((p) => [p.name, 0]));
  let visit = 0;
  interface Visit {
    cookie?: string;
    i?: number;
    sentAt?: number;
  }
  const requests = pages.map((page, index) => ({
    method: "GET" as const,
    setupRequest: (request: autocannon.Request, context: Visit) => {
      // A visit (the four pages) is one user's: the context is reset at each loop.
      if (index === 0) {
        context.i = visit++;
        context.cookie = cookies[context.i % cookies.length];
      }
      context.sentAt = performance.now();
      return { ...request, path: page.path(context.i!), headers: { cookie: context.cookie! } };
    },
    onResponse: (status: number, body: string, context: Visit) => {
      latencies.get(page.name)!.push(performance.now() - context.sentAt!);
      if (status !== 200 || !body.includes(page.marker(context.i!))) wrong.set(page.name, wrong.get(page.name)! + 1);
    },
  }));
  const loadBefore = loadAverage();
  const all: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: baseUrl, connections: USERS, duration: SECONDS, timeout: 30, requests }, (error, done) => (error ? reject(error as Error) : resolve(done)));
    // Every response's own time, for exact percentiles (autocannon's summary has no p95).
    instance.on("response", (_client, _status, _bytes, responseTime) => all.push(responseTime));
  });
  const loadAfter = loadAverage();

  all.sort((a, b) => a - b);
  const wrongTotal = [...wrong.values()].reduce((a, b) => a + b, 0);
  // autocannon's `errors` counts connection errors, timeouts included.
  const errors = wrongTotal + result.errors;
  const p99 = pct(all, 99);
  const met = p99 < TARGET.p99Ms && errors === TARGET.errors;
  console.log(`load bench: next start (production build) on PostgreSQL, ${PORTALS} portals (the billing bench's data), ${(CONTACT_PORTALS * CONTACTS_PER_PORTAL).toLocaleString("en-US")} contacts in ${CONTACT_PORTALS} of them (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, Node ${process.version}, load average ${loadBefore} before, ${loadAfter} after (server, database and load tool share the machine)`);
  console.log(`${USERS} signed-in users for ${SECONDS} s (autocannon, one connection each; each loops roll-up, portal billing, contacts, integrations)`);
  console.log(
    `all pages       p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}  p99 ${ms(p99)}  ${(all.length / SECONDS).toFixed(1)} req/s (${all.length} responses)  errors ${errors}` +
      ` (wrong status or page ${wrongTotal}, connection errors ${result.errors} of which timeouts ${result.timeouts})  target p99 < ${TARGET.p99Ms} ms, ${TARGET.errors} errors  ${met ? "met" : "MISSED"}`,
  );
  for (const page of pages) {
    const xs = latencies.get(page.name)!.sort((a, b) => a - b);
    const single = alone.get(page.name)!.sort((a, b) => a - b);
    console.log(
      `  ${page.name.padEnd(14)} p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  p99 ${ms(pct(xs, 99))}  ${xs.length} responses, ${wrong.get(page.name)} wrong;` +
        `  one user alone: median ${ms(pct(single, 50))}, ${(pageBytes.get(page.name)! / 1024).toFixed(0)} kB of HTML`,
    );
  }
} finally {
  server.process?.kill("SIGTERM");
  if (server.process) await new Promise((resolve) => server.process!.once("exit", resolve));
  await t.close();
}
