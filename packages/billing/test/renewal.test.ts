import { describe, expect, it } from "vitest";

import { DEFAULT_PRICE_TABLE } from "../src/prices";
import { project, type ProjectionInput } from "../src/projection";
import { downgradeCase, lowerTierRenewal, lowerTierRequestDeadline, monthlyUsage, renewalCases, renewalReviewWindow } from "../src/renewal";
import { tierLimitFor } from "../src/tiers";
import { contract, dailyHistory } from "./fixtures";

const flat = (start: string, days: number, value: number) =>
  dailyHistory(
    start,
    Array.from({ length: days }, () => value),
  );

describe("renewal review window", () => {
  it("is the current term for a yearly contract", () => {
    const c = contract({ renewalDate: "2027-06-01", contractStartDate: "2026-06-01" });
    expect(renewalReviewWindow(c, new Date("2027-03-10T12:00:00Z"))).toEqual({ start: "2026-06-01", end: "2027-06-01" });
  });

  it("is the 12 months before the next renewal for a monthly contract", () => {
    const c = contract({
      edition: "starter",
      term: "monthly",
      renewalDate: "2027-03-15",
      contractStartDate: "2027-03-15",
      purchasedTier: 3_000,
    });
    expect(renewalReviewWindow(c, "2027-03-10")).toEqual({ start: "2026-03-15", end: "2027-03-15" });
  });

  it("clamps a monthly renewal day of the 31st in short months", () => {
    // Renewal day 31: the term containing 10 Feb 2027 runs 31 Jan - 28 Feb; 12 months earlier is 28 Feb 2026.
    const c = contract({
      edition: "starter",
      term: "monthly",
      renewalDate: "2027-01-31",
      contractStartDate: "2026-01-31",
      purchasedTier: 1_000,
    });
    expect(renewalReviewWindow(c, "2027-02-10")).toEqual({ start: "2026-02-28", end: "2027-02-28" });
  });
});

describe("lower-tier request deadline: 5 business days before renewal", () => {
  it.each([
    ["2027-06-01", "2027-05-25"], // Tuesday -> the Tuesday before
    ["2027-03-15", "2027-03-08"], // Monday -> the Monday before
    ["2027-06-05", "2027-05-31"], // Saturday: Fri, Thu, Wed, Tue, Mon 31 May
  ])("renewal %s: request by %s", (renewal, deadline) => {
    expect(lowerTierRequestDeadline(renewal)).toBe(deadline);
  });

  it("counts any number of business days and refuses a negative one", () => {
    expect(lowerTierRequestDeadline("2027-06-01", 0)).toBe("2027-06-01");
    expect(lowerTierRequestDeadline("2027-06-01", 1)).toBe("2027-05-31");
    expect(() => lowerTierRequestDeadline("2027-06-01", -1)).toThrow(RangeError);
  });
});

describe("the renewal a lower tier can still be asked for", () => {
  const monthly = contract({
    term: "monthly",
    renewalDate: "2026-12-05",
    contractStartDate: "2026-12-05",
    edition: "starter",
    purchasedTier: 5_000,
  });

  it("is the next renewal until its deadline", () => {
    // 2026-12-05 is a Saturday: five business days before it is Monday 30 November.
    expect(lowerTierRenewal(monthly, "2026-12-05", "2026-11-30")).toEqual({
      renewalDate: "2026-12-05",
      requestBy: "2026-11-30",
      missed: null,
    });
  });

  it("is the renewal after it once the deadline has passed, naming the one missed", () => {
    expect(lowerTierRenewal(monthly, "2026-12-05", "2026-12-04")).toEqual({
      renewalDate: "2027-01-05",
      requestBy: lowerTierRequestDeadline("2027-01-05"),
      missed: { renewalDate: "2026-12-05", requestBy: "2026-11-30" },
    });
    const yearly = contract({ renewalDate: "2027-06-01", contractStartDate: "2026-06-01" });
    expect(lowerTierRenewal(yearly, "2027-06-01", "2027-05-30").renewalDate).toBe("2028-06-01");
  });
});

describe("monthly usage summary", () => {
  it("gives each calendar month's peak (first day reached), average rounded half up and last count", () => {
    const history = [
      { date: "2027-01-30", marketing: 10 },
      { date: "2027-01-31", marketing: 11 },
      { date: "2027-02-01", marketing: 5 },
      { date: "2027-02-02", marketing: 6 },
      { date: "2027-02-03", marketing: 6 },
      { date: "2027-02-05", marketing: 4 },
    ];
    expect(monthlyUsage(history)).toEqual([
      // (10 + 11) / 2 = 10.5 -> 11
      { month: "2027-01", days: 2, peak: 11, peakDate: "2027-01-31", average: 11, last: 11 },
      // (5 + 6 + 6 + 4) / 4 = 5.25 -> 5; peak 6 first on 2 Feb; a missing day is simply not counted
      { month: "2027-02", days: 4, peak: 6, peakDate: "2027-02-02", average: 5, last: 4 },
    ]);
  });

  it("is empty without history and refuses unordered history", () => {
    expect(monthlyUsage([])).toEqual([]);
    expect(() =>
      monthlyUsage([
        { date: "2027-01-02", marketing: 1 },
        { date: "2027-01-01", marketing: 1 },
      ]),
    ).toThrow(RangeError);
  });
});

