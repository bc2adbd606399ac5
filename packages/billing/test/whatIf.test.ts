import { describe, expect, it } from "vitest";

import type { ProjectionInput } from "../src/projection";
import { applyWhatIfChanges, whatIf } from "../src/whatIf";
import { contract, dailyHistory } from "./fixtures";

// Base: the Starter yearly worked example of projection.workedExamples.test.ts. 2,000 purchased; 1,790 on 1 June
// growing 10/day, of which 6/day come from app:formsync (already in the history).
// Base crossings: 23 June (-> 3,000, 28,405) and 1 October (-> 4,000, 13,611); upgrades 42,016;
// recurring through 1 Jan 42,214; cost 84,230; 3,930 expected at renewal, tier 4,000 at 15,000/month.
const base: ProjectionInput = {
  history: dailyHistory(
    "2026-05-03",
    Array.from({ length: 30 }, (_, i) => 1_500 + 10 * i),
  ),
  contract: contract({ edition: "starter", purchasedTier: 2_000, renewalDate: "2027-01-01", contractStartDate: "2026-01-01" }),
  now: new Date("2026-06-01T12:00:00Z"),
  inflows: [{ source: "app:formsync", perDay: 6 }],
};

describe("what-if (worked examples)", () => {
  it("flipping an app's policy to non-marketing: crossing moves 31 days later, one upgrade avoided", () => {
    // Slope 10 - 6 = 4/day: 1,790 + 4k > 2,000 -> k = 53 -> 24 July (2,002). 3,000 needs k = 303: after renewal.
    // 24 July -> 1 Jan: 8 + 31 + 30 + 31 + 30 + 31 = 161 days: 54,000 x 161 / 365 = 23,819.18 -> 23,819.
    // Cost: 42,214 + 23,819 = 66,033; saved 84,230 - 66,033 = 18,197.
    // At renewal: 1,790 + 4 x 214 = 2,646 (-1,284), tier 3,000 at $15 + 2 x $45 = 10,500 (saves 4,500/month).
    const { base: before, scenario, delta } = whatIf(base, [{ kind: "setInflowPolicy", source: "app:formsync", marketing: false }]);
    expect(before.crossingDate).toBe("2026-06-23");
    expect(scenario.crossingDate).toBe("2026-07-24");
    expect(scenario.upgrades.map((u) => [u.newLimit, u.daysRemaining, u.proratedChargeMinor])).toEqual([[3_000, 161, 23_819]]);
    expect(delta).toEqual({
      crossing: "later",
      crossingDateBefore: "2026-06-23",
      crossingDateAfter: "2026-07-24",
      crossingShiftDays: 31,
      upgradeChargesSavedMinor: 42_016 - 23_819,
      costThroughHorizonSavedMinor: 18_197,
      monthlyCostAtHorizonSavedMinor: 4_500,
      lowestMonthlyCostAtHorizonSavedMinor: 4_500,
      expectedAtHorizonDelta: -1_284,
      moneySaved: { amountMinor: 18_197, currency: "USD" },
    });
  });

  it("turning on a new app's marketing inflow: crossing 7 days earlier", () => {
    // Slope 10 + 5 = 15/day: 1,790 + 15k > 2,000 -> k = 15 -> 16 June.
    const { delta } = whatIf(base, [{ kind: "setInflowPolicy", source: "app:webinars", marketing: true, perDay: 5 }]);
    expect(delta).toMatchObject({ crossing: "earlier", crossingDateAfter: "2026-06-16", crossingShiftDays: -7 });
    expect(delta.costThroughHorizonSavedMinor).toBeLessThan(0);
  });

  it("a recommendation applied on an update date waits a month: the first crossing stays, the second moves", () => {
    // Today, 1 June, is an update date (yearly: the 1st), so 500 demotions queued today leave on 1 July.
    // 23 June crossing unchanged (2,010). After 1 July: 1,290 + 10k > 3,000 -> k = 172 -> 20 November.
    // 20 Nov -> 1 Jan: 11 + 31 = 42 days: 54,000 x 42 / 365 = 6,213.70 -> 6,214.
    // Upgrades 28,405 + 6,214 = 34,619; saved 42,016 - 34,619 = 7,397.
    const { scenario, delta } = whatIf(base, [{ kind: "applyRecommendation", count: 500, id: "bounced" }]);
    expect(scenario.steps).toContainEqual({ date: "2026-07-01", delta: -500, reason: "request", requestId: "bounced", kind: "approved" });
    expect(scenario.upgrades.map((u) => [u.upgradeDate, u.proratedChargeMinor])).toEqual([
      ["2026-06-23", 28_405],
      ["2026-11-20", 6_214],
    ]);
    expect(delta).toMatchObject({
      crossing: "unchanged",
      crossingShiftDays: 0,
      upgradeChargesSavedMinor: 7_397,
      costThroughHorizonSavedMinor: 7_397,
      expectedAtHorizonDelta: -500,
    });
  });

  it("a recommendation applied the day before an update date leaves the next day and can avoid a crossing", () => {
    // Same portal a day earlier: today 31 May, 1,780 (history one day shorter). Demote 300 -> leaves 1 June.
    // Without: 1,780 + 10k > 2,000 -> k = 23 -> 23 June. With: 1,480 + 10k > 2,000 from 1 June -> k = 53 -> 23 July.
    const dayBefore: ProjectionInput = { ...base, history: base.history.slice(0, 29), now: new Date("2026-05-31T12:00:00Z") };
    const { scenario, delta } = whatIf(dayBefore, [{ kind: "applyRecommendation", count: 300 }]);
    expect(scenario.steps).toContainEqual({
      date: "2026-06-01",
      delta: -300,
      reason: "request",
      requestId: "recommendation",
      kind: "approved",
    });
    expect(delta).toMatchObject({
      crossingDateBefore: "2026-06-23",
      crossingDateAfter: "2026-07-23",
      crossingShiftDays: 30,
      crossing: "later",
    });
  });

  it("adding and removing requests; avoided and introduced crossings", () => {
    const big = whatIf(base, [{ kind: "addRequest", request: { id: "import", kind: "approved", target: "marketing", count: 5_000 } }]);
    expect(big.scenario.crossingDate).toBe("2026-06-01");
    const calm: ProjectionInput = {
      ...base,
      history: dailyHistory(
        "2026-05-03",
        Array.from({ length: 30 }, () => 1_500),
      ),
      inflows: [],
    };
    expect(
      whatIf(calm, [{ kind: "addRequest", request: { id: "import", kind: "approved", target: "marketing", count: 5_000 } }]).delta.crossing,
    ).toBe("introduced");
    const withImport = applyWhatIfChanges(calm, [
      { kind: "addRequest", request: { id: "import", kind: "approved", target: "marketing", count: 5_000 } },
    ]);
    expect(whatIf(withImport, [{ kind: "removeRequest", id: "import" }]).delta).toMatchObject({
      crossing: "avoided",
      crossingDateAfter: null,
      crossingShiftDays: null,
    });
    expect(whatIf(calm, []).delta.crossing).toBe("none");
  });

  it("never mutates the base input and rejects unknown references", () => {
    const snapshot = structuredClone(base);
    whatIf(base, [
      { kind: "setInflowPolicy", source: "app:formsync", marketing: false },
      { kind: "applyRecommendation", count: 10 },
    ]);
    expect(base).toEqual(snapshot);
    expect(() => whatIf(base, [{ kind: "removeRequest", id: "nope" }])).toThrow(/nope/);
    expect(() => whatIf(base, [{ kind: "setInflowPolicy", source: "app:unknown", marketing: true }])).toThrow(/perDay/);
    // Turning off an app with no listed inflow changes nothing.
    expect(whatIf(base, [{ kind: "setInflowPolicy", source: "app:unknown", marketing: false }]).delta.crossing).toBe("unchanged");
  });
});
