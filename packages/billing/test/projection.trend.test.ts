import { describe, expect, it } from "vitest";

import { fitUsageTrend, project, type ProjectionInput } from "../src/projection";
import { contract, dailyHistory } from "./fixtures";

// History helpers: a straight line is easy to check by hand (slope exact, residuals 0, band 0).
const line = (start: string, days: number, first: number, perDay: number) =>
  dailyHistory(
    start,
    Array.from({ length: days }, (_, i) => first + perDay * i),
  );

describe("projection, inflows and trend", () => {
  const starter = contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" });
  const history = line("2026-05-03", 30, 1_500, 10);
  const now = new Date("2026-06-01T12:00:00Z");

  it("inflows already in the history do not change the projected slope", () => {
    const p = project({ history, contract: starter, now, inflows: [{ source: "app:1", perDay: 6 }] });
    expect(p.trend.organicSlopePerDay).toBeCloseTo(4, 9);
    expect(p.trend.projectedSlopePerDay).toBeCloseTo(10, 9);
    expect(p.crossingDate).toBe("2026-06-23");
  });

  it("a new inflow adds to the slope; a stopped one subtracts", () => {
    expect(
      project({ history, contract: starter, now, inflows: [{ source: "app:new", perDay: 5, inTrend: false }] }).trend.projectedSlopePerDay,
    ).toBeCloseTo(15, 9);
    expect(
      project({ history, contract: starter, now, inflows: [{ source: "app:1", perDay: 6, active: false }] }).trend.projectedSlopePerDay,
    ).toBeCloseTo(4, 9);
  });

  it("reads only the trailing window and anchors on the last point on or before today", () => {
    // 100 days of +50/day then 20 flat days: a 20-day window sees a flat line.
    const bent = dailyHistory("2026-02-01", [
      ...Array.from({ length: 100 }, (_, i) => 1_000 + 50 * i),
      ...Array.from({ length: 20 }, () => 5_950),
    ]);
    const today = new Date(`${bent[119]?.date ?? ""}T12:00:00Z`);
    const flat = project({ history: bent, contract: starter, now: today, options: { trendWindowDays: 20 } });
    expect(flat.trend.points).toBe(20);
    expect(flat.trend.fittedSlopePerDay).toBe(0);
    // A point dated after `now` is ignored.
    const withFuture = project({
      history: [...bent, { date: "2026-12-01", marketing: 1 }],
      contract: starter,
      now: today,
      options: { trendWindowDays: 20 },
    });
    expect(withFuture.trend.anchorValue).toBe(5_950);
  });

  it("projects from a stale last snapshot and never below zero", () => {
    // Last point 10 days ago, shrinking 100/day from 500: today expected 0 (not -500).
    const p = project({ history: line("2026-05-13", 10, 1_400, -100), contract: starter, now });
    expect(p.trend.anchorDate).toBe("2026-05-22");
    expect(p.series[0]?.expected).toBe(0);
    expect(p.series.every((point) => point.low >= 0 && point.expected >= 0)).toBe(true);
  });

  it("with a single point there is no trend and no band", () => {
    const p = project({ history: [{ date: "2026-06-01", marketing: 1_500 }], contract: starter, now });
    expect(p.trend).toMatchObject({ points: 1, fittedSlopePerDay: 0, residualStdDev: 0 });
    expect(p.series.every((point) => point.expected === 1_500 && point.low === 1_500 && point.high === 1_500)).toBe(true);
  });

  it("rejects unsorted history, an empty history and bad inflows", () => {
    expect(() =>
      project({
        history: [
          { date: "2026-05-02", marketing: 1 },
          { date: "2026-05-01", marketing: 1 },
        ],
        contract: starter,
        now,
      }),
    ).toThrow(/ascending/);
    expect(() => project({ history: [], contract: starter, now })).toThrow(/current count/);
    expect(() => project({ history, contract: starter, now, inflows: [{ source: "x", perDay: -1 }] })).toThrow(/perDay/);
  });

  it("an empty window when the horizon is today", () => {
    const p = project({ history, contract: starter, now, horizon: "2026-06-01" });
    expect(p.series).toEqual([]);
    expect(p.costThroughHorizonMinor).toBe(0);
    expect(p.expectedAtHorizon).toBe(1_790);
  });
});

