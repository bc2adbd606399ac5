import { describe, expect, it } from "vitest";

import type { PriceTable } from "../src/prices";
import { headroomPct, rollupRow, rollupTotals, savingsAvailable } from "../src/rollup";
import { contract } from "./fixtures";

const now = new Date("2026-04-10T12:00:00Z");

describe("headroom", () => {
  it.each([
    [6_300, 7_000, 10], // 700 / 7,000
    [7_000, 7_000, 0],
    [0, 2_000, 100],
    [1_234, 2_000, 38.3], // 766 / 2,000 = 38.3%
    [7_350, 7_000, -5],
  ])("%i of %i -> %f%%", (count, limit, pct) => {
    expect(headroomPct(count, limit)).toBe(pct);
  });

  it("needs a positive limit", () => {
    expect(() => headroomPct(1, 0)).toThrow(RangeError);
  });
});

describe("savings available (worked examples)", () => {
  it("Professional yearly: 5,000 removable out of 6,900 -> $250/month at block rate, step down to 2,000 at renewal", () => {
    // Block rate: $250.00 per 5,000 = 5 cents a contact: 5,000 x 25,000 / 5,000 = 25,000 a month.
    // 6,900 - 5,000 = 1,900 fits 2,000: $1,050 -> $800 = 25,000 a month, 300,000 over a yearly term.
    const s = savingsAvailable({ contract: contract(), marketing: 6_900, removable: 5_000, now });
    expect(s).toEqual({
      currency: "USD",
      removable: 5_000,
      effectiveDate: "2026-05-01",
      renewalDate: "2026-10-01",
      monthlyValueMinor: 25_000,
      stepDown: { fromLimit: 7_000, toLimit: 2_000, monthlySavingMinor: 25_000, termSavingMinor: 300_000 },
    });
  });

  it("Starter monthly: 333 removable -> 333 x 4,500 / 1,000 = 1,498.5 -> 1,499; no step unless a block empties", () => {
    const starter = contract({
      edition: "starter",
      term: "monthly",
      purchasedTier: 3_000,
      contractStartDate: "2026-01-20",
      renewalDate: "2026-04-20",
    });
    const s = savingsAvailable({ contract: starter, marketing: 2_500, pendingDemotion: 100, removable: 333, now });
    expect(s.monthlyValueMinor).toBe(1_499);
    // 2,500 - 100 - 333 = 2,067 -> still needs 3,000: no step down.
    expect(s.stepDown).toEqual({ fromLimit: 3_000, toLimit: 3_000, monthlySavingMinor: 0, termSavingMinor: 0 });
    expect(s.effectiveDate).toBe("2026-04-20");
    // 400 more removable: 1,667 -> 2,000, saving one block ($45) for one monthly term.
    expect(savingsAvailable({ contract: starter, marketing: 2_500, pendingDemotion: 100, removable: 733, now }).stepDown).toEqual({
      fromLimit: 3_000,
      toLimit: 2_000,
      monthlySavingMinor: 4_500,
      termSavingMinor: 4_500,
    });
  });

  it("cannot remove more than the demotable contacts", () => {
    expect(() => savingsAvailable({ contract: contract(), marketing: 100, pendingDemotion: 50, removable: 51, now })).toThrow(
      /between 0 and 50/,
    );
  });
});

describe("roll-up", () => {
  const eur: PriceTable = {
    id: "eur",
    version: 1,
    effectiveFrom: "2026-01-01",
    source: "test",
    rows: [
      {
        edition: "professional",
        term: "yearly",
        currency: "EUR",
        includedContacts: 2_000,
        blockSize: 5_000,
        blockPriceMinor: 23_000,
        basePriceMinor: 75_000,
      },
    ],
  };
  const rows = [
    rollupRow({ portalId: "a", name: "Acme", contract: contract(), marketing: 6_300, removable: 0, now }),
    rollupRow({ portalId: "b", contract: contract({ edition: "starter", purchasedTier: 2_000 }), marketing: 1_500, removable: 600, now }),
    rollupRow({ portalId: "c", contract: contract({ currency: "EUR", priceTable: eur, purchasedTier: 12_000 }), marketing: 9_000, now }),
  ];

  it("one row per portal", () => {
    expect(rows[0]).toEqual({
      portalId: "a",
      name: "Acme",
      currency: "USD",
      marketing: 6_300,
      tierLimit: 7_000,
      headroom: 700,
      headroomPct: 10,
      crossingDate: null,
      monthlyCostMinor: 105_000,
      savingsMonthlyMinor: 0,
      removableValueMonthlyMinor: 0,
    });
    // Starter 1,500 - 600 = 900 -> 1,000: saves one block ($45). Block value 600 x 4,500 / 1,000 = 2,700.
    expect(rows[1]).toMatchObject({
      name: "b",
      tierLimit: 2_000,
      headroomPct: 25,
      monthlyCostMinor: 6_000,
      savingsMonthlyMinor: 4_500,
      removableValueMonthlyMinor: 2_700,
    });
    // EUR portal: 12,000 = 2 blocks: 75,000 + 46,000.
    expect(rows[2]).toMatchObject({ currency: "EUR", monthlyCostMinor: 121_000 });
  });

  it("totals per currency, never mixing them", () => {
    expect(rollupTotals(rows)).toEqual([
      {
        currency: "EUR",
        portals: 1,
        marketing: 9_000,
        tierLimit: 12_000,
        headroomPct: 25,
        monthlyCostMinor: 121_000,
        savingsMonthlyMinor: 0,
        removableValueMonthlyMinor: 0,
        crossing: 0,
      },
      // 7,800 of 9,000 -> 13.3% headroom.
      {
        currency: "USD",
        portals: 2,
        marketing: 7_800,
        tierLimit: 9_000,
        headroomPct: 13.3,
        monthlyCostMinor: 111_000,
        savingsMonthlyMinor: 4_500,
        removableValueMonthlyMinor: 2_700,
        crossing: 0,
      },
    ]);
  });
});