describe("downgrade case, Professional yearly (worked example)", () => {
  // Professional on the starting points: 2,000 included, blocks of 5,000 at $250, base $800.
  // Bought: 12,000 (2 blocks) = $800 + 2 x $250 = $1,300/month = 130,000 minor units.
  // Today 10 Mar 2027; renewal 1 Jun 2027. 30 flat days at 6,500 (no trend, no scatter),
  // 600 contacts pending demotion: they leave on the next update date (1 Apr, yearly: 1st of month).
  const input: ProjectionInput = {
    history: flat("2027-02-09", 30, 6_500),
    contract: contract({ purchasedTier: 12_000, renewalDate: "2027-06-01", contractStartDate: "2026-06-01" }),
    now: new Date("2027-03-10T12:00:00Z"),
    queuedDemotions: 600,
  };
  const { projection, downgrade, withRecommendations } = renewalCases(input, 0);

  it("expects 5,900 at renewal and the smallest tier holding them, 7,000", () => {
    expect(projection.expectedAtHorizon).toBe(5_900);
    expect(downgrade).toMatchObject({
      currency: "USD",
      renewalDate: "2027-06-01",
      requestBy: "2027-05-25",
      termMonths: 12,
      currentTier: 12_000,
      currentMonthlyCostMinor: 130_000,
      canStepDown: true,
    });
    expect(downgrade.unchanged).toEqual({
      holds: 12_000,
      tier: 12_000,
      monthlyCostMinor: 130_000,
      termCostMinor: 1_560_000,
      monthlySavingMinor: 0,
      termSavingMinor: 0,
    });
    // 7,000 = 2,000 + 1 block: $800 + $250 = 105,000 a month; saves 25,000 a month, 300,000 over the 12-month term.
    expect(downgrade.expected).toEqual({
      holds: 5_900,
      tier: 7_000,
      monthlyCostMinor: 105_000,
      termCostMinor: 1_260_000,
      monthlySavingMinor: 25_000,
      termSavingMinor: 300_000,
    });
  });

  it("has no band without scatter, so the cautious tier is the same", () => {
    expect(downgrade.cautious).toEqual(downgrade.expected);
    expect(withRecommendations).toBeNull();
  });

  it("with the recommendations' 1,000 candidates demoted today: 4,900 still needs 7,000", () => {
    const cases = renewalCases(input, 1_000);
    expect(cases.withRecommendations!.projection.expectedAtHorizon).toBe(4_900);
    expect(cases.withRecommendations!.downgrade.expected.tier).toBe(7_000);
    // And the base case is unchanged by asking for the scenario.
    expect(cases.downgrade).toEqual(downgrade);
  });
});

describe("downgrade case: recommendations make the step down possible", () => {
  // Same contract, 7,400 flat and nothing pending: 7,400 needs 12,000 (7,000 is one short of 400).
  // Demoting 500 candidates today (they leave on 1 Apr) leaves 6,900: 7,000 holds them.
  const input: ProjectionInput = {
    history: flat("2027-02-09", 30, 7_400),
    contract: contract({ purchasedTier: 12_000, renewalDate: "2027-06-01", contractStartDate: "2026-06-01" }),
    now: new Date("2027-03-10T12:00:00Z"),
  };
  const cases = renewalCases(input, 500);

  it("cannot step down as things are", () => {
    expect(cases.downgrade.expected).toMatchObject({ holds: 7_400, tier: 12_000, monthlySavingMinor: 0, termSavingMinor: 0 });
    expect(cases.downgrade.canStepDown).toBe(false);
  });

  it("can after the recommendations: 25,000 a month, 300,000 over the term", () => {
    const after = cases.withRecommendations!;
    expect(after.candidates).toBe(500);
    expect(after.downgrade.expected).toMatchObject({ holds: 6_900, tier: 7_000, monthlySavingMinor: 25_000, termSavingMinor: 300_000 });
    expect(after.downgrade.canStepDown).toBe(true);
  });
});

