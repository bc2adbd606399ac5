import { describe, expect, it } from "vitest";

import { project, type ProjectionInput } from "../src/projection";
import { contract, dailyHistory } from "./fixtures";

// History helpers: a straight line is easy to check by hand (slope exact, residuals 0, band 0).
const line = (start: string, days: number, first: number, perDay: number) =>
  dailyHistory(
    start,
    Array.from({ length: days }, (_, i) => first + perDay * i),
  );

describe("projection, Starter yearly: two automatic upgrades before renewal (worked example)", () => {
  // Starter, yearly, 2,000 purchased (one block); term 1 Jan 2026 - 1 Jan 2027 (365 days).
  // History: 30 days from 3 May, 1,500 + 10/day -> 1,790 on 1 June (today). Slope exactly 10/day.
  // expected(k days after 1 June) = 1,790 + 10k.
  const input: ProjectionInput = {
    history: line("2026-05-03", 30, 1_500, 10),
    contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }),
    now: new Date("2026-06-01T12:00:00Z"),
  };
  const p = project(input);

  it("fits the line and projects to the renewal date", () => {
    expect(p.today).toBe("2026-06-01");
    expect(p.horizon).toBe("2027-01-01");
    expect(p.trend).toMatchObject({ points: 30, anchorDate: "2026-06-01", anchorValue: 1_790, residualStdDev: 0 });
    expect(p.trend.fittedSlopePerDay).toBeCloseTo(10, 9);
    // 1 June - 31 December: 30 + 31 + 31 + 30 + 31 + 30 + 31 = 214 days.
    expect(p.series).toHaveLength(214);
    expect(p.series[0]).toEqual({ date: "2026-06-01", expected: 1_790, low: 1_790, high: 1_790, tierLimit: 2_000 });
    expect(p.series[213]).toMatchObject({ date: "2026-12-31", expected: 1_790 + 2_130, tierLimit: 4_000 });
  });

  it("crosses 2,000 on 23 June and 3,000 on 1 October", () => {
    // 1,790 + 10k > 2,000 -> k = 22 -> 23 June (2,010). 1,790 + 10k > 3,000 -> k = 122 -> 1 October (3,010).
    // 4,000 would need k = 222: after the horizon.
    expect(p.crossingDate).toBe("2026-06-23");
    expect(p.series[21]).toMatchObject({ date: "2026-06-22", expected: 2_000, tierLimit: 2_000 }); // at the limit is not over it
    expect(p.series[22]).toMatchObject({ date: "2026-06-23", expected: 2_010, tierLimit: 3_000 });
    expect(p.upgrades.map((u) => [u.upgradeDate, u.fromLimit, u.newLimit])).toEqual([
      ["2026-06-23", 2_000, 3_000],
      ["2026-10-01", 3_000, 4_000],
    ]);
  });

  it("prices each upgrade for the rest of the year", () => {
    // +1 block = $45.00/month = 54,000 a year.
    // 23 June -> 1 Jan: 8 + 31 + 31 + 30 + 31 + 30 + 31 = 192 days: 54,000 x 192 / 365 = 28,405.48 -> 28,405.
    // 1 Oct -> 1 Jan: 31 + 30 + 31 = 92 days: 54,000 x 92 / 365 = 13,610.96 -> 13,611.
    expect(p.upgrades.map((u) => [u.daysRemaining, u.proratedChargeMinor])).toEqual([
      [192, 28_405],
      [92, 13_611],
    ]);
    expect(p.upgradeChargesMinor).toBe(28_405 + 13_611);
  });

  it("costs the rest of the term at the purchased tier plus the upgrade charges", () => {
    // 2,000 costs $15 + $45 = 6,000/month = 72,000 a year; 214 of 365 days: 42,213.70 -> 42,214.
    expect(p.recurringThroughHorizonMinor).toBe(42_214);
    expect(p.costThroughHorizonMinor).toBe(42_214 + 42_016);
    // At renewal: 1,790 + 2,140 = 3,930 expected, tier 4,000 at $15 + 3 x $45 = 15,000.
    expect(p).toMatchObject({
      expectedAtHorizon: 3_930,
      tierAtHorizon: 4_000,
      monthlyCostAtHorizonMinor: 15_000,
      lowestTierAtHorizon: 4_000,
    });
  });

  it("lists the update dates (the 1st of each month) up to the horizon", () => {
    expect(p.updateDates).toEqual([
      "2026-06-01",
      "2026-07-01",
      "2026-08-01",
      "2026-09-01",
      "2026-10-01",
      "2026-11-01",
      "2026-12-01",
      "2027-01-01",
    ]);
  });
});

