import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { portals, type Portal } from "@marketable/db";
import { createAgency, createPortal } from "@marketable/db/seed";
import { availableEngines, createTestDatabase, type TestDatabase } from "@marketable/db/testing";

import { contractDates, nextRenewalSql } from "../src/services/billing/contractDates";

const engines = await availableEngines();

// The portals list sorts by the next contract renewal in SQL; every page shows contractDates'.
// Both must name the same day, including clamped days (31st, 29 Feb) and time zones.
describe.each(engines)("next contract renewal, in TypeScript and SQL, on %s", (engine) => {
  let t: TestDatabase;
  const rows: Portal[] = [];
  const contracts = [
    { billingTerm: "monthly", renewalDate: "2027-01-05", timeZone: "America/New_York", updateDateRule: "renewal_day" },
    { billingTerm: "monthly", renewalDate: "2026-12-20", timeZone: "Europe/Zurich" },
    { billingTerm: "monthly", renewalDate: "2027-01-31", timeZone: "UTC" },
    { billingTerm: "monthly", renewalDate: "2026-11-30", timeZone: "Pacific/Auckland" },
    { billingTerm: "monthly", renewalDate: "2027-03-02", timeZone: "Pacific/Honolulu" },
    { billingTerm: "yearly", renewalDate: "2027-03-12", timeZone: "America/Los_Angeles" },
    { billingTerm: "yearly", renewalDate: "2024-02-29", timeZone: "UTC" },
    { billingTerm: "yearly", renewalDate: "2025-12-02", timeZone: "Asia/Tokyo" },
    { billingTerm: "yearly", renewalDate: "2028-06-01", timeZone: "UTC" },
  ] as const;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const agency = await createAgency(t.db, { name: "Dates" });
    for (const c of contracts) rows.push(await createPortal(t.db, { agencyId: agency.id, ...c }));
  });
  afterAll(async () => t?.close());

  it.each(["2026-12-02T15:00:00Z", "2026-12-01T23:30:00Z", "2027-02-28T12:00:00Z", "2027-01-31T00:00:00Z", "2028-02-28T20:00:00Z"])(
    "agrees at %s",
    async (at) => {
      const now = new Date(at);
      const fromSql = await t.db
        .select({ id: portals.id, next: nextRenewalSql(portals, now) })
        .from(portals)
        .where(
          inArray(
            portals.id,
            rows.map((r) => r.id),
          ),
        );
      const byId = new Map(fromSql.map((r) => [r.id, String(r.next).slice(0, 10)]));
      for (const portal of rows)
        expect([portal.renewalDate, portal.billingTerm, byId.get(portal.id)]).toEqual([
          portal.renewalDate,
          portal.billingTerm,
          contractDates(portal, now).nextRenewal,
        ]);
    },
  );

  it("names the demo bakery's next renewal from its monthly anchor, not the stored date", () => {
    const bakery = rows[0]!;
    expect(contractDates(bakery, new Date("2026-12-02T15:00:00Z"))).toEqual({
      nextRenewal: "2026-12-05",
      nextUpdateDate: "2026-12-05",
      billingPeriod: { start: "2026-11-05", end: "2026-12-05" },
    });
  });
});
