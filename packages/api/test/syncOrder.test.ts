import { asc, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portalSyncState, syncRuns } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { startSandbox, type RecordedResponse, type Sandbox } from "@marketable/hubspot-sandbox";
import { createJobQueue, runWorker, type JobQueue, type Jobs, type RunningWorker } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createJobHandlers } from "../src/jobs/handlers";
import { queueScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { requestIncrementalSyncs } from "../src/services/sync/requestSync";
import { syncPriority } from "../src/services/sync/syncOrder";
import { sandboxSettings } from "./hubspotSandbox";
import { waitFor } from "./waitFor";

const engines = await availableEngines();

/**
 * A fleet's first sync: many full syncs asked for at once. The biggest portal must not start last
 * (and sync alone at the end): each job probes its portal's size and goes back to the queue ranked
 * by it, so one lane syncs them biggest first, with no API call more than before.
 */
describe.each(engines)("full syncs biggest first on %s", (engine) => {
  let t: TestDatabase;
  let sandbox: Sandbox;
  let queue: JobQueue<Jobs>;
  let worker: RunningWorker | undefined;
  const searches = new Map<number, number>();
  const record = (r: RecordedResponse) => {
    if (r.hubId !== undefined && r.routeUrl.includes("/search")) searches.set(r.hubId, (searches.get(r.hubId) ?? 0) + 1);
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    sandbox = await startSandbox({ preset: "small", seed: 15, port: 0, limits: false, recorder: record });
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
  });
  afterAll(async () => {
    // The worker's stop is the queue's (graceful: the lane is idle by now).
    await (worker ?? queue)?.stop();
    await sandbox?.close();
    await t?.close();
  });

  it("portals connected smallest-ish first are synced biggest first by one lane, each probed once", async () => {
    const settings = sandboxSettings(sandbox);
    const agency = await createAgency(t.db, { name: "Fleet Order Agency" });
    const ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    const caller = createCaller(
      createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock(new Date()), hubspot: settings, scheduler: queueScheduler(queue) }),
    );
    // Connected (and so asked to sync) in an order unrelated to size; no worker runs yet.
    const sizes = [400, 2_500, 150, 1_200, 700];
    const bySize = new Map<string, number>();
    for (const contacts of sizes) {
      const hub = sandbox.admin.createPortal({ name: `Order ${contacts}`, edition: "professional", contacts });
      const { portalId } = await caller.connections.connectToken({ token: hub.token });
      bySize.set(portalId, contacts);
      searches.set(hub.hubId, 0);
    }
    const handlers = createJobHandlers(createWorkerDeps({ db: t.db, settings, log: logger, scheduler: queueScheduler(queue) }), {
      queue,
      concurrency: 1,
    });
    worker = await runWorker({ queue, handlers: { "sync.portal": handlers["sync.portal"] }, schedules: [] });
    const runs = async () =>
      t.db
        .select()
        .from(syncRuns)
        .where(inArray(syncRuns.portalId, [...bySize.keys()]))
        .orderBy(asc(syncRuns.startedAt));
    await waitFor("every sync finished", async () => ((await runs()).every((r) => r.status === "succeeded") ? true : undefined), 120_000);

    const done = await runs();
    expect(done.map((r) => bySize.get(r.portalId))).toEqual([...sizes].sort((a, b) => b - a));
    for (const r of done) expect(r).toMatchObject({ kind: "full", expected: bySize.get(r.portalId), processed: bySize.get(r.portalId) });
    // The probe is the search the sync made anyway: still one per portal.
    expect([...searches.values()]).toEqual(sizes.map(() => 1));
  });
});

describe.each(engines)("the schedule's tick queues its syncs in one go on %s", (engine) => {
  let t: TestDatabase;
  let queue: JobQueue<Jobs>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop({ graceful: false });
    await t?.close();
  });

  it("one incremental run and job per portal; none beside a queued or running one; full where app names are pending", async () => {
    const agency = await createAgency(t.db, { name: "Tick Agency" });
    const portal = async (name: string) =>
      (await createPortal(t.db, { agencyId: agency.id, name, hubId: String(700 + name.length), connectionStatus: "connected" })).id;
    const [plain, busy, pending] = [await portal("Plain"), await portal("Busy one"), await portal("Pending names")];
    await t.db.insert(syncRuns).values({ portalId: busy, kind: "incremental", status: "running", startedAt: new Date() });
    await t.db
      .insert(portalSyncState)
      .values({ portalId: pending, lastFullSyncAt: new Date(Date.now() - 60_000), sourceDetailsPendingSince: new Date() });

    expect(await requestIncrementalSyncs(t.db, queue, [plain, busy, pending])).toBe(2);
    const queued = await t.db
      .select()
      .from(syncRuns)
      .where(inArray(syncRuns.status, ["queued"]));
    expect(queued.map((r) => [r.portalId, r.kind]).sort()).toEqual(
      [
        [plain, "incremental"],
        [pending, "full"],
      ].sort(),
    );
    const { rows } = await queue.boss.getDb().executeSql("select data, priority from pgboss.job where name = 'sync.portal'", []);
    const jobs = (rows as { data: { portalId: string; runId: string; kind: string }; priority: number }[]).map((j) => [
      j.data.portalId,
      j.data.kind,
      j.data.runId,
      j.priority,
    ]);
    expect(jobs.sort()).toEqual(queued.map((r) => [r.portalId, r.kind, r.id, syncPriority({ kind: r.kind, expected: null })]).sort());
    // The next tick finds both queued: nothing more.
    expect(await requestIncrementalSyncs(t.db, queue, [plain, busy, pending])).toBe(0);
  });
});
