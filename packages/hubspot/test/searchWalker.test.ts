import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";
import { privateAppToken, startSandbox, type Sandbox } from "@marketable/hubspot-sandbox";

import { createPortalGateway, SEARCH_RESULT_CAP, walkContactsModified, type PortalGateway } from "../src";
import { keyring, responseCounter, seedPortal } from "./fixtures";

const engines = await availableEngines();
const SIZE = 12_500;

describe.each(engines)("search walker across the 10,000-result cap (%s)", (engine) => {
  let sandbox: Sandbox;
  let tdb: TestDatabase;
  let hubId: number;
  const counter = responseCounter();

  beforeAll(async () => {
    sandbox = await startSandbox({ preset: "empty", seed: 8, port: 0, limits: true, recorder: counter.record });
    // A faster search limit than HubSpot's 4/s keeps the test short; the limiter aims below it
    // (16 of 20) so a loaded CI machine's jitter cannot cause a 429.
    sandbox.admin.setRateLimits({ searchPerSecond: 20 });
    hubId = sandbox.admin.createPortal({ edition: "enterprise", contacts: SIZE }).hubId;
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await sandbox?.close();
    await tdb?.close();
  });
  beforeEach(async () => {
    counter.reset();
    await tdb.reset();
  });

  async function gateway(): Promise<PortalGateway> {
    const portalId = await seedPortal(tdb.db, {
      hubId: String(hubId),
      edition: "enterprise",
      connection: { kind: "static", token: privateAppToken(hubId) },
    });
    return createPortalGateway({
      db: tdb.db,
      keyring,
      portal: { portalId, hubId: String(hubId), edition: "enterprise" },
      basePath: sandbox.url,
      limiter: { searchLimits: { perWindow: 16, windowMs: 1_000 } },
    });
  }

  /** The sandbox's own truth: live contacts modified in [since, until). */
  function expectedIds(since: number, until: number): string[] {
    return sandbox.state
      .portal(hubId)!
      .contacts.records.filter((c) => c.archivedAt === 0 && c.updatedAt >= since && c.updatedAt < until)
      .map((c) => String(c.id))
      .sort();
  }

  async function walk(g: PortalGateway, since: Date, until: Date) {
    const ids: string[] = [];
    let restarts = 0;
    let lastSafe = since;
    for await (const page of walkContactsModified(g, { since, until })) {
      ids.push(...page.contacts.map((c) => c.hubspotId));
      restarts = page.restarts;
      expect(page.safeSince.getTime()).toBeGreaterThanOrEqual(lastSafe.getTime());
      lastSafe = page.safeSince;
    }
    return { ids, restarts, lastSafe };
  }

  it("yields every contact of a range holding more than 10,000, exactly once", async () => {
    const g = await gateway();
    const since = new Date(0);
    const until = new Date(sandbox.state.now() + 1);
    const expected = expectedIds(since.getTime(), until.getTime());
    expect(expected.length).toBeGreaterThan(SEARCH_RESULT_CAP);
    const { ids, restarts, lastSafe } = await walk(g, since, until);
    expect(restarts).toBeGreaterThanOrEqual(1);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(expected);
    expect(lastSafe.getTime()).toBe(until.getTime());
    expect(counter.count(400)).toBe(0);
    expect(counter.count(429)).toBe(0);
  });

  it("loses nothing when many contacts share the instant where a window is cut", async () => {
    // Give the contacts around result 10,000 one and the same lastmodifieddate.
    const records = [...sandbox.state.portal(hubId)!.contacts.records]
      .filter((c) => c.archivedAt === 0)
      .sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    const at = records[SEARCH_RESULT_CAP - 150]!.updatedAt;
    for (const c of records.slice(SEARCH_RESULT_CAP - 150, SEARCH_RESULT_CAP + 250)) c.updatedAt = at;
    const g = await gateway();
    const since = new Date(0);
    const until = new Date(sandbox.state.now() + 1);
    const { ids } = await walk(g, since, until);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(expectedIds(since.getTime(), until.getTime()));
  });

  it("walks an instant shared by more than 10,000 contacts by id", async () => {
    const records = sandbox.state.portal(hubId)!.contacts.records;
    const at = Date.UTC(2026, 0, 1);
    for (const c of records.slice(0, SEARCH_RESULT_CAP + 500)) c.updatedAt = at;
    const g = await gateway();
    const since = new Date(at);
    const until = new Date(sandbox.state.now() + 1);
    const { ids } = await walk(g, since, until);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(expectedIds(since.getTime(), until.getTime()));
  });
});
