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
import { type DayNumber, fromDayNumber, type LocalDate, toDayNumber, toLocalDate } from "./calendar";
import { type Contract, contractPriceRow, validateContract } from "./contract";
import { prorate, termMonthsOf, type Upgrade, upgradeOnDay } from "./proration";
import type { StatusTarget } from "./preview";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { nextRenewalDate, termPeriodContaining, updateDateAfter, updateDatesBetween } from "./updateDates";
import { assertCount } from "./assertCount";

export interface HistoryPoint {
  /** Local day of the daily usage snapshot. */
  date: LocalDate;
  /** Marketing contacts that day (pending demotions included: they still count). */
  marketing: number;
}

/** Marketing contacts an app (or another source) creates per day while its policy says "marketing". */
export interface Inflow {
  /** App id or source name, e.g. "app:12345" or "forms". */
  source: string;
  /** Marketing contacts per day (may be fractional, e.g. 12.5). */
  perDay: number;
  /** The history already contains this inflow (the app has been creating marketing contacts). Default true. */
  inTrend?: boolean;
  /** The inflow continues from today on. Default true; a what-if policy flip sets it false. */
  active?: boolean;
}

export type RequestKind = "approved" | "pending";

/** A status-change request not yet reflected in the history. */
export interface ProjectedRequest {
  id?: string;
  kind: RequestKind;
  target: StatusTarget;
  /** Contacts that actually change. */
  count: number;
  /** When it runs (set to marketing counts that day; set to non-marketing is queued that day). Default today. */
  effectiveAt?: LocalDate | Date;
}

export interface ProjectionOptions {
  /** Days of history the trend is fitted to (default 90). */
  trendWindowDays?: number;
  /** Band width in standard deviations (default 1.2816: an 80% band). */
  bandZ?: number;
  /** Count pending requests as if approved (default true). */
  includePending?: boolean;
  /**
   * Build the day-by-day series (default true). The roll-up projects 500 portals per request and
   * reads only the totals and dates, so it turns this off: `series` is then empty.
   */
  series?: boolean;
}

/**
 * A fitted trend as stored after each sync (see fitUsageTrend): the projection's inputs from the
 * history, so a caller projecting many portals need not read their histories.
 */
export interface UsageTrendFit {
  windowDays: number;
  points: number;
  slopePerDay: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDate: LocalDate;
  anchorValue: number;
}

export interface ProjectionInput {
  /** Daily usage snapshots, ascending by date. Only the trailing trend window is read. */
  history: readonly HistoryPoint[];
  /** A stored fit of the history (same trend window) used instead of fitting `history`. */
  fit?: UsageTrendFit;
  contract: Contract;
  now: Date;
  inflows?: readonly Inflow[];
  requests?: readonly ProjectedRequest[];
  /** Contacts currently pending demotion (leave at the next update date). */
  queuedDemotions?: number;
  /** Last day + 1 of the projection (exclusive). Default: the next renewal date. */
  horizon?: LocalDate | Date;
  options?: ProjectionOptions;
}

export interface ProjectionPoint {
  date: LocalDate;
  expected: number;
  low: number;
  high: number;
  /** Limit in force that day on the expected path (after any automatic upgrade). */
  tierLimit: number;
}

export interface ProjectionStep {
  date: LocalDate;
  /** Change in marketing contacts that day (negative for demotions). */
  delta: number;
  reason: "request" | "queuedDemotion";
  requestId?: string;
  kind?: RequestKind;
}

export interface Trend {
  /** History points the line was fitted to. */
  points: number;
  windowDays: number;
  fittedSlopePerDay: number;
  /** Sum of inflows already in the history. */
  inTrendInflowPerDay: number;
  /** Growth not explained by the listed inflows (forms, imports, churn ...). */
  organicSlopePerDay: number;
  /** Sum of inflows active from now on. */
  activeInflowPerDay: number;
  projectedSlopePerDay: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDate: LocalDate;
  anchorValue: number;
}

