// The renewal pack's math: what a portal used over the term, and what asking HubSpot for a lower
// tier at renewal would save. Tiers never go down automatically; a lower tier can only be
// requested for the renewal (third-party sources: at least 5 business days before it), so the
// case for it is the count expected at renewal, not today's.
import { clampedLocalDate, fromDayNumber, parseLocalDate, toDayNumber, type LocalDate } from "./calendar";
import { contractPriceRow, type Contract } from "./contract";
import { divideRoundHalfUp } from "./money";
import { project, type HistoryPoint, type Projection, type ProjectionInput } from "./projection";
import { termMonthsOf } from "./proration";
import { monthlyCostMinorForRow, tierLimitForRow } from "./tiers";
import { currentPeriod, termPeriodContaining, type Period } from "./updateDates";
import { applyWhatIfChanges } from "./whatIf";

/** Business days before the renewal by which a lower tier should be requested (third-party sources). */
export const LOWER_TIER_NOTICE_BUSINESS_DAYS = 5;

/**
 * The days a renewal pack reviews, [start, renewal): the current term for yearly contracts; for
 * monthly contracts, the 12 months before the next renewal, because a single month says little
 * about a peak.
 */
export function renewalReviewWindow(contract: Contract, now: Date | LocalDate): Period {
  const term = currentPeriod(contract, now);
  if (contract.term === "yearly") return term;
  const { year, month, day } = parseLocalDate(term.end);
  return { start: clampedLocalDate(year, month - 12, day), end: term.end };
}

/**
 * The last day a lower tier can be requested: `businessDays` Monday-to-Friday days before the
 * renewal (the renewal day itself not counted). Public holidays are not known here.
 */
