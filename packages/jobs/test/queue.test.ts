import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";

import { availableEngines, type TestDatabase } from "@marketable/db/testing";

import { JobPayloadError, portalSyncKey, type JobPayload } from "../src";
import { count, deferred, sleep, waitFor, type testJobs } from "./helpers";
import { queueSuite } from "./queueSuite";

const engines = await availableEngines();
type TestJobs = typeof testJobs;
const FAST = { pollingIntervalSeconds: 0.5 };

describe.each(engines)("job queue on %s", (engine) => {
  const suite = queueSuite(engine);
  const { newQueue } = suite;
  let db: TestDatabase;
  beforeAll(() => void ({ db } = suite));

  it("uses the right connection: its own pool on PostgreSQL, the handle's on PGlite", async () => {
    const queue = await newQueue();
    expect(queue.kind).toBe(db.kind);
    const sharesPool = queue.boss.getDb() !== undefined && !(queue.boss.getDb() as { isOurs?: boolean }).isOurs;
    expect(sharesPool).toBe(engine === "pglite");
  });

  it("refuses a bad payload at send with a clear zod message and enqueues nothing", async () => {
    const queue = await newQueue();
    // @ts-expect-error n must be a number
    const bad = queue.send("test.echo", { n: "seven" });
    await expect(bad).rejects.toBeInstanceOf(JobPayloadError);
    await expect(bad).rejects.toThrow(/Invalid payload for job "test.echo":[\s\S]*n/);
    await expect(queue.send("sync.portal", { portalId: "not-a-uuid", kind: "full" })).rejects.toThrow(/portalId/);
    // @ts-expect-error unknown keys are refused (strict objects)
    await expect(queue.send("sync.scheduleAll", { extra: 1 })).rejects.toThrow(/extra/);
    expect(await count(db, "select count(*) as n from pgboss.job where name = 'test.echo'")).toBe(0);
  });

  it("delivers the parsed, typed payload to the handler and stores its output", async () => {
    const queue = await newQueue();
    const seen: JobPayload<TestJobs, "test.echo">[] = [];
    await queue.define("test.echo", {
      ...FAST,
      handler: async ({ data, attempt }) => {
        expectTypeOf(data).toEqualTypeOf<{ n: number; note: string }>();
        seen.push(data);
        return { doubled: data.n * 2, attempt };
      },
    });
    const id = await queue.send("test.echo", { n: 21 });
    expect(id).toEqual(expect.any(String));
    await waitFor("echo completed", async () => (await queue.getJob("test.echo", id!))?.state === "completed");
    expect(seen).toEqual([{ n: 21, note: "none" }]);
    const job = await queue.getJob("test.echo", id!);
    expect(job?.output).toEqual({ doubled: 42, attempt: 1 });
  });

  it("fails a stored job whose payload does not match, without calling the handler", async () => {
    const queue = await newQueue();
    let called = 0;
    await queue.define("test.invalid", { ...FAST, handler: async () => void called++ });
    // Written around the wrapper, as a row from older code would be.
    const id = await queue.boss.send("test.invalid", { n: "not a number" });
    await waitFor("invalid job failed", async () => (await queue.getJob("test.invalid", id!))?.state === "failed");
    expect(called).toBe(0);
    expect(JSON.stringify((await queue.getJob("test.invalid", id!))?.output)).toMatch(/Invalid payload/);
  });

  it("retries a handler that throws until its third attempt, which completes the job", async () => {
    const queue = await newQueue();
    const attempts: number[] = [];
    await queue.define("test.flaky", {
      ...FAST,
      handler: async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error(`transient failure ${attempt}`);
        return { ok: true };
      },
    });
    const id = await queue.send("test.flaky", { key: "a" });
    await waitFor("flaky completed", async () => (await queue.getJob("test.flaky", id!))?.state === "completed");
    expect(attempts).toEqual([1, 2, 3]);
    expect((await queue.getJob("test.flaky", id!))?.retryCount).toBe(2);
  });

  it("keeps one queued and one running sync per portal (singleton key), across two workers", async () => {
    const sender = await newQueue();
    const [p1, p2] = [randomUUID(), randomUUID()];
    // Nothing runs yet: a second request for the same portal while one is queued is dropped.
    const first = await sender.send("sync.portal", { portalId: p1, kind: "full" });
    expect(first).toEqual(expect.any(String));
    expect(await sender.send("sync.portal", { portalId: p1, kind: "incremental" })).toBeNull();
    expect(await sender.send("sync.portal", { portalId: p2, kind: "full" })).toEqual(expect.any(String));
    expect((await sender.getJob("sync.portal", first!))?.singletonKey).toBe(portalSyncKey(p1));

    const gate = deferred();
    const running = new Map<string, number>();
    let maxPerPortal = 0;
    const started: string[] = [];
    const handler = async ({ data, id }: { data: { portalId: string }; id: string }) => {
      const now = (running.get(data.portalId) ?? 0) + 1;
      running.set(data.portalId, now);
      maxPerPortal = Math.max(maxPerPortal, now);
      started.push(id);
      if (data.portalId === p1) await gate.promise;
      running.set(data.portalId, (running.get(data.portalId) ?? 1) - 1);
    };
    // Two worker instances on the same database, as two worker processes would be.
    const [w1, w2] = [await newQueue(), await newQueue()];
    await w1.define("sync.portal", { ...FAST, handler, batchSize: 4 });
    await w2.define("sync.portal", { ...FAST, handler, batchSize: 4 });
    await waitFor("p1's first sync started", () => started.includes(first!));

    // During a run, one follow-up is queued (no change is missed); a third is dropped.
    const followUp = await sender.send("sync.portal", { portalId: p1, kind: "incremental" });
    expect(followUp).toEqual(expect.any(String));
    expect(await sender.send("sync.portal", { portalId: p1, kind: "incremental" })).toBeNull();
    await sleep(1_500); // several polls of both workers
    expect((await sender.getJob("sync.portal", followUp!))?.state).toBe("created");
    expect(maxPerPortal).toBe(1);

    gate.resolve();
    await waitFor("follow-up completed", async () => (await sender.getJob("sync.portal", followUp!))?.state === "completed");
    expect(maxPerPortal).toBe(1);
  });

  it("concurrency 4 with one job per fetch: four jobs run at once, and a long one holds only its own lane", async () => {
    const queue = await newQueue();
    const gate = deferred();
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await queue.define("test.echo", {
      ...FAST,
      concurrency: 4,
      handler: async ({ data }: { data: { n: number } }) => {
        running++;
        most = Math.max(most, running);
        // Job 0 is long (the 300,000-contact portal); 1–3 wait until all four have started.
        if (data.n === 0 || most < 4) await gate.promise;
        running--;
        done.push(data.n);
      },
    });
    for (let n = 0; n < 4; n++) await queue.send("test.echo", { n });
    await waitFor("four jobs running at once", () => most === 4);
    gate.resolve();
    await waitFor("all done", () => done.length === 4);
    // Short jobs sent while the long one runs go through the three free lanes.
    const long = deferred();
    done.length = 0;
    await queue.define("test.later", { ...FAST, concurrency: 2, handler: () => long.promise });
    await queue.send("test.later", {});
    for (let n = 10; n < 16; n++) await queue.send("test.echo", { n });
    await waitFor("short jobs done beside the long one", () => done.length === 6);
    long.resolve();
  });

  it("a lane takes the highest priority first, and the oldest within a priority (sync.portal's biggest portals first)", async () => {
    const queue = await newQueue();
    // Sent before any worker: sizes in an order unrelated to the sending order; ties keep theirs.
    const sizes = [4_000, 300_000, 2_000, 20_000, 4_000, 120_000];
    for (const [n, size] of sizes.entries()) await queue.send("test.ranked", { n }, { priority: size });
    await queue.sendMany("test.ranked", [{ n: 6 }, { n: 7 }]); // priority 0: after every sized one (one insert: in either order)
    await queue.sendMany("test.ranked", [{ n: 8 }], { priority: 1_000_000 });
    const taken: number[] = [];
    await queue.define("test.ranked", { ...FAST, handler: async ({ data }) => void taken.push(data.n) });
    await waitFor("every job taken", () => taken.length === 9);
    expect(taken.slice(0, 7)).toEqual([8, 1, 5, 3, 0, 4, 2]);
    expect(taken.slice(7).sort()).toEqual([6, 7]);
  });

  it("a lane fetches its next job as soon as one is done, not after the polling interval", async () => {
    const queue = await newQueue();
    const done: number[] = [];
    for (let n = 0; n < 6; n++) await queue.send("test.quick", { n });
    const started = Date.now();
    // One lane, a 2 s polling interval: waiting it out after each job would take over 10 s.
    await queue.define("test.quick", { pollingIntervalSeconds: 2, handler: async ({ data }) => void done.push(data.n) });
    await waitFor("six quick jobs done", () => done.length === 6);
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
