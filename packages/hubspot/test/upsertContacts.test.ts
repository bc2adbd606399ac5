import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { contacts } from "@marketable/db";
import { createAgency, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { UPSERT_BATCH_SIZE, upsertContacts, type ContactRecord } from "../src";

const engines = await availableEngines();

function record(i: number, overrides: Partial<ContactRecord> = {}): ContactRecord {
  return {
    hubspotId: String(i),
    email: `c${i}@example.com`,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 1000),
    updatedAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
    marketable: i % 2 === 0,
    marketableUntilRenewal: i % 5 === 0,
    marketableReasonType: i % 3 === 0 ? "FORM" : null,
    marketableReasonId: i % 3 === 0 ? "Newsletter" : null,
    objectSource: "INTEGRATION",
    objectSourceId: "1160452",
    objectSourceLabel: "INTEGRATION",
    objectSourceDetail1: "Salesforce",
    hardBounced: i % 7 === 0,
    optedOut: i % 11 === 0,
    lastEngagementAt: i % 4 === 0 ? null : new Date(Date.UTC(2025, 5, 1) + i),
    lifecycleStage: i % 2 ? "lead" : null,
    archived: i % 13 === 0,
    ...overrides,
  };
}

describe.each(engines)("upsertContacts (%s)", (engine) => {
  let tdb: TestDatabase;
  let portalId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await tdb?.close();
  });
  beforeEach(async () => {
    await tdb.reset();
    const agency = await createAgency(tdb.db);
    portalId = (await createPortal(tdb.db, { agencyId: agency.id })).id;
  });

  async function stored(): Promise<ContactRecord[]> {
    const rows = await tdb.db.select().from(contacts).where(eq(contacts.portalId, portalId));
    return rows.map(({ portalId: _p, syncedAt: _s, ...r }) => r).sort((a, b) => Number(a.hubspotId) - Number(b.hubspotId));
  }

  it("round-trips every field, nulls included", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => record(i + 1));
    rows.push(
      record(99, {
        email: null,
        createdAt: null,
        updatedAt: null,
        marketableReasonType: null,
        objectSource: null,
        objectSourceId: null,
        objectSourceLabel: null,
        objectSourceDetail1: null,
        lastEngagementAt: null,
        lifecycleStage: null,
      }),
    );
    expect(await upsertContacts(tdb.db, portalId, rows)).toBe(31);
    expect(await stored()).toEqual(rows);
  });

  it("updates existing rows on conflict and keeps the last duplicate of a batch", async () => {
    await upsertContacts(tdb.db, portalId, [record(1), record(2)]);
    const changed = record(1, {
      marketable: false,
      email: "new@example.com",
      lastEngagementAt: new Date("2026-01-01T00:00:00Z"),
      archived: true,
    });
    await upsertContacts(tdb.db, portalId, [record(2, { lifecycleStage: "first" }), changed, record(2, { lifecycleStage: "customer" })]);
    const rows = await stored();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(changed);
    expect(rows[1]!.lifecycleStage).toBe("customer");
  });

  it("keeps a stored app name when a later read of the same source lacks it, not when the source changed", async () => {
    await upsertContacts(tdb.db, portalId, [record(1), record(2)]);
    await upsertContacts(tdb.db, portalId, [
      record(1, { objectSourceDetail1: null }),
      record(2, { objectSourceId: "1220873", objectSourceDetail1: null }),
    ]);
    const rows = await stored();
    expect(rows[0]!.objectSourceDetail1).toBe("Salesforce");
    expect(rows[1]!.objectSourceDetail1).toBeNull();
  });

  it("writes more than one batch", async () => {
    const rows = Array.from({ length: UPSERT_BATCH_SIZE + 7 }, (_, i) => record(i + 1));
    await upsertContacts(tdb.db, portalId, rows);
    expect((await stored()).length).toBe(UPSERT_BATCH_SIZE + 7);
  });
});
