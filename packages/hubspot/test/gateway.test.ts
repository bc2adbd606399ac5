import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { AGENCY_HUB_ID, privateAppToken, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { createPortalGateway, DailyLimitReached, HubSpotApiError, type PortalGateway, type RetryPolicy } from "../src";
import type { Edition } from "../src/limiter/editionLimits";
import { keyring, liveContactIds, responseCounter, seedPortal } from "./fixtures";

const engines = await availableEngines();
const STARTER = 20000001;
const PROFESSIONAL = 20000002;
const ENTERPRISE = 20000003;

describe.each(engines)("portal gateway against the sandbox (%s)", (engine) => {
  let sandbox: Sandbox;
  let tdb: TestDatabase;
  const counter = responseCounter();

  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "small", seed: 7, port: 0, limits: true, importStepMs: 20, recorder: counter.record });
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await sandbox?.close();
    await tdb?.close();
  });
  beforeEach(async () => {
    sandbox.admin.clearFaults();
    sandbox.admin.clearRateLimits();
    counter.reset();
    await tdb.reset();
  });

  async function gatewayFor(hubId: number, edition: Edition, retry: Partial<RetryPolicy> = { baseDelayMs: 50 }): Promise<PortalGateway> {
    const portalId = await seedPortal(tdb.db, {
      hubId: String(hubId),
      edition,
      connection: { kind: "static", token: privateAppToken(hubId) },
    });
    return createPortalGateway({ db: tdb.db, keyring, portal: { portalId, hubId: String(hubId), edition }, basePath: sandbox.url, retry });
  }

  async function readAll(gateway: PortalGateway, limit = 100): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await gateway.listContactsPage({ after, limit });
      ids.push(...page.contacts.map((c) => c.hubspotId));
      after = page.nextAfter;
    } while (after);
    return ids;
  }

  it("pages through a whole portal and returns exactly the sandbox's contacts", async () => {
    const gateway = await gatewayFor(PROFESSIONAL, "professional");
    const ids = await readAll(gateway);
    expect(ids).toEqual(liveContactIds(sandbox, PROFESSIONAL));
    expect(ids.length).toBeGreaterThan(1_000);
    expect(gateway.stats.requests).toBe(Math.ceil(ids.length / 100));
    expect(gateway.stats.retries).toBe(0);
    expect(counter.count(429)).toBe(0);
  });

  it("with 10% injected 429/5xx/dropped connections still reads every contact exactly once, and counts the retries", async () => {
    sandbox.admin.setFaults({
      rate: 0.1,
      kinds: ["429", "500", "502", "503", "504", "drop"],
      endpoints: ["GET /crm/v3/objects/contacts"],
      seed: 12,
    });
    const gateway = await gatewayFor(ENTERPRISE, "enterprise");
    const ids = await readAll(gateway);
    expect(ids).toEqual(liveContactIds(sandbox, ENTERPRISE));
    expect(new Set(ids).size).toBe(ids.length);
    expect(gateway.stats.retries).toBeGreaterThan(0);
    expect(gateway.stats.requests).toBe(Math.ceil(ids.length / 100) + gateway.stats.retries);
    expect(gateway.stats.rateLimited + gateway.stats.serverErrors + gateway.stats.networkErrors).toBe(gateway.stats.retries);
    // Seed 12 meets every kind: 429, 5xx and a dropped connection.
    expect(gateway.stats.rateLimited).toBeGreaterThan(0);
    expect(gateway.stats.serverErrors).toBeGreaterThan(0);
    expect(gateway.stats.networkErrors).toBeGreaterThan(0);
    console.info(`[faults] ${engine}: ${JSON.stringify(gateway.stats)}`);
  });

  it("retries an attempt that outlives its timeout", async () => {
    sandbox.admin.setFaults({ rate: 0.5, kinds: ["slow"], slowMs: 600, endpoints: ["GET /crm/v3/objects/contacts"], seed: 4 });
    const gateway = await gatewayFor(STARTER, "starter", { baseDelayMs: 20, timeoutMs: 300 });
    const ids = await readAll(gateway);
    expect(ids).toEqual(liveContactIds(sandbox, STARTER));
    expect(gateway.stats.timeouts).toBeGreaterThan(0);
  });

  it("stops at HubSpot's DAILY 429 without retrying, and other processes stop before sending", async () => {
    sandbox.admin.setRateLimits({ hubId: STARTER, daily: 3 });
    const gateway = await gatewayFor(STARTER, "starter");
    let after: string | undefined;
    for (let i = 0; i < 3; i++) after = (await gateway.listContactsPage({ after, limit: 50 })).nextAfter;
    const failure = await gateway.listContactsPage({ after, limit: 50 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DailyLimitReached);
    expect((failure as DailyLimitReached).source).toBe("hubspot");
    expect(counter.count(429)).toBe(1);
    expect(gateway.stats.retries).toBe(0);

    // A second process (its own gateway, same shared bucket) refuses without calling HubSpot.
    const other = await createPortalGateway({
      db: tdb.db,
      keyring,
      portal: gateway.portal,
      basePath: sandbox.url,
    });
    const second = await other.listContactsPage({ limit: 10 }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DailyLimitReached);
    expect((second as DailyLimitReached).source).toBe("limiter");
    expect(counter.count(429)).toBe(1);
  });

  it("does not retry a 400 and throws a typed error", async () => {
    const gateway = await gatewayFor(STARTER, "starter");
    const failure = await gateway.searchContactsModifiedSince({ since: new Date(0), after: "10000" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HubSpotApiError);
    expect((failure as HubSpotApiError).status).toBe(400);
    expect(gateway.stats.requests).toBe(1);
  });

  it("reads contacts by id in batches of 100, leaving out unknown ids", async () => {
    const gateway = await gatewayFor(PROFESSIONAL, "professional");
    const ids = liveContactIds(sandbox, PROFESSIONAL).slice(0, 250);
    const found = await gateway.getContactsByIds([...ids, "999999999"]);
    expect(found.map((c) => c.hubspotId).sort()).toEqual([...ids].sort());
    expect(gateway.stats.requests).toBe(3);
  });

  it("retries raw apiRequest calls (which never throw) on 5xx and 429 like SDK calls", async () => {
    sandbox.admin.setFaults({ rate: 0.6, kinds: ["503", "429"], endpoints: ["GET /account-info"], seed: 5 });
    const gateway = await gatewayFor(STARTER, "starter");
    for (let i = 0; i < 4; i++) expect((await gateway.getAccountDetails()).hubId).toBe(String(STARTER));
    expect(gateway.stats.retries).toBeGreaterThan(0);
    expect(gateway.stats.retries).toBe(gateway.stats.serverErrors + gateway.stats.rateLimited);
  });

  it("reads the account details and the partner's client portals", async () => {
    const gateway = await gatewayFor(STARTER, "starter");
    const details = await gateway.getAccountDetails();
    expect(details).toMatchObject({
      hubId: String(STARTER),
      timeZone: expect.any(String) as string,
      currency: expect.any(String) as string,
      uiDomain: expect.any(String) as string,
    });

    const agency = await gatewayFor(AGENCY_HUB_ID, "enterprise");
    const clients = await agency.listPartnerClients();
    expect(clients.map((c) => c.hubId).sort()).toEqual([String(STARTER), String(PROFESSIONAL), String(ENTERPRISE)]);
  });

  it("sets marketing status through an UPDATE-only import and reports row errors", async () => {
    const gateway = await gatewayFor(PROFESSIONAL, "professional");
    const page = await gateway.listContactsPage({ limit: 100 });
    const targets = page.contacts.filter((c) => !c.marketable && c.email).slice(0, 3);
    expect(targets.length).toBe(3);
    const importId = await gateway.createMarketingStatusImport({
      emails: [...targets.map((c) => c.email!), "nobody-here@example.invalid"],
      marketable: true,
      name: "promote three",
    });
    let state = "";
    for (let i = 0; i < 100 && !["DONE", "FAILED", "CANCELED"].includes(state); i++) {
      state = (await gateway.getImport(importId)).state;
      if (state !== "DONE") await new Promise((r) => setTimeout(r, 30));
    }
    expect(state).toBe("DONE");
    const after = await gateway.getContactsByIds(targets.map((c) => c.hubspotId));
    expect(after.every((c) => c.marketable)).toBe(true);
    const errors = await gateway.getImportErrors(importId);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.errorType).toBeTruthy();
  });

  it("never stores a token in plaintext", async () => {
    const gateway = await gatewayFor(STARTER, "starter");
    await gateway.listContactsPage({ limit: 1 });
    const rows = await tdb.db.execute<{ row: string }>(sql`select to_jsonb(c)::text as row from portal_connections c`);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.row).not.toContain(privateAppToken(STARTER));
    expect(rows.rows[0]!.row).not.toContain(privateAppToken(STARTER).slice(8));
  });
});