describe("downgrade case: growth that upgrades before renewal (Starter yearly)", () => {
  // The projection worked example: Starter 2,000 bought, 1,790 on 1 June 2026 growing 10 a day;
  // upgraded to 3,000 on 23 June and 4,000 on 1 October; 3,930 expected at renewal (1 Jan 2027).
  const input: ProjectionInput = {
    history: dailyHistory(
      "2026-05-03",
      Array.from({ length: 30 }, (_, i) => 1_500 + 10 * i),
    ),
    contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }),
    now: new Date("2026-06-01T12:00:00Z"),
  };
  const { downgrade } = renewalCases(input, 0);

  it("renews at the upgraded tier, and 4,000 is already the smallest that holds 3,930", () => {
    // Starter: $15 base + $45 a block of 1,000. 2,000 today: 6,000 a month; 4,000 at renewal: 15,000.
    expect(downgrade.currentMonthlyCostMinor).toBe(6_000);
    expect(downgrade.unchanged).toMatchObject({ tier: 4_000, monthlyCostMinor: 15_000, termCostMinor: 180_000 });
    expect(downgrade.expected).toMatchObject({ holds: 3_930, tier: 4_000, monthlySavingMinor: 0 });
    expect(downgrade.canStepDown).toBe(false);
  });
});

describe("downgrade case, Starter monthly: demotions leaving on the renewal day count", () => {
  // Monthly term, renewal day 15: the next update date is the renewal itself (15 Mar 2027).
  // 3,000 bought (2 blocks: $15 + $90 = 10,500 a month); 2,400 flat, 500 pending demotion -> 1,900 -> 2,000.
  const input: ProjectionInput = {
    history: flat("2027-02-09", 30, 2_400),
    contract: contract({
      edition: "starter",
      term: "monthly",
      purchasedTier: 3_000,
      renewalDate: "2027-03-15",
      contractStartDate: "2027-03-15",
    }),
    now: new Date("2027-03-10T12:00:00Z"),
    queuedDemotions: 500,
  };
  const { downgrade } = renewalCases(input, 0);

  it("asks for 2,000 and saves one block a month, over a one-month term", () => {
    expect(downgrade).toMatchObject({ renewalDate: "2027-03-15", requestBy: "2027-03-08", termMonths: 1 });
    expect(downgrade.expected).toEqual({
      holds: 1_900,
      tier: 2_000,
      monthlyCostMinor: 6_000,
      termCostMinor: 6_000,
      monthlySavingMinor: 4_500,
      termSavingMinor: 4_500,
    });
  });
});

describe("downgrade case: the cautious tier holds the band's high edge", () => {
  // Scattered history (6,850 and 6,950 alternating) on Professional 12,000: the expected count
  // stays near 6,900 (7,000 holds it) but the band's high edge goes past 7,000.
  const input: ProjectionInput = {
    history: dailyHistory(
      "2027-02-09",
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 6_850 : 6_950)),
    ),
    contract: contract({ purchasedTier: 12_000, renewalDate: "2027-06-01", contractStartDate: "2026-06-01" }),
    now: new Date("2027-03-10T12:00:00Z"),
  };
  const { projection, downgrade } = renewalCases(input, 0);
  const last = projection.series[projection.series.length - 1]!;

  it("adds the last projected day's half-width to the expected count", () => {
    expect(last.high).toBeGreaterThan(last.expected);
    expect(downgrade.cautious.holds).toBe(projection.expectedAtHorizon + (last.high - last.expected));
    expect(downgrade.cautious.tier).toBe(tierLimitFor(downgrade.cautious.holds, "professional", DEFAULT_PRICE_TABLE));
    // 7,000 holds the expected count; the high edge needs the next step, 12,000 (no saving).
    expect(downgrade.expected.tier).toBe(7_000);
    expect(downgrade.cautious).toMatchObject({ tier: 12_000, monthlySavingMinor: 0 });
  });

  it("a cautious tier is never above the one in force", () => {
    expect(downgrade.cautious.tier).toBeLessThanOrEqual(downgrade.unchanged.tier);
    expect(downgrade.cautious.monthlySavingMinor).toBeGreaterThanOrEqual(0);
  });
});

describe("downgradeCase from any projection", () => {
  it("uses the projection's horizon as the renewal", () => {
    const input: ProjectionInput = {
      history: flat("2027-02-09", 30, 6_500),
      contract: contract({ purchasedTier: 12_000, renewalDate: "2027-06-01", contractStartDate: "2026-06-01" }),
      now: new Date("2027-03-10T12:00:00Z"),
      horizon: "2027-04-15",
    };
    // renewalCases ignores another horizon: the case is about the renewal day.
    expect(renewalCases(input, 0).downgrade.renewalDate).toBe("2027-06-01");
    // downgradeCase itself takes the projection's horizon for the renewal day.
    expect(downgradeCase(input.contract, project(input)).renewalDate).toBe("2027-04-15");
  });
});
