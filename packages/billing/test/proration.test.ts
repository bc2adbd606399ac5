import { describe, expect, it } from "vitest";

import { prorate, upgradeFor } from "../src/proration";
import { contract } from "./fixtures";

describe("prorate", () => {
  it("rounds half up to minor units", () => {
    expect(prorate(5, 1, 2)).toBe(3); // 2.5 -> 3
    expect(prorate(3, 1, 2)).toBe(2); // 1.5 -> 2
    expect(prorate(25_000, 22, 31)).toBe(17_742); // 17,741.94 -> 17,742
    expect(prorate(25_000, 31, 31)).toBe(25_000);
    expect(prorate(25_000, 0, 31)).toBe(0);
  });

  it("rejects impossible windows", () => {
    expect(() => prorate(100, 32, 31)).toThrow(RangeError);
    expect(() => prorate(100, 1, 0)).toThrow(RangeError);
  });
});

describe("automatic upgrade, pro-rated (worked examples)", () => {
  // Professional monthly, renewing on the 1st, 7,000 purchased (one block).
  const proMonthly = contract({
    edition: "professional",
    term: "monthly",
    contractStartDate: "2026-01-01",
    renewalDate: "2026-04-01",
    purchasedTier: 7_000,
  });

  it("Professional monthly: 7,001 on 10 March -> 12,000; 22 of 31 days; $177.42", () => {
    // Limit 7,000 -> 12,000 (one more 5,000 block). Extra per month: $1,300.00 - $1,050.00 = $250.00.
    // Period 1 March - 1 April: 31 days; 10 March to 31 March inclusive: 22 days.
    // 25,000 x 22 / 31 = 17,741.94 -> 17,742 minor units, billed 11 March.
    const upgrade = upgradeFor(proMonthly, 7_001, new Date("2026-03-10T12:00:00Z"));
    expect(upgrade).toEqual({
      fromLimit: 7_000,
      newLimit: 12_000,
      blocksAdded: 1,
      upgradeDate: "2026-03-10",
      billedOn: "2026-03-11",
      period: { start: "2026-03-01", end: "2026-04-01" },
      daysRemaining: 22,
      daysInTerm: 31,
      termMonths: 1,
      extraMonthlyMinor: 25_000,
      proratedChargeMinor: 17_742,
      currency: "USD",
    });
  });

  it("crossing on the last day of a monthly period pays one day: 25,000 / 31 = 806.45 -> 806", () => {
    const upgrade = upgradeFor(proMonthly, 7_001, new Date("2026-03-31T23:00:00Z"));
    expect(upgrade?.daysRemaining).toBe(1);
    expect(upgrade?.proratedChargeMinor).toBe(806);
    expect(upgrade?.billedOn).toBe("2026-04-01");
  });

  it("crossing on the first day of a period pays the whole month", () => {
    const upgrade = upgradeFor(proMonthly, 7_001, "2026-03-01");
    expect(upgrade?.daysRemaining).toBe(31);
    expect(upgrade?.proratedChargeMinor).toBe(25_000);
  });

  it("jumps several blocks at once when the count needs it", () => {
    // 18,500 -> 2,000 + ceil(16,500 / 5,000) = 4 blocks -> 22,000: 3 blocks added, $750/month more.
    // 75,000 x 22 / 31 = 53,225.81 -> 53,226.
    const upgrade = upgradeFor(proMonthly, 18_500, "2026-03-10");
    expect(upgrade?.newLimit).toBe(22_000);
    expect(upgrade?.blocksAdded).toBe(3);
    expect(upgrade?.extraMonthlyMinor).toBe(75_000);
    expect(upgrade?.proratedChargeMinor).toBe(53_226);
  });

  it("no upgrade at or under the purchased tier", () => {
    expect(upgradeFor(proMonthly, 7_000, "2026-03-10")).toBeNull();
    expect(upgradeFor(proMonthly, 10, "2026-03-10")).toBeNull();
  });

  it("Enterprise yearly: 35,500 on 15 January in Berlin -> 40,000; rest of the year to renewal", () => {
    // 20,000 purchased -> 10,000 + ceil(25,500 / 10,000) = 3 blocks -> 40,000 (2 blocks added).
    // Extra per month: 2 x $100.00 = 20,000 minor; per year 240,000.
    // Term 1 July 2025 - 1 July 2026: 365 days. 15 Jan - 30 Jun inclusive:
    //   17 (Jan 15-31) + 28 + 31 + 30 + 31 + 30 = 167 days.
    // 240,000 x 167 / 365 = 109,808.22 -> 109,808.
    const ent = contract({
      edition: "enterprise",
      term: "yearly",
      renewalDate: "2026-07-01",
      contractStartDate: "2025-07-01",
      purchasedTier: 20_000,
      timeZone: "Europe/Berlin",
    });
    const upgrade = upgradeFor(ent, 35_500, new Date("2026-01-15T10:00:00Z"));
    expect(upgrade).toMatchObject({
      newLimit: 40_000,
      blocksAdded: 2,
      period: { start: "2025-07-01", end: "2026-07-01" },
      daysInTerm: 365,
      daysRemaining: 167,
      termMonths: 12,
      extraMonthlyMinor: 20_000,
      proratedChargeMinor: 109_808,
    });
  });

  it("Starter yearly: over by one on the eve of renewal pays one day of a year", () => {
    // 1,000 -> 2,000: $45.00/month -> 54,000 a year; 1 / 365 days -> 147.95 -> 148.
    const starter = contract({ edition: "starter", purchasedTier: 1_000, renewalDate: "2026-10-01", contractStartDate: "2025-10-01" });
    const upgrade = upgradeFor(starter, 1_001, "2026-09-30");
    expect(upgrade).toMatchObject({ newLimit: 2_000, daysRemaining: 1, daysInTerm: 365, proratedChargeMinor: 148 });
  });

  it("counts days in the portal's time zone across a DST change", () => {
    // New York, monthly on the 1st. 2026-03-08T06:00Z is 01:00 EST on 8 March (DST starts that day).
    // 8-31 March inclusive: 24 days of 31 -> 25,000 x 24 / 31 = 19,354.84 -> 19,355.
    const ny = contract({ term: "monthly", contractStartDate: "2026-01-01", renewalDate: "2026-04-01", timeZone: "America/New_York" });
    const upgrade = upgradeFor(ny, 7_001, new Date("2026-03-08T06:00:00Z"));
    expect(upgrade).toMatchObject({ upgradeDate: "2026-03-08", daysRemaining: 24, daysInTerm: 31, proratedChargeMinor: 19_355 });
    // Same instant is still 7 March in Los Angeles (22:00 PST): 25 days -> 20,161.29 -> 20,161.
    const la = contract({ term: "monthly", contractStartDate: "2026-01-01", renewalDate: "2026-04-01", timeZone: "America/Los_Angeles" });
    expect(upgradeFor(la, 7_001, new Date("2026-03-08T06:00:00Z"))).toMatchObject({
      upgradeDate: "2026-03-07",
      daysRemaining: 25,
      proratedChargeMinor: 20_161,
    });
  });

  it("refuses a contract whose currency differs from its price row", () => {
    expect(() => upgradeFor(contract({ currency: "EUR" }), 7_001, "2026-03-10")).toThrow(/EUR/);
  });
});
