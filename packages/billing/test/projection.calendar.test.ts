import { describe, expect, it } from "vitest";

import { project } from "../src/projection";
import { contract, dailyHistory } from "./fixtures";

// History helpers: a straight line is easy to check by hand (slope exact, residuals 0, band 0).
const line = (start: string, days: number, first: number, perDay: number) =>
  dailyHistory(
    start,
    Array.from({ length: days }, (_, i) => first + perDay * i),
  );

describe("projection: crossing on the last day of a term period, per edition and term (worked examples)", () => {
  // Flat history (slope 0) at `flat` for 10 days ending today, then an approved promotion of 20 on the
  // period's last day takes the count 10 over the purchased tier. One day remains of the period.
  // charge = round_half_up(extra per month x termMonths x 1 / daysInTerm).
  const rows = [
    // Starter +1 block = 4,500/month. Yearly: 54,000 / 365 = 147.95 -> 148. Monthly (31-day July): 4,500 / 31 = 145.16 -> 145.
    {
      edition: "starter",
      term: "yearly",
      start: "2026-01-01",
      renewal: "2027-01-01",
      tier: 1_000,
      flat: 990,
      today: "2026-12-01",
      on: "2026-12-31",
      newLimit: 2_000,
      daysInTerm: 365,
      charge: 148,
    },
    {
      edition: "starter",
      term: "monthly",
      start: "2026-01-01",
      renewal: "2026-08-01",
      tier: 1_000,
      flat: 990,
      today: "2026-07-01",
      on: "2026-07-31",
      newLimit: 2_000,
      daysInTerm: 31,
      charge: 145,
    },
    // Professional +1 block = 25,000/month. Yearly: 300,000 / 365 = 821.92 -> 822.
    // Monthly on the 15th, period 15 Feb - 15 Mar = 28 days: 25,000 / 28 = 892.86 -> 893.
    {
      edition: "professional",
      term: "yearly",
      start: "2025-10-01",
      renewal: "2026-10-01",
      tier: 7_000,
      flat: 6_990,
      today: "2026-09-01",
      on: "2026-09-30",
      newLimit: 12_000,
      daysInTerm: 365,
      charge: 822,
    },
    {
      edition: "professional",
      term: "monthly",
      start: "2026-01-15",
      renewal: "2026-03-15",
      tier: 2_000,
      flat: 1_990,
      today: "2026-03-01",
      on: "2026-03-14",
      newLimit: 7_000,
      daysInTerm: 28,
      charge: 893,
    },
    // Enterprise +1 block = 10,000/month. Yearly: 120,000 / 365 = 328.77 -> 329.
    // Monthly on the 31st: period 28 Feb (clamped) - 31 Mar = 31 days, last day 30 Mar: 10,000 / 31 = 322.58 -> 323.
    {
      edition: "enterprise",
      term: "yearly",
      start: "2025-07-01",
      renewal: "2026-07-01",
      tier: 10_000,
      flat: 9_990,
      today: "2026-06-01",
      on: "2026-06-30",
      newLimit: 20_000,
      daysInTerm: 365,
      charge: 329,
    },
    {
      edition: "enterprise",
      term: "monthly",
      start: "2026-01-31",
      renewal: "2026-03-31",
      tier: 20_000,
      flat: 19_990,
      today: "2026-03-01",
      on: "2026-03-30",
      newLimit: 30_000,
      daysInTerm: 31,
      charge: 323,
    },
  ] as const;

  it.each(rows)("$edition $term: over on $on -> $newLimit, 1 of $daysInTerm days, $charge minor", (row) => {
    const todayMs = Date.parse(`${row.today}T12:00:00Z`);
    const historyStart = new Date(todayMs - 9 * 86_400_000).toISOString().slice(0, 10);
    const p = project({
      history: dailyHistory(
        historyStart,
        Array.from({ length: 10 }, () => row.flat),
      ),
      contract: contract({
        edition: row.edition,
        term: row.term,
        contractStartDate: row.start,
        renewalDate: row.renewal,
        purchasedTier: row.tier,
      }),
      now: new Date(todayMs),
      requests: [{ kind: "approved", target: "marketing", count: 20, effectiveAt: row.on }],
    });
    expect(p.horizon > row.on).toBe(true);
    expect(p.crossingDate).toBe(row.on);
    expect(p.upgrades).toHaveLength(1);
    expect(p.upgrades[0]).toMatchObject({
      newLimit: row.newLimit,
      daysRemaining: 1,
      daysInTerm: row.daysInTerm,
      proratedChargeMinor: row.charge,
    });
    expect(p.series.at(-1)).toMatchObject({ date: row.on, expected: row.flat + 20, tierLimit: row.newLimit });
  });
});

describe("projection in the portal's time zone", () => {
  // Starter yearly example history (1,500 + 10/day from 3 May; 1,780 on 31 May, 1,790 on 1 June).
  const history = line("2026-05-03", 30, 1_500, 10);
  const starter = (timeZone: string) =>
    contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01", timeZone });
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
      history: dailyHistory(
        "2025-12-01",
        Array.from({ length: 31 }, () => 1_500),
      ),
      contract: contract({
        edition: "starter",
        purchasedTier: 2_000,
        renewalDate: "2027-01-01",
        contractStartDate: "2026-01-01",
        timeZone: "America/New_York",
      }),
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
