import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createDb, type DbHandle } from "@marketable/db";
import { availableEngines, createTestDatabase, testPostgresUrl, type TestDatabase } from "@marketable/db/testing";
import { privateAppToken, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { bucketFor, createPortalGateway, DailyLimitReached, PortalRateLimiter, type Clock, type PortalGateway } from "../src";
import { keyring, seedPortal } from "./fixtures";

const engines = await availableEngines();

/** A clock whose sleep moves time forward at once: limiter arithmetic without real waiting. */
function fakeClock(start = Date.UTC(2026, 10, 1, 12)): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

describe("bucket settings", () => {
  it("never allow more than the share of the limit in any rolling window", () => {
    for (const perWindow of [100, 190, 250]) {
      const b = bucketFor({ perWindow, windowMs: 10_000 });
      // At most capacity + rate·window requests can start in any window.
      expect(b.capacity + b.ratePerMs * 10_000).toBeLessThanOrEqual(perWindow * 0.96 + 1e-9);
      // ... and the sustained rate stays at 90% of the ceiling or more.
      expect((b.ratePerMs * 10_000) / perWindow).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe.each(engines)("shared rate limiter (%s)", (engine) => {
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await tdb?.close();
  });
  beforeEach(async () => {
    await tdb.reset();
  });

  const limiter = (clock: Clock, limits: { perWindow: number; windowMs: number; daily?: number }, burst = 2) =>
    new PortalRateLimiter({ db: tdb.db, hubId: "1", edition: "professional", clock, share: 1, burst, limits, maxSleepMs: 60_000 });

  it("spends the burst at once, then paces at the refill rate", async () => {
    const clock = fakeClock();
    const start = clock.now();
    const l = limiter(clock, { perWindow: 10, windowMs: 1_000 }); // capacity 2, 8 a second
    await l.acquire();
    await l.acquire();
    expect(clock.now()).toBe(start);
    for (let i = 0; i < 8; i++) await l.acquire();
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeLessThan(1_000 + 8 * 6);
    expect(l.stats.acquired).toBe(10);
  });

  it("two limiters on one bucket share it: together they never exceed the limit in a window", async () => {
    const clock = fakeClock();
    const a = limiter(clock, { perWindow: 10, windowMs: 1_000 });
    const b = limiter(clock, { perWindow: 10, windowMs: 1_000 });
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      await (i % 3 === 0 ? b : a).acquire();
      times.push(clock.now());
    }
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t > times[i]! - 1_000 && t <= times[i]!).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
  });

  it("callers in one process waiting on one bucket get its tokens in the order they asked, whichever limiter they use", async () => {
    const clock = fakeClock();
    const l = limiter(clock, { perWindow: 4, windowMs: 1_000 }, 1); // one token at a time
    const other = limiter(clock, { perWindow: 4, windowMs: 1_000 }, 1); // another gateway, same portal
    await l.acquire(); // the bucket is empty now
    const order: number[] = [];
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? other : l).acquire().then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(l.stats.acquired + other.stats.acquired).toBe(13);
  });

  it("refuses once the daily allowance is spent, and starts again the next day", async () => {
    const clock = fakeClock();
    const l = limiter(clock, { perWindow: 100, windowMs: 1_000, daily: 3 }, 5);
    for (let i = 0; i < 3; i++) await l.acquire();
    await expect(l.acquire()).rejects.toBeInstanceOf(DailyLimitReached);
    clock.advance(24 * 3_600_000);
    await l.acquire();
  });

  it("a block after a 429 holds every process back until it ends", async () => {
    const clock = fakeClock();
    const a = limiter(clock, { perWindow: 100, windowMs: 1_000 }, 5);
    const b = limiter(clock, { perWindow: 100, windowMs: 1_000 }, 5);
    await a.acquire();
    const start = clock.now();
    await a.block(start + 750);
    await b.acquire();
    expect(clock.now()).toBeGreaterThanOrEqual(start + 750);
  });

  it("search requests also spend the search budget (about 4 a second)", async () => {
    const clock = fakeClock();
    const l = limiter(clock, { perWindow: 1_000, windowMs: 1_000 }, 50);
    const start = clock.now();
    for (let i = 0; i < 8; i++) await l.acquire("search");
    // 1 at once, then 2.8 a second: 7 more take 2.5 s.
    expect(clock.now() - start).toBeGreaterThanOrEqual(2_400);
    const rows = await tdb.db.execute<{ key: string }>(sql`select key from hubspot_rate_buckets order by key`);
    expect(rows.rows.map((r) => r.key)).toEqual(["1:private", "1:private:search"]);
  });
});

describe.each(engines)("two processes sharing one portal's bucket against the sandbox (%s)", (engine) => {
  let sandbox: Sandbox;
  let tdb: TestDatabase;
  let second: DbHandle | null = null;
  const responses: { at: number; status: number }[] = [];
  const HUB = 20000002;
  const WINDOW_MS = 3_000;
  const PER_WINDOW = 60;

  beforeAll(async () => {
    sandbox = await startSandbox({
      preset: "small",
      seed: 3,
      port: 0,
      limits: true,
      recorder: (r) => responses.push({ at: Date.now(), status: r.statusCode }),
    });
    tdb = await createTestDatabase(engine);
    if (engine === "postgres") {
      // A second pool on the same database: what another worker process would hold.
      const name = (await tdb.db.execute<{ name: string }>(sql`select current_database() as name`)).rows[0]!.name;
      const url = new URL(testPostgresUrl());
      url.pathname = `/${name}`;
      second = await createDb(url.toString(), { poolSize: 3 });
    }
  });
  afterAll(async () => {
    await second?.close();
    await sandbox?.close();
    await tdb?.close();
  });

  it("stays under the portal's limit with zero 429s, and neither process is starved", async () => {
    sandbox.admin.setRateLimits({ windowMs: WINDOW_MS });
    sandbox.admin.setRateLimits({ hubId: HUB, perWindow: PER_WINDOW });
    const portalId = await seedPortal(tdb.db, {
      hubId: String(HUB),
      edition: "professional",
      connection: { kind: "static", token: privateAppToken(HUB) },
    });
    const make = (db: TestDatabase["db"]) =>
      createPortalGateway({
        db,
        keyring,
        portal: { portalId, hubId: String(HUB), edition: "professional" },
        basePath: sandbox.url,
        limiter: { share: 0.85, limits: { perWindow: PER_WINDOW, windowMs: WINDOW_MS } },
      });
    const gateways: PortalGateway[] = [await make(tdb.db), await make(second?.db ?? tdb.db)];

    const runForMs = 6_000;
    const deadline = Date.now() + runForMs;
    const started = Date.now();
    responses.length = 0;
    // A 3-second window makes jitter (a loaded CI machine delays requests between taking a token
    // and the sandbox counting them) a bigger share of the window than HubSpot's 10 s does, hence
    // share 0.85 here; the bench runs the real 10 s window at the default 0.96.
    // Three concurrent workers per "process", each paging as fast as it is allowed.
    await Promise.all(
      gateways.flatMap((g) =>
        [0, 1, 2].map(async () => {
          let after: string | undefined;
          while (Date.now() < deadline) after = (await g.listContactsPage({ after, limit: 10 })).nextAfter;
        }),
      ),
    );
    const elapsed = Date.now() - started;

    expect(responses.filter((r) => r.status === 429)).toHaveLength(0);
    expect(gateways.every((g) => g.stats.rateLimited === 0)).toBe(true);
    // No rolling window saw more than the limit.
    const times = responses.map((r) => r.at).sort((x, y) => x - y);
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= WINDOW_MS) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(PER_WINDOW);
    // Both processes got a share. How much of the allowance they used together is a speed figure:
    // `pnpm bench` measures it (packages/hubspot/bench) on HubSpot's real window, since a floor
    // here failed whenever the machine was busy with other suites.
    expect(gateways.every((g) => g.stats.requests > 10)).toBe(true);
    const ceiling = (PER_WINDOW * elapsed) / WINDOW_MS;
    const share = responses.length / ceiling;
    console.info(
      `[limiter] ${engine}: ${responses.length} requests in ${elapsed} ms, worst window ${worst}/${PER_WINDOW}, ${(share * 100).toFixed(1)}% of the ceiling`,
    );
  });
});
