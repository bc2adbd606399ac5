// Usage projection to the renewal date (see README "Projection model").
//
// expected(d) = anchorValue + projectedSlope x (d - anchorDate) + steps on or before d
//   anchorValue, anchorDate: the last history point on or before today
//   projectedSlope = fittedSlope - (inflows already in the history) + (inflows active from now on)
//   fittedSlope: least-squares line through the last `trendWindowDays` days of history
//   steps: approved (and, by default, pending) requests; set-to-marketing counts on its day,
//          set-to-non-marketing on the first update date after it is queued; queued demotions
//          leave on the next update date
// band(d) = expected(d) +/- z x sqrt(s^2 + (h x se)^2), h = d - anchorDate (0 on the anchor day)
//   s: residual standard deviation around the fitted line (day-to-day scatter)
//   se: standard error of the fitted slope, so the slope's uncertainty grows with distance
//
// Hot path: one time-zone conversion per call, then integer day numbers; the history is read
// backwards only as far as the trend window. 500 portals x 365 days runs in a few milliseconds.
// The least-squares fit is in trendFit.ts (stored per portal, too), the types in projectionTypes.ts.
import { assertCount } from "./assertCount";
import { fromDayNumber, toDayNumber, toLocalDate, type DayNumber, type LocalDate } from "./calendar";
import { contractPriceRow, validateContract } from "./contract";
import type { Projection, ProjectionInput, ProjectionPoint, ProjectionStep } from "./projectionTypes";
import { prorate, termMonthsOf, upgradeOnDay, type Upgrade } from "./proration";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { DEFAULT_TREND_WINDOW_DAYS, fitTrend, storedFit } from "./trendFit";
import { nextRenewalDate, termPeriodContaining, updateDateAfter, updateDatesBetween } from "./updateDates";

export type * from "./projectionTypes";
export { DEFAULT_TREND_WINDOW_DAYS, fitUsageTrend } from "./trendFit";

/** z for a two-sided 80% band. */
export const DEFAULT_BAND_Z = 1.2816;

/** Discrete changes (requests, queued demotions), each on the day it counts, sorted by day. */
function stepsFor(input: ProjectionInput, todayName: LocalDate, today: DayNumber): { day: DayNumber; step: ProjectionStep }[] {
  const { contract } = input;
  const includePending = input.options?.includePending ?? true;
  const steps: { day: DayNumber; step: ProjectionStep }[] = [];
  const queued = input.queuedDemotions ?? 0;
  assertCount(queued, "queuedDemotions");
  if (queued > 0) {
    const date = updateDateAfter(contract, todayName);
    steps.push({ day: toDayNumber(date), step: { date, delta: -queued, reason: "queuedDemotion" } });
  }
  for (const request of input.requests ?? []) {
    assertCount(request.count, "request.count");
    if (request.kind === "pending" && !includePending) continue;
    const at = request.effectiveAt === undefined ? todayName : toLocalDate(request.effectiveAt, contract.timeZone);
    // Requests are changes not yet in the history, so none counts before today.
    const runsOn = at < todayName ? todayName : at;
    const date = request.target === "marketing" ? runsOn : updateDateAfter(contract, runsOn);
    const delta = request.target === "marketing" ? request.count : -request.count;
    const step: ProjectionStep = { date, delta, reason: "request", kind: request.kind };
    if (request.id !== undefined) step.requestId = request.id;
    steps.push({ day: Math.max(toDayNumber(date), today), step });
  }
  return steps.sort((a, b) => a.day - b.day);
}