export function lowerTierRequestDeadline(renewalDate: LocalDate, businessDays = LOWER_TIER_NOTICE_BUSINESS_DAYS): LocalDate {
  if (!Number.isSafeInteger(businessDays) || businessDays < 0) throw new RangeError("businessDays must be a non-negative integer");
  let day = toDayNumber(renewalDate);
  let left = businessDays;
  while (left > 0) {
    day -= 1;
    // Day 0 (1970-01-01) was a Thursday: (day + 4) mod 7 is 0 on Sundays, 6 on Saturdays.
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return fromDayNumber(day);
}

/** The renewal a lower tier can still be asked for, and by when. */
export interface LowerTierRenewal {
  renewalDate: LocalDate;
  requestBy: LocalDate;
  /** The next renewal, when its deadline has passed (it renews unchanged): the case is for the one after. */
  missed: { renewalDate: LocalDate; requestBy: LocalDate } | null;
}

/**
 * On `today`, the renewal a lower tier can still be requested for: the next one (`nextRenewal`),
 * or, once its deadline has passed, the one after it. The renewal pack and the billing page's
 * recommendations both name it, so neither promises a saving at a renewal it is too late for.
 */
export function lowerTierRenewal(contract: Contract, nextRenewal: LocalDate, today: LocalDate): LowerTierRenewal {
  const requestBy = lowerTierRequestDeadline(nextRenewal);
  if (today <= requestBy) return { renewalDate: nextRenewal, requestBy, missed: null };
  const following = termPeriodContaining(contract, nextRenewal).end;
  return { renewalDate: following, requestBy: lowerTierRequestDeadline(following), missed: { renewalDate: nextRenewal, requestBy } };
}

export interface MonthlyUsage {
  /** Calendar month, YYYY-MM. */
  month: string;
  /** Days with a snapshot in the month. */
  days: number;
  /** Highest daily marketing count, and the first day it was reached. */
  peak: number;
  peakDate: LocalDate;
  /** Mean of the daily counts, rounded half up. */
  average: number;
  /** The count on the month's last snapshot. */
  last: number;
}

/** Daily history (ascending) summarised per calendar month: peak, average, last. */
export function monthlyUsage(history: readonly HistoryPoint[]): MonthlyUsage[] {
  const months: MonthlyUsage[] = [];
  let sum = 0;
  let previous = "";
  for (const point of history) {
    if (point.date <= previous) throw new RangeError(`History must be ascending by date with one point per day (at ${point.date})`);
    previous = point.date;
    const month = point.date.slice(0, 7);
    let current = months[months.length - 1];
    if (current?.month !== month) {
      if (current) current.average = divideRoundHalfUp(sum, current.days);
      current = { month, days: 0, peak: -1, peakDate: point.date, average: 0, last: 0 };
      months.push(current);
      sum = 0;
    }
    current.days += 1;
    sum += point.marketing;
    current.last = point.marketing;
    if (point.marketing > current.peak) {
      current.peak = point.marketing;
      current.peakDate = point.date;
    }
  }
  const last = months[months.length - 1];
  if (last) last.average = divideRoundHalfUp(sum, last.days);
  return months;
}

/** One way of renewing: the tier asked for, what it holds and what it costs. */
export interface RenewalOption {
  /** Marketing contacts the tier must hold at renewal. */
  holds: number;
  tier: number;
  monthlyCostMinor: number;
  /** monthlyCostMinor x months in the term (1 or 12). */
  termCostMinor: number;
  /** Against renewing unchanged (never negative: a lower tier is never above the one in force). */
  monthlySavingMinor: number;
  termSavingMinor: number;
}

export interface DowngradeCase {
  currency: string;
  renewalDate: LocalDate;
  /** Last day to ask HubSpot for the lower tier. */
  requestBy: LocalDate;
  termMonths: 1 | 12;
  /** The tier bought today and its price. */
  currentTier: number;
  currentMonthlyCostMinor: number;
  /** Renewing unchanged: the tier in force on the renewal day (after any projected automatic upgrade). */
  unchanged: RenewalOption;
  /** The smallest tier holding the expected count at renewal (pending demotions gone). */
  expected: RenewalOption;
  /** The smallest tier holding the high edge of the projection's band at renewal. */
  cautious: RenewalOption;
  /** A lower tier than the one in force can be requested. */
  canStepDown: boolean;
}

function option(contract: Contract, projection: Projection, holds: number): RenewalOption {
  const row = contractPriceRow(contract);
  const months = termMonthsOf(contract);
  const unchangedMonthly = monthlyCostMinorForRow(row, projection.tierAtHorizon);
  const tier = Math.min(projection.tierAtHorizon, tierLimitForRow(row, holds));
  const monthly = monthlyCostMinorForRow(row, tier);
  return {
    holds,
    tier,
    monthlyCostMinor: monthly,
    termCostMinor: monthly * months,
    monthlySavingMinor: unchangedMonthly - monthly,
    termSavingMinor: (unchangedMonthly - monthly) * months,
  };
}

/**
 * The case for a lower tier at renewal from a projection to the renewal date (the default
 * horizon). "Expected" holds the projection's count on the renewal day, after queued demotions
 * and requests; "cautious" adds the band's half-width on the last projected day (the band is not
 * computed for the horizon day itself, and one day changes it by a negligible amount).
 */
export function downgradeCase(contract: Contract, projection: Projection): DowngradeCase {
  const row = contractPriceRow(contract);
  const months = termMonthsOf(contract);
  const lastDay = projection.series[projection.series.length - 1];
  const margin = lastDay ? lastDay.high - lastDay.expected : 0;
  const unchanged = option(contract, projection, projection.tierAtHorizon);
  const expected = option(contract, projection, projection.expectedAtHorizon);
  return {
    currency: row.currency,
    renewalDate: projection.horizon,
    requestBy: lowerTierRequestDeadline(projection.horizon),
    termMonths: months,
    currentTier: contract.purchasedTier,
    currentMonthlyCostMinor: monthlyCostMinorForRow(row, contract.purchasedTier),
    unchanged,
    expected,
    cautious: option(contract, projection, projection.expectedAtHorizon + margin),
    canStepDown: expected.tier < unchanged.tier,
  };
}

export interface RenewalCases {
  projection: Projection;
  downgrade: DowngradeCase;
  /** The same case if the recommendations' candidates were set to non-marketing today; null without candidates. */
  withRecommendations: { candidates: number; projection: Projection; downgrade: DowngradeCase } | null;
}

/**
 * Projects to the renewal and builds the downgrade case, with and without the recommendations'
 * candidates demoted today (queued now, they leave at the next update date, if before renewal).
 * `renewal` names a later renewal (the one after the next, once the next one's deadline to
 * request a lower tier has passed); by default the next one.
 */
export function renewalCases(input: ProjectionInput, recommendationCandidates: number, renewal?: LocalDate): RenewalCases {
  if (!Number.isSafeInteger(recommendationCandidates) || recommendationCandidates < 0) {
    throw new RangeError("recommendationCandidates must be a non-negative integer");
  }
  // The case is about the renewal day: always project to it, whatever horizon the input names.
  const toRenewal: ProjectionInput = { ...input };
  delete toRenewal.horizon;
  if (renewal !== undefined) toRenewal.horizon = renewal;
  const projection = project(toRenewal);
  const downgrade = downgradeCase(input.contract, projection);
  if (recommendationCandidates === 0) return { projection, downgrade, withRecommendations: null };
  const scenario = project(applyWhatIfChanges(toRenewal, [{ kind: "applyRecommendation", count: recommendationCandidates }]));
  return {
    projection,
    downgrade,
    withRecommendations: { candidates: recommendationCandidates, projection: scenario, downgrade: downgradeCase(input.contract, scenario) },
  };
}