export interface Projection {
  currency: string;
  today: LocalDate;
  /** First day not projected (the renewal date by default). */
  horizon: LocalDate;
  purchasedTier: number;
  trend: Trend;
  steps: ProjectionStep[];
  /** One point per day from today to the day before the horizon. */
  series: ProjectionPoint[];
  /** Update dates in [today, horizon]. */
  updateDates: LocalDate[];
  /** First day the expected count goes over the purchased tier, or null. */
  crossingDate: LocalDate | null;
  /** First day the high edge of the band goes over the purchased tier (the pessimistic date). */
  crossingDateHigh: LocalDate | null;
  /** First day the low edge goes over it (the optimistic date). */
  crossingDateLow: LocalDate | null;
  /** Automatic upgrades on the expected path, in order. */
  upgrades: Upgrade[];
  /** Sum of the upgrades' pro-rated charges. */
  upgradeChargesMinor: number;
  /** Recurring price of the tier(s) in force from today to the horizon, pro-rated by days per term period. */
  recurringThroughHorizonMinor: number;
  /** recurringThroughHorizonMinor + upgradeChargesMinor. */
  costThroughHorizonMinor: number;
  /** Expected marketing contacts on the horizon day (after update-date demotions that day). */
  expectedAtHorizon: number;
  tierAtHorizon: number;
  monthlyCostAtHorizonMinor: number;
  /** The lowest tier covering `expectedAtHorizon`: what could be requested for the renewal. */
  lowestTierAtHorizon: number;
  lowestMonthlyCostAtHorizonMinor: number;
}

export const DEFAULT_TREND_WINDOW_DAYS = 90;
/** z for a two-sided 80% band. */
export const DEFAULT_BAND_Z = 1.2816;

interface Fit {
  points: number;
  slope: number;
  residualStdDev: number;
  slopeStdError: number;
  anchorDay: DayNumber;
  anchorValue: number;
}

/**
 * Least-squares line through the history points in (anchor - window, anchor], read from the end;
 * the anchor is the last point on or before today.
 */
function fitTrend(history: readonly HistoryPoint[], today: DayNumber, windowDays: number): Fit {
  const xs: number[] = [];
  const ys: number[] = [];
  let anchorDay: DayNumber | null = null;
  let anchorValue = 0;
  let previous = Infinity;
  for (let i = history.length - 1; i >= 0; i--) {
    const point = history[i];
    if (!point) continue;
    const day = toDayNumber(point.date);
    if (day >= previous) throw new RangeError(`History must be ascending by date with one point per day (at ${point.date})`);
    previous = day;
    if (day > today) continue; // snapshots dated after `now` are ignored
    if (!Number.isSafeInteger(point.marketing) || point.marketing < 0) throw new RangeError(`History count must be a non-negative integer (at ${point.date})`);
    if (anchorDay === null) {
      anchorDay = day;
      anchorValue = point.marketing;
    }
    if (day <= anchorDay - windowDays) break;
    xs.push(day - anchorDay); // 0, -1, -2 ...: small numbers keep the sums exact
    ys.push(point.marketing);
  }
  if (anchorDay === null) throw new RangeError("History has no point on or before today: the projection needs a current count");

  const n = xs.length;
  if (n < 2) return { points: n, slope: 0, residualStdDev: 0, slopeStdError: 0, anchorDay, anchorValue };
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - my);
  }
  const slope = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - (my + slope * ((xs[i] ?? 0) - mx));
    ssr += r * r;
  }
  // Two parameters fitted: n - 2 degrees of freedom; with 2 points the line is exact and unknown.
  const residualStdDev = n > 2 ? Math.sqrt(ssr / (n - 2)) : 0;
  return { points: n, slope, residualStdDev, slopeStdError: residualStdDev / Math.sqrt(sxx), anchorDay, anchorValue };
}

/**
 * The least-squares fit of a portal's history as of `now` in its time zone, for storing: project()
 * given it as `fit` gives the same result as given the history (with the same trend window).
 */
export function fitUsageTrend(history: readonly HistoryPoint[], now: Date, timeZone: string, windowDays = DEFAULT_TREND_WINDOW_DAYS): UsageTrendFit {
  const fit = fitTrend(history, toDayNumber(toLocalDate(now, timeZone)), windowDays);
  return {
    windowDays,
    points: fit.points,
    slopePerDay: fit.slope,
    residualStdDev: fit.residualStdDev,
    slopeStdError: fit.slopeStdError,
    anchorDate: fromDayNumber(fit.anchorDay),
    anchorValue: fit.anchorValue,
  };
}

function storedFit(stored: UsageTrendFit, windowDays: number): Fit {
  if (stored.windowDays !== windowDays) throw new RangeError(`The stored trend was fitted over ${stored.windowDays} days, not ${windowDays}`);
  assertCount(stored.anchorValue, "fit.anchorValue");
  return {
    points: stored.points,
    slope: stored.slopePerDay,
    residualStdDev: stored.residualStdDev,
    slopeStdError: stored.slopeStdError,
    anchorDay: toDayNumber(stored.anchorDate),
    anchorValue: stored.anchorValue,
  };
}

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
    if (!Number.isFinite(inflow.perDay) || inflow.perDay < 0) throw new RangeError(`Inflow ${inflow.source}: perDay must be a finite number >= 0`);
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
