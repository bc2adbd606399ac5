import { describe, expect, it } from "vitest";

import type { Contract } from "../src/contract";
import { moneySummary, type DemotionSummary, type PromotionSummary } from "../src/moneySummary";
import { previewStatusChange, type StatusCounts, type StatusTarget } from "../src/preview";
import { contract } from "./fixtures";

// Published starting points. Professional: 2,000 -> $800.00, 7,000 -> $1,050.00, 12,000 ->
// $1,300.00 a month. Starter: 1,000 included, blocks of 1,000 at $45.00, base $15.00.
function summarise(c: Contract, counts: StatusCounts, target: StatusTarget, count: number, at: string) {
  return moneySummary(previewStatusChange(counts, { target, count }, c, new Date(at)), c, target);
}
const demotion = (s: ReturnType<typeof summarise>) => {
  expect(s.direction).toBe("demotion");
  return s as DemotionSummary;
};
const promotion = (s: ReturnType<typeof summarise>) => {
  expect(s.direction).toBe("promotion");
  return s as PromotionSummary;
};

describe("money summary: demotion", () => {
  // Yearly, renewing Thursday 1 October 2026; update dates on the 1st.
  const proYearly = contract({
    edition: "professional",
    term: "yearly",
    purchasedTier: 7_000,
    renewalDate: "2026-10-01",
    contractStartDate: "2025-10-01",
  });
  const counts = { marketing: 6_900, pendingDemotion: 0, nonMarketing: 10_000 };

  it("before the lower-tier deadline: no change this term, fewer contacts at the update date, a saving at renewal", () => {
    const s = demotion(summarise(proYearly, counts, "nonMarketing", 5_000, "2026-04-30T15:00:00Z"));
    expect(s).toMatchObject({
      currency: "USD",
      termMonths: 12,
      thisTermChangeMinor: 0,
      updateDate: "2026-05-01",
      fewerMarketing: 5_000,
      alreadyPending: 0,
      updateDateIsRenewal: false,
    });
    // 1,900 left at renewal fit 2,000 ($800.00); without the change 6,900 need 7,000 ($1,050.00).
    // Five business days before Thursday 1 October: Thursday 24 September.
    expect(s.renewal).toEqual({
      renewalDate: "2026-10-01",
      requestBy: "2026-09-24",
      deadlinePassed: false,
      marketingWith: 1_900,
      marketingWithout: 6_900,
      tierWithout: 7_000,
      tierWith: 2_000,
      monthlyCostWithoutMinor: 105_000,
      monthlyCostWithMinor: 80_000,
      monthlySavingMinor: 25_000,
      termSavingMinor: 300_000,
    });
    expect(s.followingRenewal).toBeNull();
  });

  it("after the deadline: says it has passed and gives the next renewal's case", () => {
    // 25 September: the 24 September deadline for 1 October has passed.
    const s = demotion(summarise(proYearly, counts, "nonMarketing", 5_000, "2026-09-25T12:00:00Z"));
    expect(s.renewal).toMatchObject({
      renewalDate: "2026-10-01",
      requestBy: "2026-09-24",
      deadlinePassed: true,
      monthlySavingMinor: 25_000,
    });
    // Friday 1 October 2027: five business days before is Friday 24 September 2027.
    expect(s.followingRenewal).toMatchObject({
      renewalDate: "2027-10-01",
      requestBy: "2027-09-24",
      deadlinePassed: false,
      tierWith: 2_000,
      tierWithout: 7_000,
      monthlySavingMinor: 25_000,
      termSavingMinor: 300_000,
    });
  });

  it("the deadline day itself is still in time", () => {
    const s = demotion(summarise(proYearly, counts, "nonMarketing", 5_000, "2026-09-24T12:00:00Z"));
    expect(s.renewal.deadlinePassed).toBe(false);
    expect(s.followingRenewal).toBeNull();
  });

  it("a change too small to lower the tier saves nothing", () => {
    // 6,900 - 100 = 6,800 still needs 7,000.
    const s = demotion(summarise(proYearly, counts, "nonMarketing", 100, "2026-04-30T15:00:00Z"));
    expect(s.renewal).toMatchObject({ tierWith: 7_000, tierWithout: 7_000, monthlySavingMinor: 0, termSavingMinor: 0 });
  });

  it("counts the demotions already pending in both cases: the saving is this change's alone", () => {
    // 2,000 already pending: without the change 4,900 at renewal (7,000); with 4,000 more, 900 (2,000).
    const s = demotion(
      summarise(proYearly, { marketing: 6_900, pendingDemotion: 2_000, nonMarketing: 0 }, "nonMarketing", 4_000, "2026-04-30T15:00:00Z"),
    );
    expect(s).toMatchObject({ alreadyPending: 2_000, fewerMarketing: 4_000 });
    expect(s.renewal).toMatchObject({
      marketingWithout: 4_900,
      marketingWith: 900,
      tierWithout: 7_000,
      tierWith: 2_000,
      monthlySavingMinor: 25_000,
    });
  });

  it("the same day for the update date and the renewal (monthly term on its renewal day)", () => {
    // Starter, monthly, renewing on the 5th; the update date is the monthly renewal day too.
    // 2 December 2026: next update and renewal both Saturday 5 December; its deadline (Monday
    // 30 November) has passed, so the case moves to Tuesday 5 January 2027 (by 29 December).
    const starter = contract({
      edition: "starter",
      term: "monthly",
      purchasedTier: 5_000,
      renewalDate: "2027-01-05",
      contractStartDate: "2027-01-05",
      updateDateRule: "monthlyRenewalDay",
      timeZone: "America/New_York",
    });
    const s = demotion(
      summarise(starter, { marketing: 4_800, pendingDemotion: 0, nonMarketing: 200 }, "nonMarketing", 1_500, "2026-12-02T15:00:00Z"),
    );
    expect(s).toMatchObject({ termMonths: 1, updateDate: "2026-12-05", updateDateIsRenewal: true });
    expect(s.renewal).toMatchObject({
      renewalDate: "2026-12-05",
      requestBy: "2026-11-30",
      deadlinePassed: true,
      tierWith: 4_000,
      tierWithout: 5_000,
    });
    // One block of 1,000 less: $45.00 a month, and a monthly term is one month.
    expect(s.followingRenewal).toMatchObject({
      renewalDate: "2027-01-05",
      requestBy: "2026-12-29",
      deadlinePassed: false,
      monthlySavingMinor: 4_500,
      termSavingMinor: 4_500,
    });
  });

  it("a yearly renewal before the next update date: the saving comes at the renewal after", () => {
    // Renewal 15 October; updates on the 1st, so the contacts leave 1 November.
    const midMonth = contract({ renewalDate: "2026-10-15", contractStartDate: "2025-10-15" });
    const s = demotion(summarise(midMonth, counts, "nonMarketing", 5_000, "2026-10-05T12:00:00Z"));
    expect(s.renewal).toMatchObject({ renewalDate: "2026-10-15", deadlinePassed: false, monthlySavingMinor: 0 });
    expect(s.followingRenewal).toMatchObject({ renewalDate: "2027-10-15", monthlySavingMinor: 25_000, termSavingMinor: 300_000 });
  });
});

