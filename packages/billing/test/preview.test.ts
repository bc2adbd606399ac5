import { describe, expect, it } from "vitest";

import { previewStatusChange } from "../src/preview";
import { contract } from "./fixtures";

// Professional on the published starting points: 2,000 -> $800.00, 7,000 -> $1,050.00,
// 12,000 -> $1,300.00 per month.
describe("status-change preview (worked examples)", () => {
  // Yearly term: update dates on the 1st; renewal 1 October.
  const proYearly = contract({
    edition: "professional",
    term: "yearly",
    purchasedTier: 7_000,
    renewalDate: "2026-10-01",
    contractStartDate: "2025-10-01",
  });
  const counts = { marketing: 6_900, pendingDemotion: 0, nonMarketing: 10_000 };

  it("demotion queued the day before an update date: leaves tomorrow; tier can step down at renewal", () => {
    // Queued 30 April 15:00 UTC -> leaves 1 May. Now: 6,900 marketing, 5,000 of them pending.
    // 1 May: 6,900 - 5,000 = 1,900 marketing, 15,000 non-marketing; tier stays 7,000 ($1,050).
    // Renewal 1 Oct: 1,900 fits 2,000 -> the lowest tier to request is 2,000 at $800 (baseline:
    // 6,900 needs 7,000 at $1,050), a saving of $250.00 a month.
    const preview = previewStatusChange(counts, { target: "nonMarketing", count: 5_000 }, proYearly, new Date("2026-04-30T15:00:00Z"));
    expect(preview).toMatchObject({
      today: "2026-04-30",
      nextUpdateDate: "2026-05-01",
      renewalDate: "2026-10-01",
      effectiveNow: 0,
      effectiveAtUpdateDate: 5_000,
      effectiveDate: "2026-05-01",
      crossesTier: false,
      upgrade: null,
      now: {
        date: "2026-04-30",
        marketing: 6_900,
        pendingDemotion: 5_000,
        nonMarketing: 10_000,
        tierLimit: 7_000,
        monthlyCostMinor: 105_000,
        headroom: 100,
      },
      atNextUpdateDate: {
        date: "2026-05-01",
        marketing: 1_900,
        pendingDemotion: 0,
        nonMarketing: 15_000,
        tierLimit: 7_000,
        monthlyCostMinor: 105_000,
      },
      atRenewal: {
        date: "2026-10-01",
        marketing: 1_900,
        tierLimit: 7_000,
        monthlyCostMinor: 105_000,
        lowestTierLimit: 2_000,
        lowestMonthlyCostMinor: 80_000,
      },
      monthlyCostDeltaMinor: { now: 0, atNextUpdateDate: 0, atRenewalLowestTier: -25_000 },
    });
    expect(preview.baseline.atRenewal).toMatchObject({ marketing: 6_900, lowestTierLimit: 7_000, lowestMonthlyCostMinor: 105_000 });
  });

  it("demotion queued on the update date itself: waits a whole period", () => {
    // 1 May 09:00 UTC: the 1 May update ran at midnight, so these contacts leave on 1 June.
    const preview = previewStatusChange(counts, { target: "nonMarketing", count: 5_000 }, proYearly, new Date("2026-05-01T09:00:00Z"));
    expect(preview.effectiveDate).toBe("2026-06-01");
    expect(preview.atNextUpdateDate).toMatchObject({ date: "2026-06-01", marketing: 1_900 });
  });

  it("the portal's time zone decides which side of midnight a request falls", () => {
    // 1 May 06:30 UTC is 23:30 on 30 April in Los Angeles: still the eve of the update date.
    const la = contract({ ...proYearly, timeZone: "America/Los_Angeles" });
    const preview = previewStatusChange(counts, { target: "nonMarketing", count: 100 }, la, new Date("2026-05-01T06:30:00Z"));
    expect(preview.today).toBe("2026-04-30");
    expect(preview.effectiveDate).toBe("2026-05-01");
  });

  it("existing pending demotions leave at the same update date", () => {
    // 6,900 marketing of which 400 already pending; demote 1,000 more -> 1 May: 5,500.
    const preview = previewStatusChange(
      { marketing: 6_900, pendingDemotion: 400, nonMarketing: 100 },
      { target: "nonMarketing", count: 1_000 },
      proYearly,
      new Date("2026-04-10T12:00:00Z"),
    );
    expect(preview.now).toMatchObject({ marketing: 6_900, pendingDemotion: 1_400 });
    expect(preview.atNextUpdateDate).toMatchObject({ marketing: 5_500, pendingDemotion: 0, nonMarketing: 1_500 });
    expect(preview.baseline.atNextUpdateDate).toMatchObject({ marketing: 6_500 });
  });

  it("set to marketing over the tier: counts now, upgrades now, pro-rated", () => {
    // Monthly, renewing on the 1st. 6,800 + 500 = 7,300 > 7,000 -> 12,000 at once.
    // Extra $250.00/month; 10-31 March = 22 of 31 days -> 25,000 x 22 / 31 = 17,741.94 -> 17,742.
    const proMonthly = contract({ term: "monthly", contractStartDate: "2026-01-01", renewalDate: "2026-04-01", purchasedTier: 7_000 });
    const preview = previewStatusChange(
      { marketing: 6_800, pendingDemotion: 0, nonMarketing: 3_000 },
      { target: "marketing", count: 500 },
      proMonthly,
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(preview).toMatchObject({
      effectiveNow: 500,
      effectiveAtUpdateDate: 0,
      effectiveDate: "2026-03-10",
      crossesTier: true,
      now: { marketing: 7_300, nonMarketing: 2_500, tierLimit: 12_000, monthlyCostMinor: 130_000, headroom: 4_700 },
      // Tiers are never lowered automatically: still 12,000 at the update date (1 April = renewal).
      atNextUpdateDate: { date: "2026-04-01", marketing: 7_300, tierLimit: 12_000 },
      atRenewal: { date: "2026-04-01", tierLimit: 12_000, lowestTierLimit: 12_000, lowestMonthlyCostMinor: 130_000 },
      monthlyCostDeltaMinor: { now: 25_000, atNextUpdateDate: 25_000, atRenewalLowestTier: 25_000 },
    });
    expect(preview.upgrade).toMatchObject({
      fromLimit: 7_000,
      newLimit: 12_000,
      daysRemaining: 22,
      daysInTerm: 31,
      proratedChargeMinor: 17_742,
      billedOn: "2026-03-11",
    });
  });

  it("set to marketing within the tier: no upgrade", () => {
    const preview = previewStatusChange(
      { marketing: 6_800, pendingDemotion: 0, nonMarketing: 3_000 },
      { target: "marketing", count: 200 },
      proYearly,
      new Date("2026-03-10T12:00:00Z"),
    );
    expect(preview.crossesTier).toBe(false);
    expect(preview.upgrade).toBeNull();
    expect(preview.now).toMatchObject({ marketing: 7_000, headroom: 0, tierLimit: 7_000 });
  });

  it("a yearly renewal before the next update date keeps queued demotions in the renewal count", () => {
    // Renewal 15 April; today 10 April; next update 1 May (after the renewal).
    const midMonth = contract({ renewalDate: "2026-04-15", contractStartDate: "2025-04-15" });
    const preview = previewStatusChange(counts, { target: "nonMarketing", count: 5_000 }, midMonth, new Date("2026-04-10T12:00:00Z"));
    expect(preview.renewalDate).toBe("2026-04-15");
    expect(preview.nextUpdateDate).toBe("2026-05-01");
    expect(preview.atRenewal).toMatchObject({ marketing: 6_900, lowestTierLimit: 7_000 });
  });

  it("refuses to change more contacts than can change", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(() => previewStatusChange(counts, { target: "marketing", count: 10_001 }, proYearly, now)).toThrow(/10000 non-marketing/);
    expect(() =>
      previewStatusChange({ marketing: 100, pendingDemotion: 60, nonMarketing: 0 }, { target: "nonMarketing", count: 41 }, proYearly, now),
    ).toThrow(/40 marketing/);
    expect(() => previewStatusChange(counts, { target: "marketing", count: -1 }, proYearly, now)).toThrow(RangeError);
  });
});
