import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { logger } from "@marketable/logger";

import { createJobQueue, type JobQueue } from "../src";
import { runJob } from "../src/runJob";
import { deferred, sleep, testJobs, waitFor } from "./helpers";

const engines = await availableEngines();
type TestJobs = typeof testJobs;
const FAST = { pollingIntervalSeconds: 0.5 };

describe.each(engines)("crash recovery on %s", (engine) => {
  let db: TestDatabase;
  const open: JobQueue<TestJobs>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });

  // Each test's queues stop with it: a worker left on test.crash would take the next test's job.
  afterEach(async () => {
    for (const queue of open.splice(0)) await queue.stop({ graceful: false });
  });

  afterAll(async () => {
    await db?.close();
  });

  /** Leaves a job active with no one working on it, as a killed process would. */
  async function crashWhileRunning(expireInSeconds?: number) {
    const dead = createJobQueue({ handle: db, registry: testJobs, maintenance: false, recoverActiveOnStart: false });
    open.push(dead);
    await dead.start();
    const running = deferred();
    await dead.define("test.crash", { ...FAST, handler: () => (running.resolve(), new Promise(() => undefined)) });
    const id = (await dead.send("test.crash", { i: 1 }, expireInSeconds ? { expireInSeconds } : {}))!;
    await running.promise;
    await dead.boss.offWork("test.crash"); // its loop stops; the job stays active, nobody fails it
    expect((await dead.getJob("test.crash", id))?.state).toBe("active");
    return id;
  }

  it("a job left active by a crash is retried after it expires (maintenance)", async () => {
    const id = await crashWhileRunning(1);
    const queue = createJobQueue({ handle: db, registry: testJobs, recoverActiveOnStart: false });
    open.push(queue);
    await queue.start();
    const attempts: number[] = [];
    await queue.define("test.crash", { ...FAST, handler: async ({ attempt }) => void attempts.push(attempt) });
    await sleep(1_100);
    await queue.boss.maintain(); // what the maintenance interval does every couple of minutes
    await waitFor("expired job re-run", async () => (await queue.getJob("test.crash", id))?.state === "completed");
    expect(attempts).toEqual([2]);
  });

  it.runIf(engine === "pglite")("embedded: a job left active by the previous process is re-queued at start", async () => {
    const id = await crashWhileRunning();
    const queue = createJobQueue({ handle: db, registry: testJobs });
    open.push(queue);
    await queue.start();
    expect((await queue.getJob("test.crash", id))?.state).toBe("retry");
    await queue.define("test.crash", { ...FAST, handler: async () => undefined });
    await waitFor("recovered job completed", async () => (await queue.getJob("test.crash", id))?.state === "completed");
  });

  it("a job fetched as the queue stops is released at once and not run (a fetch in flight at the stop)", async () => {
    const queue = createJobQueue({ handle: db, registry: testJobs, maintenance: false, recoverActiveOnStart: false });
    open.push(queue);
    await queue.start();
    const id = (await queue.send("test.crash", { i: 2 }))!;
    // Active and held by this process, as a fetch that returns after pg-boss failed its workers' jobs.
    const [job] = await queue.boss.fetch("test.crash", { includeMetadata: true });
    expect(job?.id).toBe(id);
    const stopping = new AbortController();
    stopping.abort();
    let ran = false;
    const runner = { boss: queue.boss, registry: testJobs, log: logger, signal: stopping.signal, shutDown: () => true };
    await runJob(runner, "test.crash", async () => void (ran = true), job!);
    expect(ran).toBe(false);
    expect((await queue.getJob("test.crash", id))?.state).toBe("retry");
  });
});
