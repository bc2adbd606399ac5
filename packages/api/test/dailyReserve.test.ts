import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portalConnections, portalSyncState, sealSecret, syncRuns } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { fixedClock } from "../src/clock";
import { createTRPCContext } from "../src/context";
import { createJobHandlers, INCREMENTAL_EVERY_MS } from "../src/jobs/handlers";
import { queueScheduler } from "../src/jobs/scheduler";
import { createWorkerDeps } from "../src/jobs/workerDeps";
import { createCaller } from "../src/root";
import { runSync } from "../src/services/sync/runSync";
import { recordingScheduler, sandboxHubSpot, sandboxWorker, type SandboxHub } from "./hubspotSandbox";

const engines = await availableEngines();

/**
 * A private app's daily limit is the client's account's, shared with its other private apps
 * (docs/hubspot.md, "API surface and limits"): scheduled syncs keep a reserve of it for them.
 */
describe.each(engines)("the daily reserve on %s", (engine) => {
  let t: TestDatabase;
  let hub: SandboxHub;
  let queue: JobQueue<Jobs>;
  let ownerId: string;
  const scheduler = recordingScheduler();
  const caller = () =>
    createCaller(createTRPCContext({ db: t.db, userId: ownerId, clock: fixedClock(new Date()), hubspot: hub.settings, scheduler }));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // Limits on: the daily figures come from HubSpot's headers.
    hub = await sandboxHubSpot({ limits: true });
    const agency = await createAgency(t.db, { name: "Reserve Agency" });
    ownerId = (await createMember(t.db, { agencyId: agency.id, role: "owner" })).id;
    queue = createJobQueue({ handle: t, maintenance: false });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop({ graceful: false });
    await hub?.sandbox.close();
    await t?.close();
  });

  const connectAndSync = async (token: string) => {
    const { portalId } = await caller().connections.connectToken({ token });
    await runSync(sandboxWorker(t.db, hub), scheduler.requests.at(-1)!.runId);
    return portalId;
  };
  const queuedRuns = async (portalId: string) =>
    (
      await t.db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.portalId, portalId), eq(syncRuns.status, "queued")))
    ).length;

  it("a portal whose daily remainder is under the reserve is skipped by the schedule and says so; a manual sync still runs", async () => {
    const [starter, professional] = hub.clientPortals;
    // The client's other private apps have used most of the Starter portal's 250,000 calls today.
    hub.sandbox.admin.setRateLimits({ hubId: starter!.hubId, otherAppsToday: 240_000 });
    const low = await connectAndSync(starter!.token);
    const fine = await connectAndSync(professional!.token);

    const [connection] = await t.db.select().from(portalConnections).where(eq(portalConnections.portalId, low));
    expect(connection).toMatchObject({ dailyLimit: 250_000 });
    expect(connection!.dailyRemaining).toBeLessThan(10_000);

    const usage = await caller().connections.apiUsage({ portalId: low });
    expect(usage).toMatchObject({ kind: "static", limit: 250_000, reservePercent: 20, heldBack: true });
    // Marketable's own calls today: the probe and the sync's pages, counted by the shared limiter.
    expect(usage!.usedByMarketable).toBeGreaterThan(3);
    expect(usage!.remaining).toBe(connection!.dailyRemaining);
    expect(await caller().connections.apiUsage({ portalId: fine })).toMatchObject({ kind: "static", limit: 625_000, heldBack: false });

    // Both are due for their 15-minute incremental sync.
    await t.db.update(portalSyncState).set({ lastSyncAt: new Date(Date.now() - 60 * 60_000) });
    const handlers = createJobHandlers(
      createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, scheduler: queueScheduler(queue) }),
      { queue },
    );
    const scheduleAll = handlers["sync.scheduleAll"] as (job: unknown) => Promise<{ enqueued: number; heldBack: number }>;
    const result = await scheduleAll({ id: "test", name: "sync.scheduleAll", data: {} });
    expect(result).toMatchObject({ enqueued: 1, heldBack: 1 });
    expect(await queuedRuns(low)).toBe(0);
    expect(await queuedRuns(fine)).toBe(1);

    // A manual sync is the person's choice: it runs.
    const manual = await caller().connections.sync({ portalId: low, kind: "incremental" });
    expect(manual.status).toBe("queued");

    // Another reserve setting lets it through.
    await t.db.delete(syncRuns).where(eq(syncRuns.portalId, low));
    const lenient = createJobHandlers(
      createWorkerDeps({ db: t.db, settings: { ...hub.settings, dailyReservePercent: 1 }, log: logger, scheduler: queueScheduler(queue) }),
      { queue },
    );
    await (lenient["sync.scheduleAll"] as (job: unknown) => Promise<unknown>)({ id: "test", name: "sync.scheduleAll", data: {} });
    expect(await queuedRuns(low)).toBe(1);
  });

  it("yesterday's figures hold nothing back (the limit resets at midnight in the account's time zone); OAuth has no daily limit", async () => {
    const [, , enterprise] = hub.clientPortals;
    hub.sandbox.admin.setRateLimits({ hubId: enterprise!.hubId, otherAppsToday: 999_000 });
    const portalId = await connectAndSync(enterprise!.token);
    expect((await caller().connections.apiUsage({ portalId }))!.heldBack).toBe(true);
    await t.db
      .update(portalConnections)
      .set({ dailyCheckedAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(portalConnections.portalId, portalId));
    expect(await caller().connections.apiUsage({ portalId })).toMatchObject({ limit: null, remaining: null, heldBack: false });

    await t.db
      .update(portalConnections)
      .set({ kind: "oauth", appId: "1500001", dailyCheckedAt: new Date() })
      .where(eq(portalConnections.portalId, portalId));
    expect(await caller().connections.apiUsage({ portalId })).toMatchObject({ kind: "oauth", limit: null, heldBack: false });
  });
  it("the tick: a portal the previous tick synced is due at the next, however long after that tick its sync finished; one synced minutes ago sits it out", async () => {
    const connected = async (lastSyncAt: Date) => {
      const agency = await createAgency(t.db);
      const portal = await createPortal(t.db, {
        agencyId: agency.id,
        hubId: String(90_000_000 + Math.floor(Math.random() * 1e6)),
        connectionStatus: "connected",
      });
      await t.db.insert(portalConnections).values({
        portalId: portal.id,
        agencyId: agency.id,
        kind: "static",
        hubId: portal.hubId!,
        accessTokenEnc: sealSecret("pat-test", hub.settings.keyring),
        keyVersion: hub.settings.keyring.current.version,
      });
      await t.db.insert(portalSyncState).values({ portalId: portal.id, lastSyncAt, modifiedHighWater: lastSyncAt });
      return portal.id;
    };
    const previousTick = new Date(Date.now() - INCREMENTAL_EVERY_MS);
    const tick = new Date(previousTick.getTime() + INCREMENTAL_EVERY_MS + 5_000); // the cron's own delay
    // Queued by the previous tick, finished 40 s after it: less than 15 minutes before this one.
    const byPreviousTick = await connected(new Date(previousTick.getTime() + 40_000));
    // Synced by hand two minutes before the tick.
    const justSynced = await connected(new Date(tick.getTime() - 2 * 60_000));
    const handlers = createJobHandlers(
      createWorkerDeps({ db: t.db, settings: hub.settings, log: logger, scheduler: queueScheduler(queue), clock: { now: () => tick } }),
      { queue },
    );
    await (handlers["sync.scheduleAll"] as (job: unknown) => Promise<unknown>)({ id: "test", name: "sync.scheduleAll", data: {} });
    expect(
      await t.db.select({ kind: syncRuns.kind, status: syncRuns.status }).from(syncRuns).where(eq(syncRuns.portalId, byPreviousTick)),
    ).toEqual([{ kind: "incremental", status: "queued" }]);
    expect(await t.db.select().from(syncRuns).where(eq(syncRuns.portalId, justSynced))).toEqual([]);
  });
});
