import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb, type DbHandle } from "@marketable/db";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { createJobQueue, type JobQueue } from "../src";

// Several processes on one PostgreSQL database (PGlite is one process: nothing to race).
const engines = (await availableEngines()).filter((engine) => engine === "postgres");

describe.each(engines)("job queues starting together on a fresh %s database", (engine) => {
  let t: TestDatabase;
  const handles: DbHandle[] = [];
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop({ graceful: false }).catch(() => undefined);
    for (const handle of handles) await handle.close().catch(() => undefined);
    await t?.close();
  });

  it("all start, as compose starts two workers and a web process at once, and every queue exists once", async () => {
    // Each as its own process would: its own pool, its own pg-boss.
    for (let i = 0; i < 4; i++) handles.push(await createDb(t.url));
    queues.push(...handles.map((handle) => createJobQueue({ handle, maintenance: false })));
    const results = await Promise.allSettled(queues.map((queue) => queue.start()));
    expect(results.filter((result) => result.status === "rejected").map((result) => String(result.reason))).toEqual([]);
    const names = (await queues[0]!.boss.getQueues()).map((queue) => queue.name).sort();
    expect(names).toEqual([...new Set(names)]);
    expect(names).toContain("sync.portal");
  });
});
