import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { availableEngines, type TestDatabase } from "@marketable/db/testing";

import { createJobQueue, JobPayloadError, runWorker, type JobQueue, type Jobs } from "../src";
import { count, deferred, sleep, waitFor, type testJobs } from "./helpers";
import { queueSuite } from "./queueSuite";

const engines = await availableEngines();
type TestJobs = typeof testJobs;
const FAST = { pollingIntervalSeconds: 0.5 };

describe.each(engines)("job queue under load, stops and schedules on %s", (engine) => {
  const suite = queueSuite(engine);
  const { open, newQueue } = suite;
  let db: TestDatabase;
  beforeAll(() => void ({ db } = suite));

  it("processes 600 jobs with none lost and none duplicated", async () => {
    const queue = await newQueue();
    const total = 600;
    await queue.define("test.bulk", {
      ...FAST,
      batchSize: 100,
      concurrency: 20,
      handler: async ({ id }) => {
        await db.pool.query("insert into test_effects (job_id, queue) values ($1, 'test.bulk')", [id]);
      },
    });
    await queue.sendMany(
      "test.bulk",
      Array.from({ length: total }, (_, i) => ({ i })),
    );
    await waitFor(
      "all bulk jobs completed",
      async () => (await count(db, "select count(*) as n from pgboss.job where name = 'test.bulk' and state = 'completed'")) === total,
      60_000,
    );
    expect(await count(db, "select count(*) as n from test_effects where queue = 'test.bulk'")).toBe(total);
    expect(await count(db, "select count(distinct job_id) as n from test_effects where queue = 'test.bulk'")).toBe(total);
  });

  it("a worker stopped mid-batch, then a new instance: every job done exactly once by an idempotent handler", async () => {
    const total = 80;
    // At-least-once delivery: the handler records attempts freely but its effect by job id,
    // ON CONFLICT DO NOTHING, as a checkpointing handler would.
    const handler = async ({ id }: { id: string }) => {
      await db.pool.query("insert into test_attempts (job_id) values ($1)", [id]);
      await sleep(25);
      await db.pool.query("insert into test_once (job_id) values ($1) on conflict do nothing", [id]);
    };
    const first = await newQueue();
    const ids: string[] = [];
    for (let i = 0; i < total; i++) ids.push((await first.send("test.crash", { i }))!);
    await first.define("test.crash", { ...FAST, batchSize: 20, concurrency: 4, handler });
    await waitFor("some jobs done", async () => (await count(db, "select count(*) as n from test_once")) >= 10);
    await first.stop({ graceful: false });
    const doneAtStop = await count(db, "select count(*) as n from test_once");
    expect(doneAtStop).toBeLessThan(total);

    const second = await newQueue();
    await second.define("test.crash", { ...FAST, batchSize: 20, concurrency: 4, handler });
    await waitFor(
      "every crash job completed",
      async () => (await count(db, "select count(*) as n from pgboss.job where name = 'test.crash' and state = 'completed'")) === total,
      60_000,
    );
    const { rows } = await db.pool.query<{ job_id: string }>("select job_id from test_once order by job_id");
    expect(rows.map((r) => r.job_id)).toEqual([...ids].sort());
    // Re-deliveries may happen (that is the point of idempotency); none may be missing.
    expect(await count(db, "select count(distinct job_id) as n from test_attempts")).toBe(total);
  });

  it("a graceful stop lets a running job finish", async () => {
    const queue = await newQueue();
    const started = deferred();
    await queue.define("test.slow", {
      ...FAST,
      handler: async () => {
        started.resolve();
        await sleep(1_000);
        return { finished: true };
      },
    });
    const id = await queue.send("test.slow", {});
    await started.promise;
    await queue.stop({ graceful: true, timeout: 10_000 });
    const observer = await newQueue();
    expect((await observer.getJob("test.slow", id!))?.state).toBe("completed");
  });

  it("cancels a job that has not started", async () => {
    const queue = await newQueue();
    const id = await queue.send("test.later", {}, { startAfter: new Date(Date.now() + 3_600_000) });
    expect((await queue.getJob("test.later", id!))?.state).toBe("created");
    await queue.cancel("test.later", id!);
    expect((await queue.getJob("test.later", id!))?.state).toBe("cancelled");
    expect(await queue.getJob("test.later", randomUUID())).toBeNull();
  });

  it("installs the default schedules and stores others (cron is minute-grained: not waited for)", async () => {
    const queue = createJobQueue<Jobs>({ handle: db });
    open.push(queue as unknown as JobQueue<TestJobs>);
    await runWorker({ queue, handlers: {} });
    const schedules = await queue.getSchedules();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "sync.scheduleAll", cron: "*/15 * * * *", timezone: "UTC" }),
        expect.objectContaining({ name: "snapshot.daily", cron: "15 2 * * *", timezone: "UTC" }),
      ]),
    );
    const portalId = randomUUID();
    await queue.schedule("snapshot.daily", "0 3 * * *", { portalId }, { tz: "Europe/Berlin" });
    expect((await queue.getSchedules()).find((s) => s.name === "snapshot.daily")).toEqual({
      name: "snapshot.daily",
      cron: "0 3 * * *",
      timezone: "Europe/Berlin",
      data: { portalId },
    });
    await expect(queue.schedule("snapshot.daily", "not a cron", {})).rejects.toThrow();
    await expect(queue.schedule("snapshot.daily", "0 3 * * *", { portalId: "x" })).rejects.toBeInstanceOf(JobPayloadError);
    await queue.unschedule("snapshot.daily");
    expect((await queue.getSchedules()).map((s) => s.name)).not.toContain("snapshot.daily");
  });

  it("replaceDead: cancels a dead worker's active job and sends again; leaves a job waiting to retry, or one started since, alone", async () => {
    const queue = await newQueue();
    const keyed = (requestId: string) => ({ name: "status.execute" as const, data: { requestId } });
    const liveJobs = async (requestId: string) =>
      count(
        db,
        `select count(*) as n from pgboss.job where name = 'status.execute' and singleton_key = 'status:${requestId}' and state in ('created', 'retry', 'active')`,
      );
    /** Sends a request's job and takes it as a worker would (active, started now). */
    async function takeJob(requestId: string) {
      const { name, data } = keyed(requestId);
      const id = (await queue.send(name, data))!;
      // A fetch under a loaded machine has come back empty once (CI): ask again until it answers.
      let job: { id: string } | undefined;
      await expect.poll(async () => (job ??= (await queue.boss.fetch(name))[0])?.id, { timeout: 10_000 }).toBe(id);
      return id;
    }
    const later = () => new Date(Date.now() + 60_000);
    // Earlier tests' status.execute jobs would be fetched first: this test takes its own.
    await db.pool.query("delete from pgboss.job where name = 'status.execute'");

    // Dead (started before the cutoff): cancelled, and a new job takes its place.
    const dead = randomUUID();
    const deadJob = await takeJob(dead);
    const replaced = await queue.replaceDead("status.execute", { requestId: dead }, { startedBefore: later() });
    expect(replaced.cancelled).toEqual([deadJob]);
    expect(replaced.jobId).not.toBeNull();
    expect((await queue.getJob("status.execute", deadJob))?.state).toBe("cancelled");
    expect((await queue.getJob("status.execute", replaced.jobId!))?.state).toBe("created");
    expect(await liveJobs(dead)).toBe(1);
    await queue.cancel("status.execute", replaced.jobId!); // out of the next fetches' way

    // Waiting to retry (its backoff): a second job would run next to it. Nothing is sent.
    const retrying = randomUUID();
    const retryJob = await takeJob(retrying);
    await queue.boss.fail("status.execute", retryJob, { message: "attempt failed" });
    expect((await queue.getJob("status.execute", retryJob))?.state).toBe("retry");
    expect(await queue.replaceDead("status.execute", { requestId: retrying }, { startedBefore: later() })).toEqual({
      cancelled: [],
      jobId: null,
    });
    expect(await liveJobs(retrying)).toBe(1);

    // Started after the cutoff: alive, not cancelled, nothing sent.
    const alive = randomUUID();
    const aliveJob = await takeJob(alive);
    expect(await queue.replaceDead("status.execute", { requestId: alive }, { startedBefore: new Date(Date.now() - 60_000) })).toEqual({
      cancelled: [],
      jobId: null,
    });
    expect((await queue.getJob("status.execute", aliveJob))?.state).toBe("active");
    expect(await liveJobs(alive)).toBe(1);
  });
});
