import { describe, expect, it } from "vitest";
import { fitUsageTrend, project, type ProjectionInput } from "../src/projection";
import { contract, dailyHistory } from "./fixtures";

// History helpers: a straight line is easy to check by hand (slope exact, residuals 0, band 0).
const line = (start: string, days: number, first: number, perDay: number) =>
  dailyHistory(start, Array.from({ length: days }, (_, i) => first + perDay * i));

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
    expect(p).toMatchObject({ expectedAtHorizon: 3_930, tierAtHorizon: 4_000, monthlyCostAtHorizonMinor: 15_000, lowestTierAtHorizon: 4_000 });
  });

  it("lists the update dates (the 1st of each month) up to the horizon", () => {
    expect(p.updateDates).toEqual(["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01"]);
  });
});

describe("projection, Professional monthly: requests and queued demotions (worked example)", () => {
  // Professional, monthly, renews on the 15th, 7,000 purchased; Berlin. Flat at 6,950 for 60 days.
  // Today 20 March; horizon = next renewal 15 April. Period 15 March - 15 April: 31 days.
  const proMonthly = contract({ edition: "professional", term: "monthly", contractStartDate: "2025-11-15", renewalDate: "2026-04-15", purchasedTier: 7_000, timeZone: "Europe/Berlin" });
  const base: ProjectionInput = {
    history: dailyHistory("2026-01-20", Array.from({ length: 60 }, () => 6_950)),
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
    expect(p).toMatchObject({ expectedAtHorizon: 6_750, tierAtHorizon: 12_000, monthlyCostAtHorizonMinor: 130_000, lowestTierAtHorizon: 7_000, lowestMonthlyCostAtHorizonMinor: 105_000 });
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
    const wide = project({ history: dailyHistory("2026-03-01", [19_000, 19_020, 19_000, 19_020, 19_000]), contract: ent, now: new Date("2026-03-05T12:00:00Z"), options: { bandZ: 10 } });
    // z = 10: 10 x sqrt(160 + 16h^2) > 1,000 -> 160 + 16h^2 > 10,000 -> h >= 25 (h = 24: 9,376; h = 25: 10,160) -> 30 March.
    expect(wide.crossingDateHigh).toBe("2026-03-30");
    expect(wide.crossingDate).toBeNull();
    expect(wide.crossingDateLow).toBeNull();
  });
});

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
    expect(project({ history, contract: starter, now, inflows: [{ source: "app:new", perDay: 5, inTrend: false }] }).trend.projectedSlopePerDay).toBeCloseTo(15, 9);
    expect(project({ history, contract: starter, now, inflows: [{ source: "app:1", perDay: 6, active: false }] }).trend.projectedSlopePerDay).toBeCloseTo(4, 9);
  });

  it("reads only the trailing window and anchors on the last point on or before today", () => {
    // 100 days of +50/day then 20 flat days: a 20-day window sees a flat line.
    const bent = dailyHistory("2026-02-01", [...Array.from({ length: 100 }, (_, i) => 1_000 + 50 * i), ...Array.from({ length: 20 }, () => 5_950)]);
    const today = new Date(`${bent[119]?.date ?? ""}T12:00:00Z`);
    const flat = project({ history: bent, contract: starter, now: today, options: { trendWindowDays: 20 } });
    expect(flat.trend.points).toBe(20);
    expect(flat.trend.fittedSlopePerDay).toBe(0);
    // A point dated after `now` is ignored.
    const withFuture = project({ history: [...bent, { date: "2026-12-01", marketing: 1 }], contract: starter, now: today, options: { trendWindowDays: 20 } });
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
    expect(() => project({ history: [{ date: "2026-05-02", marketing: 1 }, { date: "2026-05-01", marketing: 1 }], contract: starter, now })).toThrow(/ascending/);
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
    const starterMonthly = contract({ edition: "starter", term: "monthly", purchasedTier: 2_000, contractStartDate: "2026-01-01", renewalDate: "2026-08-01" });
    const p = project({
      history: dailyHistory("2026-06-01", Array.from({ length: 31 }, () => 1_950)),
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

describe("projection: crossing on the last day of a term period, per edition and term (worked examples)", () => {
  // Flat history (slope 0) at `flat` for 10 days ending today, then an approved promotion of 20 on the
  // period's last day takes the count 10 over the purchased tier. One day remains of the period.
  // charge = round_half_up(extra per month x termMonths x 1 / daysInTerm).
  const rows = [
    // Starter +1 block = 4,500/month. Yearly: 54,000 / 365 = 147.95 -> 148. Monthly (31-day July): 4,500 / 31 = 145.16 -> 145.
    { edition: "starter", term: "yearly", start: "2026-01-01", renewal: "2027-01-01", tier: 1_000, flat: 990, today: "2026-12-01", on: "2026-12-31", newLimit: 2_000, daysInTerm: 365, charge: 148 },
    { edition: "starter", term: "monthly", start: "2026-01-01", renewal: "2026-08-01", tier: 1_000, flat: 990, today: "2026-07-01", on: "2026-07-31", newLimit: 2_000, daysInTerm: 31, charge: 145 },
    // Professional +1 block = 25,000/month. Yearly: 300,000 / 365 = 821.92 -> 822.
    // Monthly on the 15th, period 15 Feb - 15 Mar = 28 days: 25,000 / 28 = 892.86 -> 893.
    { edition: "professional", term: "yearly", start: "2025-10-01", renewal: "2026-10-01", tier: 7_000, flat: 6_990, today: "2026-09-01", on: "2026-09-30", newLimit: 12_000, daysInTerm: 365, charge: 822 },
    { edition: "professional", term: "monthly", start: "2026-01-15", renewal: "2026-03-15", tier: 2_000, flat: 1_990, today: "2026-03-01", on: "2026-03-14", newLimit: 7_000, daysInTerm: 28, charge: 893 },
    // Enterprise +1 block = 10,000/month. Yearly: 120,000 / 365 = 328.77 -> 329.
    // Monthly on the 31st: period 28 Feb (clamped) - 31 Mar = 31 days, last day 30 Mar: 10,000 / 31 = 322.58 -> 323.
    { edition: "enterprise", term: "yearly", start: "2025-07-01", renewal: "2026-07-01", tier: 10_000, flat: 9_990, today: "2026-06-01", on: "2026-06-30", newLimit: 20_000, daysInTerm: 365, charge: 329 },
    { edition: "enterprise", term: "monthly", start: "2026-01-31", renewal: "2026-03-31", tier: 20_000, flat: 19_990, today: "2026-03-01", on: "2026-03-30", newLimit: 30_000, daysInTerm: 31, charge: 323 },
  ] as const;

  it.each(rows)("$edition $term: over on $on -> $newLimit, 1 of $daysInTerm days, $charge minor", (row) => {
    const todayMs = Date.parse(`${row.today}T12:00:00Z`);
    const historyStart = new Date(todayMs - 9 * 86_400_000).toISOString().slice(0, 10);
    const p = project({
      history: dailyHistory(historyStart, Array.from({ length: 10 }, () => row.flat)),
      contract: contract({ edition: row.edition, term: row.term, contractStartDate: row.start, renewalDate: row.renewal, purchasedTier: row.tier }),
      now: new Date(todayMs),
      requests: [{ kind: "approved", target: "marketing", count: 20, effectiveAt: row.on }],
    });
    expect(p.horizon > row.on).toBe(true);
    expect(p.crossingDate).toBe(row.on);
    expect(p.upgrades).toHaveLength(1);
    expect(p.upgrades[0]).toMatchObject({ newLimit: row.newLimit, daysRemaining: 1, daysInTerm: row.daysInTerm, proratedChargeMinor: row.charge });
    expect(p.series.at(-1)).toMatchObject({ date: row.on, expected: row.flat + 20, tierLimit: row.newLimit });
  });
});

describe("projection in the portal's time zone", () => {
  // Starter yearly example history (1,500 + 10/day from 3 May; 1,780 on 31 May, 1,790 on 1 June).
  const history = line("2026-05-03", 30, 1_500, 10);
  const starter = (timeZone: string) => contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01", timeZone });
  // 03:00 UTC on 1 June is 23:00 on 31 May in New York (EDT, UTC-4).
  const now = new Date("2026-06-01T03:00:00Z");

  it("near midnight: New York is still on the eve of the 1 June update date, UTC is on it", () => {
    const ny = project({ history, contract: starter("America/New_York"), now, queuedDemotions: 300 });
    const utc = project({ history, contract: starter("UTC"), now, queuedDemotions: 300 });
    // New York: today 31 May; the 1 June snapshot is in its future and ignored; demotions leave 1 June.
    expect(ny.today).toBe("2026-05-31");
    expect(ny.trend.anchorValue).toBe(1_780);
    expect(ny.steps).toEqual([{ date: "2026-06-01", delta: -300, reason: "queuedDemotion" }]);
    // 1,780 + 10k - 300 > 2,000 from k = 1 (1 June) -> k = 53 -> 23 July.
    expect(ny.crossingDate).toBe("2026-07-23");
    // UTC: today 1 June, the update ran at midnight; demotions wait until 1 July, so 23 June still crosses.
    expect(utc.today).toBe("2026-06-01");
    expect(utc.steps).toEqual([{ date: "2026-07-01", delta: -300, reason: "queuedDemotion" }]);
    expect(utc.crossingDate).toBe("2026-06-23");
  });

  it("one point per calendar day across both DST changes", () => {
    // New York: 8 March (23 h) and 1 November (25 h) 2026. 1 Jan 2026 - 1 Jan 2027 = 365 days.
    const p = project({
      history: dailyHistory("2025-12-01", Array.from({ length: 31 }, () => 1_500)),
      contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01", timeZone: "America/New_York" }),
      now: new Date("2026-01-01T12:00:00Z"),
    });
    expect(p.series).toHaveLength(365);
    const dates = p.series.map((point) => point.date);
    expect(new Set(dates).size).toBe(365);
    expect(dates.slice(66, 69)).toEqual(["2026-03-08", "2026-03-09", "2026-03-10"]); // index 31 + 28 + 7 = 66
    expect(dates.indexOf("2026-11-01") - dates.indexOf("2026-10-31")).toBe(1);
    expect(dates.at(-1)).toBe("2026-12-31");
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
    ["Starter yearly, two upgrades", { history: line("2026-05-03", 30, 1_500, 10), contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }), now: new Date("2026-06-01T12:00:00Z") }],
    [
      "Starter monthly, a promotion mid-period over two periods",
      {
        history: dailyHistory("2026-06-01", Array.from({ length: 31 }, () => 1_950)),
        contract: contract({ edition: "starter", term: "monthly", purchasedTier: 2_000, contractStartDate: "2026-01-01", renewalDate: "2026-08-01" }),
        now: new Date("2026-07-01T08:00:00Z"),
        requests: [{ kind: "approved", target: "marketing", count: 100, effectiveAt: "2026-07-10" }],
        horizon: "2026-12-01",
      },
    ],
    ["Professional monthly, steady growth with queued demotions", { history: line("2026-01-01", 90, 20_000, 80), contract: contract({ edition: "professional", term: "monthly", purchasedTier: 25_000, contractStartDate: "2025-06-15", renewalDate: "2027-06-15" }), now: new Date("2026-03-31T12:00:00Z"), queuedDemotions: 400, horizon: "2027-03-31" }],
  ];

  it.each(cases)("%s: the same dates, upgrades and costs, and an empty series", (_name, input) => {
    const full = project(input);
    const lean = project({ ...input, options: { series: false } });
    expect(full.upgrades.length).toBeGreaterThan(0);
    expect(lean.series).toEqual([]);
    expect(lean).toEqual({ ...full, series: [] });
  });
});
