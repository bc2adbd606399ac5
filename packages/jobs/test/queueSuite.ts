import { afterAll, afterEach, beforeAll } from "vitest";

import { createTestDatabase, type Engine, type TestDatabase } from "@marketable/db/testing";

import { createJobQueue, type JobQueue } from "../src";
import { createEffectTables, testJobs } from "./helpers";

/**
 * A queue suite's database on `engine` (with the effect tables), set up in the calling describe's
 * beforeAll, and `newQueue()`: a started queue on it. Every queue a test opens is stopped after that
 * test: a worker left running from an earlier test on the same job name would take the next test's
 * jobs (it once took one of the four the concurrency test waits for, under CI load).
 */
export function queueSuite(engine: Engine) {
  let db: TestDatabase;
  const open: JobQueue<typeof testJobs>[] = [];
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await createEffectTables(db);
  });
  afterEach(async () => {
    for (const queue of open.splice(0)) await queue.stop({ graceful: false });
  });
  afterAll(async () => {
    await db?.close();
  });
  return {
    get db() {
      return db;
    },
    open,
    /** A started queue on this engine's database, stopped after the suite. */
    newQueue: async () => {
      const queue = createJobQueue({ handle: db, registry: testJobs });
      await queue.start();
      open.push(queue);
      return queue;
    },
  };
}
