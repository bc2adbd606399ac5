import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { DEMO_PASSWORD, seedDemo } from "@marketable/db/seed";
import { createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { signInOverHttp } from "../e2e/httpSession";
import { pgStatementRelay } from "./pgStatements";
import { waitForUrl } from "./processes";
import { productionServerEnv } from "./productionEnv";

/**
 * What one real render of a portal's billing page asks the database: the production build
 * (serve.mjs) on a fresh PostgreSQL database with the demo agency, reached through a relay that
 * reads every statement off PostgreSQL's wire protocol (pgStatements.ts). The server is not
 * changed or instrumented for the test, and the page is requested as a browser does (its session
 * cookie, the full HTML and the streamed data read to the end), so the count is the real one.
 * The layout (nav badge, approvals inbox, agency switcher), the portal's 404 guard, the page's
 * guard and its billing procedure all need the viewer's access: it is read once per request
 * (loadAccess: the user, the memberships with their agencies, the portal grants); the 404 guard
 * and the procedure both need the portal: it is read once too.
 *
 * Why here and not in vitest: a server component render needs Next's request scope (React's
 * per-request cache, headers, cookies), which only the built server gives; counting at the wire
 * rather than with a logger in the server keeps the test from depending on how the server logs.
 */
const webDir = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.SMOKE_QUERIES_PORT ?? 3302);
const baseUrl = `http://127.0.0.1:${port}`;

let t: TestDatabase | undefined;
let relay: Awaited<ReturnType<typeof pgStatementRelay>> | undefined;
let server: ChildProcess | undefined;
let serverOutput = "";

test.setTimeout(5 * 60_000);

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await relay?.close();
  await t?.close();
});

test("a portal's billing page render reads the viewer's access and the portal once", async () => {
  t = await createTestDatabase("postgres");
  await seedDemo(t.db);
  const target = new URL(t.url!);
  relay = await pgStatementRelay({ host: target.hostname, port: Number(target.port || 5432) });
  const viaRelay = new URL(t.url!);
  viaRelay.host = `127.0.0.1:${relay.port}`;

  server = spawn(process.execPath, ["serve.mjs"], {
    cwd: webDir,
    // One server process: a second one's start checks would read through the relay mid-count.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...productionServerEnv({ port, databaseUrl: viaRelay.toString() }),
      WEB_PROCESSES: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (serverOutput += chunk.toString()));
  await waitForUrl(`${baseUrl}/api/health`, 120_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${serverOutput}`);
  });

  const { rows } = await t.db.execute<{ id: string }>(sql`select id from portals where name = 'Northwind Bakery'`);
  const billingPage = `${baseUrl}/billing/${rows[0]!.id}`;
  const cookie = await signInOverHttp(baseUrl, "owner@northwind.test", DEMO_PASSWORD);
  const render = async () => {
    const started = performance.now();
    const response = await fetch(billingPage, { headers: { cookie }, redirect: "manual" });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("Northwind Bakery: billing");
    // The relay has seen a statement before the server could answer with its result.
    return relay!.since(started);
  };
  // The first render also warms the server (route modules); the second is the one counted.
  await render();
  const statements = await render();

  const loadAccessReads = {
    user: statements.filter((s) => /from "users" where "users"\."id" = \$1/.test(s)),
    memberships: statements.filter((s) => /from "agency_memberships" inner join "agencies"/.test(s)),
    grants: statements.filter((s) => /from "portal_grants" where/.test(s)),
  };
  // The portal itself, looked up by the [portalId] layout's 404 guard and by the billing procedure.
  const portalReads = statements.filter((s) => /from "portals" where \("portals"\."id" = \$1/.test(s));
  const summary = `${statements.length} statements in the render:\n${statements.join("\n")}`;
  expect(loadAccessReads.user, summary).toHaveLength(1);
  expect(loadAccessReads.memberships, summary).toHaveLength(1);
  expect(loadAccessReads.grants, summary).toHaveLength(1);
  expect(portalReads, summary).toHaveLength(1);
  console.log(`billing page render: ${statements.length} SQL statements, access and the portal read once`);
});