describe("projection, Professional monthly: requests and queued demotions (worked example)", () => {
  // Professional, monthly, renews on the 15th, 7,000 purchased; Berlin. Flat at 6,950 for 60 days.
  // Today 20 March; horizon = next renewal 15 April. Period 15 March - 15 April: 31 days.
  const proMonthly = contract({
    edition: "professional",
    term: "monthly",
    contractStartDate: "2025-11-15",
    renewalDate: "2026-04-15",
    purchasedTier: 7_000,
    timeZone: "Europe/Berlin",
  });
  const base: ProjectionInput = {
    history: dailyHistory(
      "2026-01-20",
      Array.from({ length: 60 }, () => 6_950),
    ),
    contract: proMonthly,
    now: new Date("2026-03-20T10:00:00Z"),
    queuedDemotions: 300,
    requests: [{ id: "r1", kind: "approved", target: "marketing", count: 100, effectiveAt: "2026-03-25" }],
  };

  it("a promotion on 25 March crosses 7,000 and upgrades for the rest of the monthly period", () => {
    // 6,950 + 100 = 7,050 > 7,000 on 25 March -> 12,000. 25 March - 14 April: 7 + 14 = 21 of 31 days.
    // 25,000 x 21 / 31 = 16,935.48 -> 16,935.
    const p = project(base);
    expect(p.horizon).toBe("2026-04-15");
    expect(p.trend.fittedSlopePerDay).toBe(0);
    expect(p.crossingDate).toBe("2026-03-25");
    expect(p.upgrades[0]).toMatchObject({ newLimit: 12_000, daysRemaining: 21, daysInTerm: 31, proratedChargeMinor: 16_935 });
    // Recurring: 7,000 at $1,050 for 20 March - 14 April = 26 of 31 days: 2,730,000 / 31 = 88,064.52 -> 88,065.
    expect(p.recurringThroughHorizonMinor).toBe(88_065);
    expect(p.costThroughHorizonMinor).toBe(88_065 + 16_935);
  });

  it("queued demotions leave on the next update date (the horizon here), and the tier is not lowered", () => {
    const p = project(base);
    expect(p.steps).toEqual([
      { date: "2026-03-25", delta: 100, reason: "request", requestId: "r1", kind: "approved" },
      { date: "2026-04-15", delta: -300, reason: "queuedDemotion" },
    ]);
    // On 15 April: 6,950 + 100 - 300 = 6,750; tier in force 12,000; 7,000 could be requested.
    expect(p).toMatchObject({
      expectedAtHorizon: 6_750,
      tierAtHorizon: 12_000,
      monthlyCostAtHorizonMinor: 130_000,
      lowestTierAtHorizon: 7_000,
      lowestMonthlyCostAtHorizonMinor: 105_000,
    });
  });

  it("a demotion queued the day before an update date leaves the next day; one queued on it waits a month", () => {
    const p = project({
      ...base,
      queuedDemotions: 0,
      requests: [
        { id: "eve", kind: "approved", target: "nonMarketing", count: 200, effectiveAt: "2026-04-14" },
        { id: "on", kind: "approved", target: "nonMarketing", count: 100, effectiveAt: "2026-04-15" },
      ],
      horizon: "2026-05-20",
    });
    const on = (date: string) => p.series.find((point) => point.date === date)?.expected;
    expect(on("2026-04-14")).toBe(6_950);
    expect(on("2026-04-15")).toBe(6_750); // "eve" left
    expect(on("2026-05-14")).toBe(6_750);
    expect(on("2026-05-15")).toBe(6_650); // "on" left a month later
    expect(p.crossingDate).toBeNull();
  });

  it("pending requests count unless excluded", () => {
    const pending: ProjectionInput = { ...base, queuedDemotions: 0, requests: [{ kind: "pending", target: "marketing", count: 100 }] };
    expect(project(pending).crossingDate).toBe("2026-03-20");
    expect(project({ ...pending, options: { includePending: false } }).crossingDate).toBeNull();
  });
});

