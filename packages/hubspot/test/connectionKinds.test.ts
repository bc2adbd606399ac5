import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { portalConnections } from "@marketable/db";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { privateAppToken, PRODUCT_APP, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { createPortalGateway, readDailyHeaders, type PortalGateway } from "../src";
import { keyring, responseCounter, sandboxClock, seedPortal } from "./fixtures";

const engines = await availableEngines();
const STARTER = 20000001;
const PROFESSIONAL = 20000002;

describe("readDailyHeaders", () => {
  it("reads HubSpot's daily figures and ignores absent or malformed ones", () => {
    expect(readDailyHeaders({ "x-hubspot-ratelimit-daily": "625000", "x-hubspot-ratelimit-daily-remaining": "1200" })).toEqual({
      limit: 625_000,
      remaining: 1_200,
    });
    expect(readDailyHeaders({ "x-hubspot-ratelimit-max": "110" })).toBeNull();
    expect(readDailyHeaders({ "x-hubspot-ratelimit-daily": "abc", "x-hubspot-ratelimit-daily-remaining": "5" })).toBeNull();
    expect(readDailyHeaders({ "x-hubspot-ratelimit-daily": "0", "x-hubspot-ratelimit-daily-remaining": "0" })).toBeNull();
  });
});

/** HubSpot limits by how the app authenticates (docs/hubspot.md, "API surface and limits"). */
describe.each(engines)("limits by connection kind (%s)", (engine) => {
  let sandbox: Sandbox;
  let tdb: TestDatabase;
  const counter = responseCounter();

  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "small", seed: 7, port: 0, limits: true, recorder: counter.record });
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await sandbox?.close();
    await tdb?.close();
  });
  beforeEach(async () => {
    sandbox.admin.clearRateLimits();
    counter.reset();
    await tdb.reset();
  });

  async function oauthGateway(hubId: number, edition: "starter" | "professional"): Promise<PortalGateway> {
    const minted = sandbox.admin.mintToken(hubId, PRODUCT_APP.appId);
    const portalId = await seedPortal(tdb.db, {
      hubId: String(hubId),
      edition,
      connection: {
        kind: "oauth",
        accessToken: minted.access_token,
        refreshToken: minted.refresh_token,
        expiresAt: new Date(sandbox.state.now() + 30 * 60_000),
        appId: String(PRODUCT_APP.appId),
      },
    });
    return createPortalGateway({
      db: tdb.db,
      keyring,
      portal: { portalId, hubId: String(hubId), edition },
      basePath: sandbox.url,
      oauthApp: { clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret },
      clock: sandboxClock(sandbox),
    });
  }

  it("an OAuth connection is paced to 110 per 10 s whatever the edition, with no daily limit; HubSpot refuses none", async () => {
    const gateway = await oauthGateway(PROFESSIONAL, "professional");
    expect(gateway.connectionKind).toBe("oauth");
    expect(gateway.limiter.perWindow).toBe(110);
    expect(gateway.limiter.main.daily).toBeNull();
    // A 1-second window on both sides, so 250 requests take a few seconds instead of 25.
    sandbox.admin.setRateLimits({ windowMs: 1_000 });
    const fast = await createPortalGateway({
      db: tdb.db,
      keyring,
      portal: gateway.portal,
      basePath: sandbox.url,
      oauthApp: { clientId: sandbox.oauth.clientId, clientSecret: sandbox.oauth.clientSecret },
      clock: sandboxClock(sandbox),
      limiter: { limits: { windowMs: 1_000 } },
    });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let i = 0; i < 50; i++) await fast.listContactsPage({ limit: 1 });
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(counter.count(429)).toBe(0);
    expect(counter.count(200)).toBe(250);
    // 250 requests at ≤ 110 a second need more than one second (a Professional private app's 190 would not).
    expect(seconds).toBeGreaterThan(1.2);
    // No daily limit: nothing to record.
    expect(fast.dailyBudget).toBeNull();
  });

  it("a private-app connection gets its edition's limit and records the shared daily limit HubSpot reports", async () => {
    const portalId = await seedPortal(tdb.db, {
      hubId: String(STARTER),
      edition: "starter",
      connection: { kind: "static", token: privateAppToken(STARTER) },
    });
    const gateway = await createPortalGateway({
      db: tdb.db,
      keyring,
      portal: { portalId, hubId: String(STARTER), edition: "starter" },
      basePath: sandbox.url,
    });
    expect(gateway.connectionKind).toBe("static");
    expect(gateway.limiter.perWindow).toBe(100);
    expect(gateway.limiter.main.daily).toBe(250_000);

    // The client's other private apps have used most of today's limit.
    sandbox.admin.setRateLimits({ hubId: STARTER, otherAppsToday: 240_000 });
    await gateway.listContactsPage({ limit: 1 });
    expect(gateway.dailyBudget).toMatchObject({ limit: 250_000, remaining: 250_000 - 240_000 - 1 });
    const [row] = await tdb.db.select().from(portalConnections).where(eq(portalConnections.portalId, portalId));
    expect(row).toMatchObject({ dailyLimit: 250_000, dailyRemaining: 9_999 });
    expect(row!.dailyCheckedAt).toBeInstanceOf(Date);

    // Later figures are written at most once a second, and at once on flush.
    await gateway.listContactsPage({ limit: 1 });
    await gateway.flushDailyBudget();
    const [after] = await tdb.db.select().from(portalConnections).where(eq(portalConnections.portalId, portalId));
    expect(after!.dailyRemaining).toBe(9_998);
  });

  it("a refused DAILY answer records zero left", async () => {
    const portalId = await seedPortal(tdb.db, {
      hubId: String(PROFESSIONAL),
      edition: "professional",
      connection: { kind: "static", token: privateAppToken(PROFESSIONAL) },
    });
    const gateway = await createPortalGateway({
      db: tdb.db,
      keyring,
      portal: { portalId, hubId: String(PROFESSIONAL), edition: "professional" },
      basePath: sandbox.url,
    });
    sandbox.admin.setRateLimits({ hubId: PROFESSIONAL, otherAppsToday: 625_000 });
    await expect(gateway.listContactsPage({ limit: 1 })).rejects.toThrow();
    const [row] = await tdb.db.select().from(portalConnections).where(eq(portalConnections.portalId, portalId));
    expect(row).toMatchObject({ dailyLimit: 625_000, dailyRemaining: 0 });
  });
});