describe("projection across several monthly periods", () => {
  it("prices each monthly period at the tier in force when it starts", () => {
    // Starter monthly on the 1st, 2,000 purchased ($60.00/month). Flat 1,950; +100 promoted on 10 July
    // -> 2,050 > 2,000 -> 3,000 ($105.00/month, +$45.00). Horizon 1 September.
    // July: upgrade on 10 July, 22 of 31 days: 4,500 x 22 / 31 = 3,193.55 -> 3,194.
    // Recurring: July at 2,000 (whole month, window starts 1 July): 6,000; August at 3,000: 10,500.
    const starterMonthly = contract({
      edition: "starter",
      term: "monthly",
      purchasedTier: 2_000,
      contractStartDate: "2026-01-01",
      renewalDate: "2026-08-01",
    });
    const p = project({
      history: dailyHistory(
        "2026-06-01",
        Array.from({ length: 31 }, () => 1_950),
      ),
      contract: starterMonthly,
      now: new Date("2026-07-01T08:00:00Z"),
      requests: [{ kind: "approved", target: "marketing", count: 100, effectiveAt: "2026-07-10" }],
      horizon: "2026-09-01",
    });
    expect(p.upgrades.map((u) => [u.upgradeDate, u.daysRemaining, u.proratedChargeMinor])).toEqual([["2026-07-10", 22, 3_194]]);
    expect(p.recurringThroughHorizonMinor).toBe(6_000 + 10_500);
    expect(p.costThroughHorizonMinor).toBe(6_000 + 10_500 + 3_194);
  });
});

describe("a stored trend fit projects exactly as the history it was fitted from", () => {
  // Scattered history (not a straight line), so the residual spread and slope error matter.
  const counts = Array.from({ length: 120 }, (_, i) => 4_000 + 12 * i + ((i * 37) % 11) * 9 - 45);
  const input: ProjectionInput = {
    history: dailyHistory("2026-02-01", counts),
    contract: contract({ edition: "starter", purchasedTier: 5_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }),
    now: new Date("2026-05-31T12:00:00Z"),
    queuedDemotions: 20,
  };

  it("gives the same series, crossing dates and costs", () => {
    const fit = fitUsageTrend(input.history, input.now, input.contract.timeZone);
    expect(fit).toMatchObject({ windowDays: 90, points: 90, anchorDate: "2026-05-31", anchorValue: counts[119] });
    expect(project({ ...input, history: [], fit })).toEqual(project(input));
  });

  it("refuses a fit over another trend window", () => {
    const fit = fitUsageTrend(input.history, input.now, input.contract.timeZone, 30);
    expect(() => project({ ...input, history: [], fit })).toThrow(/fitted over 30 days/);
  });
});

describe("a projection without its day-by-day series (the roll-up's mode)", () => {
  // Several upgrades inside one yearly term and across monthly periods, so the period pricing
  // must find the tier in force without the series.
  const cases: [string, ProjectionInput][] = [
    [
      "Starter yearly, two upgrades",
      {
        history: line("2026-05-03", 30, 1_500, 10),
        contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }),
        now: new Date("2026-06-01T12:00:00Z"),
      },
    ],
    [
      "Starter monthly, a promotion mid-period over two periods",
      {
        history: dailyHistory(
          "2026-06-01",
          Array.from({ length: 31 }, () => 1_950),
        ),
        contract: contract({
          edition: "starter",
          term: "monthly",
          purchasedTier: 2_000,
          contractStartDate: "2026-01-01",
          renewalDate: "2026-08-01",
        }),
        now: new Date("2026-07-01T08:00:00Z"),
        requests: [{ kind: "approved", target: "marketing", count: 100, effectiveAt: "2026-07-10" }],
        horizon: "2026-12-01",
      },
    ],
    [
      "Professional monthly, steady growth with queued demotions",
      {
        history: line("2026-01-01", 90, 20_000, 80),
        contract: contract({
          edition: "professional",
          term: "monthly",
          purchasedTier: 25_000,
          contractStartDate: "2025-06-15",
          renewalDate: "2027-06-15",
        }),
        now: new Date("2026-03-31T12:00:00Z"),
        queuedDemotions: 400,
        horizon: "2027-03-31",
      },
    ],
  ];

  it.each(cases)("%s: the same dates, upgrades and costs, and an empty series", (_name, input) => {
    const full = project(input);
    const lean = project({ ...input, options: { series: false } });
    expect(full.upgrades.length).toBeGreaterThan(0);
    expect(lean.series).toEqual([]);
    expect(lean).toEqual({ ...full, series: [] });
  });
});
