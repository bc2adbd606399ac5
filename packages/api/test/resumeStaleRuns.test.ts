import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { statusRequests, syncRuns } from "@marketable/db";
import { createAgency, createMember, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { claimWorkerId, createJobQueue, type JobQueue, type Jobs } from "@marketable/jobs";
import { logger } from "@marketable/logger";

import { resumeStaleStatusRequests } from "../src/services/statusRequests/resumeStaleRequests";
import { resumeStaleSyncRuns, STALE_RUN_MS } from "../src/services/sync/resumeStaleRuns";

const engines = await availableEngines();

describe.each(engines)("resuming sync runs and status requests a dead worker left running, on %s", (engine) => {
  let t: TestDatabase;
  let queue: JobQueue<Jobs>;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // No worker here: jobs are fetched by hand, so a fetched one stays active like a dead worker's.
    queue = createJobQueue({ handle: t, maintenance: false, recoverActiveOnStart: false });
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop({ graceful: false });
    await t?.close();
  });

  /** When pg-boss says a job started: a dead worker's job started before its heartbeat went stale. */
  const startedAt = (jobId: string, at: Date) =>
    queue.boss.getDb().executeSql("update pgboss.job set started_on = $2 where id = $1", [jobId, at]);

  it("a run with a stale heartbeat gets its zombie job cancelled and a fresh job with its run id; a live run is left alone", async () => {
    const agency = await createAgency(t.db, { name: "Resume Agency" });
    const dead = await createPortal(t.db, { agencyId: agency.id, name: "Dead", hubId: "501", connectionStatus: "connected" });
    const live = await createPortal(t.db, { agencyId: agency.id, name: "Live", hubId: "502", connectionStatus: "connected" });
    const now = new Date();
    const old = new Date(now.getTime() - STALE_RUN_MS - 1_000);
    const [deadRun] = await t.db
      .insert(syncRuns)
      .values({ portalId: dead.id, kind: "full", status: "running", startedAt: old, heartbeatAt: old })
      .returning();
    const [liveRun] = await t.db
      .insert(syncRuns)
      .values({ portalId: live.id, kind: "full", status: "running", startedAt: old, heartbeatAt: now })
      .returning();
    const deadJob = (await queue.send("sync.portal", { portalId: dead.id, kind: "full", runId: deadRun!.id }))!;
    const liveJob = (await queue.send("sync.portal", { portalId: live.id, kind: "full", runId: liveRun!.id }))!;
    const fetched = await queue.boss.fetch("sync.portal", { batchSize: 10 });
    expect(fetched.map((j) => j.id).sort()).toEqual([deadJob, liveJob].sort());
    await startedAt(deadJob, old); // the dead worker took its job before its heartbeat stopped

    const { resumed } = await resumeStaleSyncRuns({ db: t.db, queue, log: logger }, { now });
    expect(resumed).toEqual([deadRun!.id]);
    expect((await queue.getJob("sync.portal", deadJob))!.state).toBe("cancelled");
    expect((await queue.getJob("sync.portal", liveJob))!.state).toBe("active");
    // The fresh job is not blocked by the zombie: it is the one a worker fetches next.
    const [next] = await queue.boss.fetch<{ portalId: string; runId: string }>("sync.portal");
    expect(next!.data).toMatchObject({ portalId: dead.id, runId: deadRun!.id, kind: "full" });
  });
  it("a status request with a stale heartbeat gets its zombie job cancelled and a fresh job; a live one is left alone", async () => {
    const agency = await createAgency(t.db, { name: "Status Resume Agency" });
    const portal = await createPortal(t.db, { agencyId: agency.id, name: "Status", hubId: "601", connectionStatus: "connected" });
    const member = await createMember(t.db, { agencyId: agency.id, role: "owner" });
    const now = new Date();
    const old = new Date(now.getTime() - STALE_RUN_MS - 1_000);
    const request = (updatedAt: Date) => ({
      agencyId: agency.id,
      portalId: portal.id,
      target: "non_marketing" as const,
      reason: "Resume drill",
      state: "running" as const,
      selection: { kind: "ids" },
      changeCount: 1,
      preview: {},
      previewAt: old,
      approvalReasons: [],
      requestedBy: member.id,
      requestedByEmail: "owner@example.test",
      createdAt: old,
      updatedAt,
    });
    const [dead] = await t.db.insert(statusRequests).values(request(old)).returning();
    const [live] = await t.db.insert(statusRequests).values(request(now)).returning();
    const deadJob = (await queue.send("status.execute", { requestId: dead!.id }))!;
    const liveJob = (await queue.send("status.execute", { requestId: live!.id }))!;
    const fetched = await queue.boss.fetch("status.execute", { batchSize: 10 });
    expect(fetched.map((j) => j.id).sort()).toEqual([deadJob, liveJob].sort());
    await startedAt(deadJob, old);

    const { resumed } = await resumeStaleStatusRequests({ db: t.db, queue, log: logger }, { now });
    expect(resumed).toEqual([dead!.id]);
    expect((await queue.getJob("status.execute", deadJob))!.state).toBe("cancelled");
    expect((await queue.getJob("status.execute", liveJob))!.state).toBe("active");
    // The fresh job is not blocked by the zombie (stately, one running per request): it comes next.
    const [next] = await queue.boss.fetch<{ requestId: string }>("status.execute");
    expect(next!.data).toEqual({ requestId: dead!.id });
  });

  it("a worker takes up at once its killed predecessor's runs (same id) and, on PostgreSQL, runs whose owner's lock is gone; a live neighbour's run stays", async () => {
    const agency = await createAgency(t.db, { name: "Own Runs Agency" });
    const portal = async (name: string, hubId: string) =>
      (await createPortal(t.db, { agencyId: agency.id, name, hubId, connectionStatus: "connected" })).id;
    const now = new Date();
    // Three seconds old: far from stale by heartbeat alone.
    const recent = new Date(now.getTime() - 3_000);
    const run = async (portalId: string, workerId: string) =>
      (
        await t.db
          .insert(syncRuns)
          .values({ portalId, kind: "full", status: "running", startedAt: recent, heartbeatAt: recent, workerId })
          .returning()
      )[0]!;
    // A live neighbour holds its worker lock for as long as it lives; so does the restarted
    // worker, which got its killed predecessor's id (the lowest free slot of its name).
    const neighbour = await claimWorkerId(t, "neighbour");
    const restarted = await claimWorkerId(t, "me");
    try {
      expect(restarted.id).toBe("me#0");
      const live = await run(await portal("Live", "701"), neighbour.id);
      const gone = await run(await portal("Gone", "702"), "killed-elsewhere#0");
      const own = await run(await portal("Own", "703"), "me#0");
      // Nothing three seconds old is dead by heartbeat alone.
      expect((await resumeStaleSyncRuns({ db: t.db, queue, log: logger }, { now })).resumed).toEqual([]);
      // Another worker: the run whose owner's lock is gone (PostgreSQL shows it), never the live
      // neighbour's, nor the one whose id a live (restarted) worker holds again.
      const other = { workerId: "other#0", startedAt: new Date(now.getTime() - 60_000), locksShowLiveness: t.kind === "postgres" };
      expect((await resumeStaleSyncRuns({ db: t.db, queue, log: logger }, { now, worker: other })).resumed).toEqual(
        t.kind === "postgres" ? [gone.id] : [],
      );
      // The restarted worker with our predecessor's id: its run at once (beat before this start).
      const me = { workerId: restarted.id, startedAt: new Date(now.getTime() - 500), locksShowLiveness: t.kind === "postgres" };
      const { resumed } = await resumeStaleSyncRuns({ db: t.db, queue, log: logger }, { now, worker: me });
      expect(resumed).toEqual([own.id]);
      // Claimed once: fresh and unowned now, nobody resumes them again.
      expect((await resumeStaleSyncRuns({ db: t.db, queue, log: logger }, { now, worker: me })).resumed).toEqual([]);
      const [row] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, own.id));
      expect(row).toMatchObject({ status: "running", workerId: null });
      const [liveRow] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, live.id));
      expect(liveRow).toMatchObject({ status: "running", workerId: neighbour.id });
      const jobs = await queue.boss.fetch<{ runId: string }>("sync.portal", { batchSize: 10 });
      expect(jobs.map((j) => j.data.runId).sort()).toEqual((t.kind === "postgres" ? [gone.id, own.id] : [own.id]).sort());
    } finally {
      await neighbour.release();
      await restarted.release();
    }
  });
});
