import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb } from "./client";
import { availableEngines, createTestDatabase, type TestDatabase } from "./testing";

const engines = (await availableEngines()).filter((engine) => engine === "postgres");

// The pool's connect bound is for reaching the server, not for waiting for a busy pool: under a
// burst of requests beyond its size, queries queue (the load bench's stress run got HTTP 500s
// "Failed query" when a wait for a connection was cut at 10 s).
describe.skipIf(engines.length === 0)("the PostgreSQL pool", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => t?.close());

  it("queues a query behind a busy pool for longer than the connect bound instead of failing it", async () => {
    const handle = await createDb(t.url, { poolSize: 1, connectTimeoutMs: 200 });
    try {
      // Both sent at once (drizzle's queries start when awaited): the second waits 0.8 s for the pool.
      const [, queued] = await Promise.all([handle.db.execute(sql`select pg_sleep(0.8)`), handle.db.execute(sql`select 1 as one`)]);
      expect(queued.rows).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });

  it("still gives up on a server that does not answer within the connect bound", async () => {
    // A listening socket that never speaks PostgreSQL: the client's start-up times out.
    const net = await import("node:net");
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const handle = await createDb(`postgres://postgres@127.0.0.1:${port}/none`, { poolSize: 1, connectTimeoutMs: 300 });
    const started = performance.now();
    try {
      await expect(handle.db.execute(sql`select 1`)).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await handle.close().catch(() => undefined);
      silent.close();
    }
  });
});