describe("money summary: promotion", () => {
  it("under the tier: no upgrade, the headroom left", () => {
    const proYearly = contract({ purchasedTier: 7_000 });
    const s = promotion(
      summarise(proYearly, { marketing: 6_800, pendingDemotion: 0, nonMarketing: 3_000 }, "marketing", 150, "2026-03-10T12:00:00Z"),
    );
    expect(s).toEqual({
      direction: "promotion",
      currency: "USD",
      termMonths: 12,
      today: "2026-03-10",
      moreMarketing: 150,
      upgrade: null,
      monthlyCostBeforeMinor: 105_000,
      monthlyCostAfterMinor: 105_000,
      tierLimit: 7_000,
      headroomLeft: 50,
    });
  });

  it("over the tier: the upgrade, its pro-rated charge now and the new monthly cost", () => {
    // Monthly, renewing on the 1st: 6,800 + 500 = 7,300 > 7,000 -> 12,000 on 10 March.
    // Extra $250.00 a month for 22 of 31 days: 25,000 x 22 / 31 = 17,742.
    const proMonthly = contract({ term: "monthly", contractStartDate: "2026-01-01", renewalDate: "2026-04-01", purchasedTier: 7_000 });
    const s = promotion(
      summarise(proMonthly, { marketing: 6_800, pendingDemotion: 0, nonMarketing: 3_000 }, "marketing", 500, "2026-03-10T12:00:00Z"),
    );
    expect(s).toMatchObject({
      termMonths: 1,
      moreMarketing: 500,
      upgrade: {
        fromLimit: 7_000,
        newLimit: 12_000,
        proratedChargeMinor: 17_742,
        billedOn: "2026-03-11",
        daysRemaining: 22,
        daysInTerm: 31,
        extraMonthlyMinor: 25_000,
      },
      monthlyCostBeforeMinor: 105_000,
      monthlyCostAfterMinor: 130_000,
      tierLimit: 12_000,
      headroomLeft: 4_700,
    });
  });

  it("is priced in the contract's currency", () => {
    const eur = contract({
      currency: "EUR",
      priceTable: {
        id: "eur",
        version: 2,
        effectiveFrom: "2026-01-01",
        source: "negotiated",
        rows: [
          {
            edition: "professional",
            term: "yearly",
            currency: "EUR",
            includedContacts: 2_000,
            blockSize: 5_000,
            blockPriceMinor: 200_00,
            basePriceMinor: 700_00,
          },
        ],
      },
    });
    const s = promotion(
      summarise(eur, { marketing: 6_900, pendingDemotion: 0, nonMarketing: 3_000 }, "marketing", 200, "2026-03-10T12:00:00Z"),
    );
    expect(s).toMatchObject({
      currency: "EUR",
      monthlyCostBeforeMinor: 90_000,
      monthlyCostAfterMinor: 110_000,
      upgrade: { newLimit: 12_000, extraMonthlyMinor: 20_000 },
    });
  });
});