describe("projection, Enterprise: uncertainty band (worked example)", () => {
  // Five days alternating 19,000 / 19,020 around a flat line (x = 0..4: 19,000, 19,020, 19,000, 19,020, 19,000).
  // Mean 19,008; Sxx = 4 + 1 + 0 + 1 + 4 = 10; Sxy = 16 - 12 + 0 + 12 - 16 = 0 -> slope 0.
  // Residuals -8, 12, -8, 12, -8 -> SSR = 480; s = sqrt(480 / 3) = sqrt(160) = 12.649; se = s / sqrt(10) = 4.
  // Expected = the last point, 19,000. With z = 1, half-width(h) = sqrt(160 + 16 h^2):
  //   h = 1: sqrt(176) = 13.27 -> 18,987 .. 19,013;  h = 10: sqrt(1,760) = 41.95 -> 18,958 .. 19,042.
  const ent = contract({ edition: "enterprise", purchasedTier: 20_000, renewalDate: "2026-07-01", contractStartDate: "2025-07-01" });
  const p = project({
    history: dailyHistory("2026-03-01", [19_000, 19_020, 19_000, 19_020, 19_000]),
    contract: ent,
    now: new Date("2026-03-05T12:00:00Z"),
    options: { bandZ: 1 },
  });

  it("has no width on the observed day and widens with distance", () => {
    expect(p.trend.fittedSlopePerDay).toBeCloseTo(0, 12);
    expect(p.trend.residualStdDev).toBeCloseTo(Math.sqrt(160), 9);
    expect(p.trend.slopeStdError).toBeCloseTo(4, 9);
    expect(p.series[0]).toMatchObject({ date: "2026-03-05", expected: 19_000, low: 19_000, high: 19_000 });
    expect(p.series[1]).toMatchObject({ date: "2026-03-06", expected: 19_000, low: 18_987, high: 19_013 });
    expect(p.series[10]).toMatchObject({ date: "2026-03-15", expected: 19_000, low: 18_958, high: 19_042 });
    const widths = p.series.map((point) => point.high - point.low);
    expect(widths.every((w, i) => i === 0 || w >= (widths[i - 1] ?? 0))).toBe(true);
  });

  it("the pessimistic crossing comes first, the expected path does not cross", () => {
    // high > 20,000 needs sqrt(160 + 16h^2) > 1,000 -> h > 249.9: after the 1 July horizon (h = 117).
    expect(p.crossingDate).toBeNull();
    expect(p.crossingDateHigh).toBeNull();
    const wide = project({
      history: dailyHistory("2026-03-01", [19_000, 19_020, 19_000, 19_020, 19_000]),
      contract: ent,
      now: new Date("2026-03-05T12:00:00Z"),
      options: { bandZ: 10 },
    });
    // z = 10: 10 x sqrt(160 + 16h^2) > 1,000 -> 160 + 16h^2 > 10,000 -> h >= 25 (h = 24: 9,376; h = 25: 10,160) -> 30 March.
    expect(wide.crossingDateHigh).toBe("2026-03-30");
    expect(wide.crossingDate).toBeNull();
    expect(wide.crossingDateLow).toBeNull();
  });
});