/** Projects marketing contacts, tier and cost from today to the horizon (the next renewal by default). */
export function project(input: ProjectionInput): Projection {
  const { contract } = input;
  validateContract(contract);
  const row = contractPriceRow(contract);
  const windowDays = input.options?.trendWindowDays ?? DEFAULT_TREND_WINDOW_DAYS;
  const z = input.options?.bandZ ?? DEFAULT_BAND_Z;
  if (!Number.isSafeInteger(windowDays) || windowDays < 2) throw new RangeError("trendWindowDays must be an integer >= 2");
  if (!(z >= 0)) throw new RangeError("bandZ must be >= 0");

  const todayName = toLocalDate(input.now, contract.timeZone);
  const today = toDayNumber(todayName);
  const horizonName = input.horizon === undefined ? nextRenewalDate(contract, todayName) : toLocalDate(input.horizon, contract.timeZone);
  const horizon = toDayNumber(horizonName);

  const fit = input.fit ? storedFit(input.fit, windowDays) : fitTrend(input.history, today, windowDays);
  let inTrendInflow = 0;
  let activeInflow = 0;
  for (const inflow of input.inflows ?? []) {
    if (!Number.isFinite(inflow.perDay) || inflow.perDay < 0)
      throw new RangeError(`Inflow ${inflow.source}: perDay must be a finite number >= 0`);
    if (inflow.inTrend ?? true) inTrendInflow += inflow.perDay;
    if (inflow.active ?? true) activeInflow += inflow.perDay;
  }
  const organicSlope = fit.slope - inTrendInflow;
  const slope = organicSlope + activeInflow;
  const s2 = fit.residualStdDev * fit.residualStdDev;
  const se = fit.slopeStdError;
  const steps = stepsFor(input, todayName, today);

  // Steps on or before a day, evaluated as the walk advances.
  let stepIndex = 0;
  let stepSum = 0;
  const valueOn = (day: DayNumber): number => {
    while (stepIndex < steps.length && (steps[stepIndex]?.day ?? Infinity) <= day) {
      stepSum += steps[stepIndex]?.step.delta ?? 0;
      stepIndex++;
    }
    return fit.anchorValue + slope * (day - fit.anchorDay) + stepSum;
  };

  const purchasedTier = contract.purchasedTier;
  let tier = purchasedTier;
  const upgrades: Upgrade[] = [];
  const withSeries = input.options?.series ?? true;
  const series: ProjectionPoint[] = withSeries ? new Array<ProjectionPoint>(Math.max(0, horizon - today)) : [];
  // Days on which the tier went up, to price each billing period without the series.
  const tierChanges: { day: DayNumber; tier: number }[] = [];
  let crossingDateHigh: LocalDate | null = null;
  let crossingDateLow: LocalDate | null = null;

  for (let day = today; day < horizon; day++) {
    const value = valueOn(day);
    const h = day - fit.anchorDay;
    const halfWidth = h <= 0 ? 0 : z * Math.sqrt(s2 + h * h * se * se);
    const expected = Math.max(0, Math.round(value));
    const low = Math.min(expected, Math.max(0, Math.round(value - halfWidth)));
    const high = Math.max(expected, Math.round(value + halfWidth));
    if (expected > tier) {
      const upgrade = upgradeOnDay(contract, tier, expected, fromDayNumber(day));
      if (upgrade) {
        upgrades.push(upgrade);
        tier = upgrade.newLimit;
        tierChanges.push({ day, tier });
      }
    }
    if (crossingDateHigh === null && high > purchasedTier) crossingDateHigh = fromDayNumber(day);
    if (crossingDateLow === null && low > purchasedTier) crossingDateLow = fromDayNumber(day);
    if (withSeries) series[day - today] = { date: fromDayNumber(day), expected, low, high, tierLimit: tier };
  }
  const tierOn = (day: DayNumber): number => {
    let limit = purchasedTier;
    for (const change of tierChanges) if (change.day <= day) limit = change.tier;
    return limit;
  };

  // Recurring price per billing-term period overlapping [today, horizon), at the tier in force
  // when the window enters the period; upgrades inside a period are paid by their own charge.
  const termMonths = termMonthsOf(contract);
  let recurring = 0;
  let windowStart = today;
  while (windowStart < horizon) {
    const period = termPeriodContaining(contract, fromDayNumber(windowStart));
    const periodStart = toDayNumber(period.start);
    const periodEnd = toDayNumber(period.end);
    const windowEnd = Math.min(periodEnd, horizon);
    const tierThen = tierOn(windowStart);
    recurring += prorate(monthlyCostMinorForRow(row, tierThen) * termMonths, windowEnd - windowStart, periodEnd - periodStart);
    windowStart = windowEnd;
  }
  const upgradeCharges = upgrades.reduce((sum, u) => sum + u.proratedChargeMinor, 0);

  const expectedAtHorizon = Math.max(0, Math.round(valueOn(Math.max(horizon, today))));
  const lowestTierAtHorizon = Math.min(tier, tierLimitForRow(row, expectedAtHorizon));

  return {
    currency: row.currency,
    today: todayName,
    horizon: horizonName,
    purchasedTier,
    trend: {
      points: fit.points,
      windowDays,
      fittedSlopePerDay: fit.slope,
      inTrendInflowPerDay: inTrendInflow,
      organicSlopePerDay: organicSlope,
      activeInflowPerDay: activeInflow,
      projectedSlopePerDay: slope,
      residualStdDev: fit.residualStdDev,
      slopeStdError: se,
      anchorDate: fromDayNumber(fit.anchorDay),
      anchorValue: fit.anchorValue,
    },
    steps: steps.map((s) => s.step),
    series,
    updateDates: horizon >= today ? updateDatesBetween(contract, todayName, horizonName) : [],
    crossingDate: upgrades[0]?.upgradeDate ?? null,
    crossingDateHigh,
    crossingDateLow,
    upgrades,
    upgradeChargesMinor: upgradeCharges,
    recurringThroughHorizonMinor: recurring,
    costThroughHorizonMinor: recurring + upgradeCharges,
    expectedAtHorizon,
    tierAtHorizon: tier,
    monthlyCostAtHorizonMinor: monthlyCostMinorForRow(row, tier),
    lowestTierAtHorizon,
    lowestMonthlyCostAtHorizonMinor: monthlyCostMinorForRow(row, lowestTierAtHorizon),
  };
}
