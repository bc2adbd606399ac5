// First start's demo sync, alone (scripts/first-start.mjs times the whole of npm start): the
// embedded database (PGlite, in memory), migrated and seeded as at boot, the sandbox's demo
// preset with HubSpot's limits on, the in-process worker, and the demo agency's portals
// connected and synced as apps/web/src/server/demoConnect.ts does. Prints each portal's sync.
import { and, eq, inArray, isNull } from "drizzle-orm";

import { agencies, loadAccess, portalConnections, portals, runMigrations, syncRuns, users } from "@marketable/db";
import { demoAgency, demoUsers, seedDemo } from "@marketable/db/seed";
import { createTestDatabase } from "@marketable/db/testing";
import { startSandbox } from "@marketable/hubspot-sandbox";
import { createJobQueue, runWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { createJobHandlers } from "../src/jobs/handlers";
import { queueScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { connectStatic } from "../src/services/connections/connectStatic";
import { requestSync } from "../src/services/sync/requestSync";
import { sandboxSettings } from "../test/hubspotSandbox";

const log = logger.child({ bench: "demoSync" }, { level: process.env.LOG_LEVEL ?? "warn" });
const t0 = performance.now();
const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const cpu = (await import("node:os")).cpus();
console.log(
  `\ndemo sync bench (first start's sync, embedded PGlite, HubSpot's limits on); machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, load average ${(
    await import("node:os")
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const sandbox = await startSandbox({ preset: "demo", seed: 42, port: 0, limits: true });
console.log(`${at()}  sandbox demo preset generated`);
const settings = sandboxSettings(sandbox);
const t = await createTestDatabase("pglite");
await runMigrations(t.db);
await seedDemo(t.db);
console.log(`${at()}  embedded database migrated and seeded`);
const queue = createJobQueue({ handle: t, log, maintenance: true });
const scheduler = queueScheduler(queue);
const worker = await runWorker({ queue, handlers: createJobHandlers(createWorkerDeps({ db: t.db, settings, log, scheduler }), { queue }) });
const [owner] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, demoUsers[0].email));
const access = (await loadAccess(t.db, owner!.id))!;
const unconnected = await t.db
  .select({ id: portals.id, hubId: portals.hubId })
  .from(portals)
  .innerJoin(agencies, eq(agencies.id, portals.agencyId))
  .leftJoin(portalConnections, eq(portalConnections.portalId, portals.id))
  .where(and(eq(agencies.slug, demoAgency.slug), isNull(portalConnections.portalId), isNull(portals.archivedAt)));
const tokens = new Map(sandbox.admin.listPortals().map((p) => [String(p.hubId), p.token]));
const synced = performance.now();
const syncedWall = Date.now();
for (const portal of unconnected) {
  await connectStatic(t.db, access, settings, { token: tokens.get(portal.hubId!)!, portalId: portal.id }, { now: new Date() });
  await requestSync(t.db, scheduler, { portalId: portal.id, kind: "full" });
}
console.log(`${at()}  ${unconnected.length} demo portals connected, first syncs queued`);
for (;;) {
  const left = await t.db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(inArray(syncRuns.status, ["queued", "running"]));
  if (left.length === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
for (const run of await t.db.select().from(syncRuns)) {
  const started = (run.startedAt!.getTime() - syncedWall) / 1000;
  console.log(
    `  ${run.status}: ${run.processed} contacts, ${run.requests} requests, from ${started.toFixed(1)} s to ${((run.finishedAt!.getTime() - syncedWall) / 1000).toFixed(1)} s`,
  );
}
const seconds = (performance.now() - synced) / 1000;
console.log(
  `${at()}  demo synced ${seconds.toFixed(1)} s after connecting; target: npm start's whole first start under 2 minutes (scripts/first-start.mjs)`,
);
// Graceful, before the sandbox goes: a sync's job goes on after its run is marked succeeded
// (property labels from HubSpot, alerts), and a job cut off there completed on a closed database.
await worker.stop({ graceful: true, timeout: 10_000 });
await sandbox.close();
await t.close();
